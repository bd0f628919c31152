"""Demo step `core.people`: accounts for every role, created through `user_create`/`grant_role`.

Usernames are ``<place>.<unit>.<role>``, e.g. ``donghu.market.clerk`` (东湖区市场监督管理局 经办人),
``donghu.urban.brigade.officer1`` (东湖区城市管理综合执法大队 执法人员), ``city.sysadmin``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from fazhi.core.models import RoleGrant
from fazhi.core.services.users import grant_role, user_create

from .data import CITY_DEPARTMENTS, DEMO_PASSWORD, DISTRICT_DEPARTMENTS, DISTRICTS, Dept
from .names import NameGenerator
from .registry import CORE_ORDER, DemoContext, demo_step

R = RoleGrant.Role


@dataclass(frozen=True)
class Grant:
    """A role over a unit key, with or without its subtree."""

    role: str
    scope: str
    subtree: bool = False


@dataclass(frozen=True)
class Person:
    """One demo account: where it sits, its 职务 and its grants."""

    username: str
    unit: str
    title: str
    grants: tuple[Grant, ...]


def _p(username: str, unit: str, title: str, *grants: Grant) -> Person:
    return Person(username, unit, title, grants)


def city_people() -> list[Person]:
    """The three separated administrators (三员分立), the city leader, supervisors, reviewers."""
    j = "city.justice"
    people = [
        _p("city.sysadmin", j, "系统管理员", Grant(R.SYSTEM_ADMIN, "city", subtree=True)),
        _p("city.secadmin", j, "安全管理员", Grant(R.SECURITY_ADMIN, "city", subtree=True)),
        _p("city.auditadmin", j, "审计管理员", Grant(R.AUDIT_ADMIN, "city", subtree=True)),
        _p("city.leader", "city", "副市长", Grant(R.LEADER, "city", subtree=True)),
        _p("city.justice.head", j, "局长", Grant(R.UNIT_HEAD, j, subtree=True)),
        _p("city.justice.clerk", j, "科员", Grant(R.CLERK, j)),
    ]
    sup, rev = f"{j}.enforcement", f"{j}.legality"
    for suffix, title in (("", "科长"), ("2", "科员")):
        people.append(
            _p(f"{j}.supervisor{suffix}", sup, title, Grant(R.SUPERVISOR, "city", subtree=True))
        )
        people.append(
            _p(f"{j}.reviewer{suffix}", rev, title, Grant(R.LEGAL_REVIEWER, "city", subtree=True))
        )
    for dept in CITY_DEPARTMENTS:
        if dept.key != "justice":
            people += _department_people("city", dept, officers=1)
    return people


def head_title(name: str) -> str:
    """The usual title of a unit's head, from the unit's name."""
    for ending, title in (
        ("委员会", "主任"),
        ("办公室", "主任"),
        ("办事处", "主任"),
        ("馆", "馆长"),
        ("大队", "大队长"),
        ("镇人民政府", "镇长"),
        ("乡人民政府", "乡长"),
    ):
        if name.endswith(ending):
            return title
    return "局长"


def _department_people(gov: str, dept: Dept, *, officers: int) -> list[Person]:
    """Clerk and head of a department; reviewer and officers where it enforces the law."""
    key = f"{gov}.{dept.key}"
    people = [
        _p(f"{key}.head", key, head_title(dept.name), Grant(R.UNIT_HEAD, key, subtree=True)),
        _p(f"{key}.clerk", key, "科员", Grant(R.CLERK, key)),
    ]
    if dept.enforcement or dept.brigade:
        # 法制审核 of penalty decisions is done inside the department, over its brigade too.
        people.append(
            _p(f"{key}.reviewer", key, "法制审核员", Grant(R.LEGAL_REVIEWER, key, subtree=True))
        )
    if dept.enforcement:
        people += _officers(key, officers)
    if dept.brigade:
        team = f"{key}.brigade"
        people += [
            _p(f"{team}.head", team, "大队长", Grant(R.UNIT_HEAD, team, subtree=True)),
            _p(f"{team}.clerk", team, "内勤", Grant(R.CLERK, team)),
            *_officers(team, 3),
        ]
    return people


def _officers(unit: str, n: int) -> list[Person]:
    return [
        _p(f"{unit}.officer{i}", unit, "执法队员", Grant(R.OFFICER, unit)) for i in range(1, n + 1)
    ]


def district_people(district_key: str) -> list[Person]:
    """Leaders, the Justice Bureau's supervisors and reviewers, departments, townships."""
    d, j = district_key, f"{district_key}.justice"
    people = [
        _p(f"{d}.leader", d, "区长", Grant(R.LEADER, d, subtree=True)),
        _p(f"{d}.leader2", d, "副区长", Grant(R.LEADER, d, subtree=True)),
        _p(f"{j}.head", j, "局长", Grant(R.UNIT_HEAD, j, subtree=True)),
        _p(f"{j}.clerk", j, "科员", Grant(R.CLERK, j)),
    ]
    for suffix, title in (("", "科长"), ("2", "科员")):
        people.append(
            _p(
                f"{j}.supervisor{suffix}",
                f"{j}.enforcement",
                title,
                Grant(R.SUPERVISOR, d, subtree=True),
            )
        )
        people.append(
            _p(
                f"{j}.reviewer{suffix}",
                f"{j}.legality",
                title,
                Grant(R.LEGAL_REVIEWER, d, subtree=True),
            )
        )
    for dept in DISTRICT_DEPARTMENTS:
        if dept.key != "justice":
            people += _department_people(d, dept, officers=2)
    district = next(x for x in DISTRICTS if x.key == district_key)
    for town in district.townships:
        key = f"{d}.{town.key}"
        head = "主任" if town.name.endswith("街道") else head_title(f"{town.name}人民政府")
        people += [
            _p(f"{key}.head", key, head, Grant(R.UNIT_HEAD, key, subtree=True)),
            _p(f"{key}.clerk", key, "科员", Grant(R.CLERK, key)),
            *_officers(key, 2),  # 乡镇综合行政执法
        ]
    return people


def staff_plan() -> list[Person]:
    """Every demo account, administrators first (they create the others)."""
    people = city_people()
    for district in DISTRICTS:
        people += district_people(district.key)
    return people


def _create(ctx: DemoContext, person: Person, names: NameGenerator, password_hash: str) -> None:
    user = user_create(
        actor=ctx.actor,
        username=person.username,
        full_name=names.next(),
        org_unit=ctx.unit(person.unit),
        password_hash=password_hash,
        title=person.title,
        must_change_password=False,
    )
    for grant in person.grants:
        grant_role(
            actor=ctx.actor,
            user=user,
            role=grant.role,
            unit=ctx.unit(grant.scope),
            include_subtree=grant.subtree,
        )
    ctx.users[user.username] = user
    ctx.count("users")
    ctx.count("grants", len(person.grants))


@demo_step("core.people", order=CORE_ORDER + 1)
def build_people(ctx: DemoContext) -> None:
    """Create every planned account; the system administrator creates all but itself."""
    names = NameGenerator(ctx.seed)
    # PBKDF2 costs ~0.3 s per hash; every demo account shares the one published demo password,
    # so it is hashed once (a shared salt reveals nothing the published password does not).
    password_hash = make_password(DEMO_PASSWORD)
    for person in staff_plan():
        _create(ctx, person, names, password_hash)
        if person.username == "city.sysadmin":
            ctx.actor = ctx.users["city.sysadmin"]
