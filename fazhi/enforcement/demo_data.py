"""Demo step: subjects, ~200 officers, power lists, benchmarks and ~1,500 historical cases for 东湖区.

Registered by `enforcement/demo.py`. Bulk inserts for speed (the load must stay well under a
minute), each unit's load described by one explicit audit entry (`enforcement.demo_load`) — the
same pattern as the batch ingest. Anomalies for the analytics: a penalty-holding unit with zero
cases (体育局), a unit with one penalty type only (统计局), amounts outside their tier, cases open
beyond 90 days, acts by an uncertified officer. `demo_showcase` then runs a set of cases through
the real services so that every state, clock, transfer and publicity step has a live example.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import audit
from fazhi.core.demo import DemoContext, demo_step
from fazhi.core.demo.data import DISTRICT_DEPARTMENTS
from fazhi.core.models import NumberSequence
from fazhi.core.services.numbering import format_number

from .ingest import _due
from .models import (
    BenchmarkTier,
    Case,
    CaseOfficer,
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    Officer,
    PowerItem,
    TrainingRecord,
)
from .models.registers import DOMAINS, domains_text

S = Case.Status
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
IDS = ["11010519491231002X", "110101199003070011", "360102198506120031"]
ORG = ["91110000600037341L", "91350100M00000019W", "N2440100MA0000007C"]
STATUSES = (
    [S.CLOSED] * 6 + [S.ARCHIVED] * 2 + [S.DECIDED, S.SERVED, S.INVESTIGATING, S.NOTICE, S.FILED]
)


def _name(rng) -> str:  # type: ignore[no-untyped-def]
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])


@demo_step("enforcement.registers_and_cases", order=200)
def registers_and_cases(ctx: DemoContext) -> None:
    """Registers and historical cases of every enforcing department of 东湖区."""
    depts = [d for d in DISTRICT_DEPARTMENTS if d.enforcement or d.brigade]
    numbers: dict[tuple[int, str, int], int] = {}
    for dept in depts:
        _department(ctx, dept, numbers)
    _reserve_numbers(numbers)


def _department(ctx: DemoContext, dept, numbers: dict[tuple[int, str, int], int]) -> None:  # type: ignore[no-untyped-def]
    rng, today = ctx.rng, ctx.today
    key = f"donghu.{dept.key}"
    unit = ctx.unit(key)
    domain = dept.key if dept.key in DOMAINS else "other"
    EnforcementSubject.objects.create(
        org_unit=unit,
        kind=EnforcementSubject.Kind.STATUTORY,
        domains=domains_text([domain]),
        legal_basis="三定方案",
    )
    officers = _officers(ctx, key, unit, domain, 7)
    if dept.brigade:  # the brigade's officers (with their demo logins) act for the department
        brigade = ctx.unit(f"{key}.brigade")
        officers += _officers(ctx, f"{key}.brigade", brigade, domain, 3, reviewer=False)
    short = dept.name.replace("{city}", "").replace("{district}", "")
    items = [
        PowerItem.objects.create(
            org_unit=unit,
            code=f"{dept.key.upper()}-CF-{i}",
            name=f"对{short}领域违法行为{i}的处罚",
            category=PowerItem.Category.PENALTY,
            legal_basis="相关法律法规",
            responsible_unit=unit,
            domain=domain,
            published=True,
            published_on=today,
        )
        for i in (1, 2, 3)
    ]
    items.append(
        PowerItem.objects.create(
            org_unit=unit,
            code=f"{dept.key.upper()}-JC-1",
            name="日常监督检查",
            category=PowerItem.Category.INSPECTION,
            legal_basis="相关法律法规",
            responsible_unit=unit,
            domain=domain,
            published=True,
            published_on=today,
        )
    )
    tiers = {item.pk: _benchmark(item) for item in items[:3]}
    n = 0 if dept.key == "sports" else rng.randint(30, 90)
    cases = [_case(ctx, unit, items, tiers, only_warning=dept.key == "stats") for _ in range(n)]
    _number(unit, cases, numbers)
    Case.objects.bulk_create(cases, batch_size=1000)
    _link_officers(ctx, cases, officers)
    audit.record(
        actor=ctx.actor,
        verb="enforcement.demo_load",
        target=unit,
        unit_id=unit.pk,
        changes={
            "officers": [None, len(officers)],
            "power_items": [None, len(items)],
            "cases": [None, len(cases)],
        },
    )
    ctx.count("执法人员", len(officers))
    ctx.count("执法案件", len(cases))


def _number(unit, cases: list[Case], numbers: dict[tuple[int, str, int], int]) -> None:  # type: ignore[no-untyped-def]
    """Case numbers (and decision numbers) in filing order, as the unit's register would have them."""
    for case in sorted(cases, key=lambda c: c.filed_on):
        kind = f"enforcement_{case.kind}"
        seq_key = (unit.pk, kind, case.filed_on.year)
        numbers[seq_key] = numbers.get(seq_key, 0) + 1
        case.number = format_number(
            prefix=unit.prefix, kind=kind, year=case.filed_on.year, number=numbers[seq_key]
        )
        if case.decided_on and case.penalty_types:
            case.decision_number = case.number.replace("罚〔", "罚决〔")


def _reserve_numbers(numbers: dict[tuple[int, str, int], int]) -> None:
    """Move the unit's number sequences past the historical cases, so new cases continue them."""
    for (unit_id, kind, year), last in numbers.items():
        NumberSequence.objects.update_or_create(
            unit_id=unit_id, kind=kind, year=year, defaults={"last_number": last}
        )


def _link_officers(ctx: DemoContext, cases: list[Case], officers: list[Officer]) -> None:
    rng = ctx.rng
    certified = [o for o in officers if o.certified]  # type: ignore[attr-defined]
    uncertified = [o for o in officers if not o.certified]  # type: ignore[attr-defined]
    links = []
    for case in cases:
        pair = rng.sample(certified, 2)
        if uncertified and rng.random() < 0.02:
            pair = [uncertified[0], pair[0]]  # the uncertified officer acted
            case.officers_certified = False
        links += [
            CaseOfficer(
                case=case,
                officer=o,
                role=CaseOfficer.Role.LEAD if i == 0 else CaseOfficer.Role.ASSIST,
                certificate_number=o.cert_number,  # type: ignore[attr-defined]
                assigned_on=case.filed_on,
            )
            for i, o in enumerate(pair)
        ]
    Case.objects.bulk_update([c for c in cases if not c.officers_certified], ["officers_certified"])
    CaseOfficer.objects.bulk_create(links, batch_size=2000)


def _officers(  # type: ignore[no-untyped-def]
    ctx: DemoContext, key: str, unit, domain: str, n: int, *, reviewer: bool = True
) -> list[Officer]:
    """`n` officers; the last one's certificate has expired, one holds 法律职业资格 (the reviewer)."""
    rng, today = ctx.rng, ctx.today
    out = []
    for i in range(n):
        legal = reviewer and i == n - 2
        user = ctx.users.get(f"{key}.officer{i + 1}") or (
            ctx.users.get(f"{key}.reviewer") if legal else None
        )
        officer = Officer.objects.create(
            org_unit=unit,
            user=user,
            full_name=user.full_name if user else _name(rng),
            domains=domains_text([domain]),
            legal_qualification=legal,
            legal_qualification_number=f"A{rng.randint(10**11, 10**12)}" if legal else "",
        )
        expired = (i == n - 1 and reviewer) or (user is None and rng.random() < 0.05)
        valid_to = (
            today - dt.timedelta(days=rng.randint(10, 300))
            if expired
            else today + dt.timedelta(days=rng.randint(20, 1500))
        )
        officer.cert_number = f"JC{unit.pk:04d}{i:03d}{rng.randint(100, 999)}"  # type: ignore[attr-defined]
        Certificate.objects.create(
            officer=officer,
            number=officer.cert_number,  # type: ignore[attr-defined]
            issuer="江城市人民政府",
            valid_from=valid_to - dt.timedelta(days=1825),
            valid_to=valid_to,
            domains=domains_text([domain]),
        )
        officer.certified = not expired  # type: ignore[attr-defined]
        for course, hours in _trainings(rng):
            TrainingRecord.objects.create(
                officer=officer,
                year=today.year,
                course=course,
                hours=Decimal(hours),
                attended_on=min(today, today.replace(month=rng.randint(1, today.month), day=15)),
            )
        out.append(officer)
    return out


COURSES = ["行政处罚法专题培训", "行政执法证件年度轮训", "执法全过程记录实务", "行政复议与应诉案例"]


def _trainings(rng) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """One to three courses a year; about a third of officers stay below the 60-hour goal."""
    total = rng.choice([24, 40, 56, 64, 72, 80])
    parts = rng.randint(1, 3)
    each = total // parts
    return [(COURSES[k], each) for k in range(parts - 1)] + [
        (COURSES[parts - 1], total - each * (parts - 1))
    ]


def _benchmark(item: PowerItem) -> list[BenchmarkTier]:
    bench = DiscretionBenchmark.objects.create(
        org_unit=item.org_unit,
        power_item=item,
        violation=item.name.removeprefix("对").removesuffix("的处罚"),
        legal_basis=item.legal_basis,
        published=True,
    )
    return BenchmarkTier.objects.bulk_create(
        [
            BenchmarkTier(
                benchmark=bench,
                tier="lighter",
                conditions="初次违法、危害较小",
                amount_min=Decimal(0),
                amount_max=Decimal(5000),
            ),
            BenchmarkTier(
                benchmark=bench,
                tier="normal",
                conditions="一般情节",
                amount_min=Decimal(5000),
                amount_max=Decimal(20000),
            ),
            BenchmarkTier(
                benchmark=bench,
                tier="heavier",
                conditions="多次违法或后果严重",
                amount_min=Decimal(20000),
                amount_max=Decimal(50000),
            ),
        ]
    )


def _case(ctx: DemoContext, unit, items, tiers, *, only_warning: bool) -> Case:  # type: ignore[no-untyped-def]
    rng, today = ctx.rng, ctx.today
    inspection = rng.random() < 0.2
    item = items[3] if inspection else rng.choice(items[:3])
    filed = today - dt.timedelta(days=rng.randint(5, 360))
    status = S.CLOSED if inspection and rng.random() < 0.7 else rng.choice(STATUSES)
    person = rng.random() < 0.5
    case = Case(
        org_unit=unit,
        kind=Case.Kind.INSPECTION if inspection else Case.Kind.PENALTY,
        power_item=item,
        status=status,
        title=f"{item.name.removeprefix('对').removesuffix('的处罚')}案",
        domain=item.domain,
        party_kind="person" if person else "organisation",
        party_name=_name(rng) if person else f"江城{rng.choice(GIVEN)}{rng.choice(GIVEN)}有限公司",
        party_id_number=rng.choice(IDS if person else ORG),
        violation_on=filed - dt.timedelta(days=rng.randint(1, 60)),
        clue_on=filed - dt.timedelta(days=rng.randint(0, 10)),
        filed_on=filed,
    )
    if not inspection:
        case.decision_due_on = _due(filed, 90, "CD")
    decided = status in (S.DECIDED, S.SERVED, S.CLOSED, S.ARCHIVED)
    if decided and not inspection:
        case.decided_on = min(today, filed + dt.timedelta(days=rng.randint(10, 110)))
        if only_warning:
            case.penalty_types = "warning"
        else:
            tier = rng.choice(tiers[item.pk])
            amount = Decimal(rng.randint(int(tier.amount_min), int(tier.amount_max)))
            if rng.random() < 0.04:
                amount = tier.amount_max + Decimal(rng.randint(1000, 9000))
                case.deviation_reason = "情节特别严重"
            case.penalty_types, case.amount, case.benchmark_tier, case.amount_in_tier = (
                "fine",
                amount,
                tier,
                tier.allows(amount),
            )
            case.decision_summary = (
                f"当事人{case.party_name}{case.title.removesuffix('案')}，违反{item.legal_basis}"
                f"的规定。依据该规定，决定处以罚款人民币{amount}元。"
            )
            case.publish_due_on = _due(case.decided_on, 7, "WD")
            base = (
                case.publish_due_on
                if rng.random() < 0.15 and case.publish_due_on
                else case.decided_on
            )
            published = base + dt.timedelta(days=rng.randint(1, 8))
            if published <= today:
                case.publicity, case.published_on = Case.Publicity.PUBLISHED, published
            else:
                case.publicity = Case.Publicity.PENDING
        case.legal_review_required = bool(case.amount and case.amount >= 10000)
        case.legal_review_done = case.legal_review_required
    if status in (S.CLOSED, S.ARCHIVED):
        case.closed_on = min(
            today, (case.decided_on or filed) + dt.timedelta(days=rng.randint(5, 40))
        )
    return case
