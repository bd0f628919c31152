"""The demo data set: structure, valid codes, every role, a verifiable audit chain, the command."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import demo
from fazhi.core.audit import verify_chain
from fazhi.core.demo.names import NameGenerator
from fazhi.core.demo.people import staff_plan
from fazhi.core.demo.registry import CORE_ORDER
from fazhi.core.errors import DomainError
from fazhi.core.identifiers import validate_division, validate_uscc
from fazhi.core.models import AuditEntry, OrgUnit, RoleGrant, User

K = OrgUnit.Kind


CORE_VERBS = ["core.unit_create", "core.user_create", "core.role_grant"]


@pytest.fixture
def ctx(db, extra_steps):
    # App steps may also create units or users through the core services, so the core tallies are
    # compared with the audit trail as it stands right after the core steps, before any app step.
    seen = {}

    def after_core(_ctx):
        seen["core_entries"] = AuditEntry.objects.filter(verb__in=CORE_VERBS).count()

    last_core = max(step.order for name, step in demo.STEPS.items() if name.startswith("core."))
    extra_steps("core.zz_after_core_probe", max(last_core, CORE_ORDER), after_core)
    built = demo.build(seed=7)
    built.core_entries = seen["core_entries"]
    return built


def test_districts_have_about_thirty_departments_and_every_unit_has_valid_codes(ctx):
    # given the loaded demo / when we look under each district government
    for key in ("donghu", "xihu"):
        district = ctx.unit(key)
        children = Counter(district.children.values_list("kind", flat=True))
        # then
        assert 28 <= children[K.DEPARTMENT] <= 35
        assert 6 <= children[K.GOVERNMENT] <= 8  # townships and street offices
        assert children[K.CONGRESS] == children[K.COURT] == children[K.PROCURATORATE] == 1
        brigades = OrgUnit.objects.filter(district.subtree_q(), kind=K.BRIGADE)
        assert brigades.count() >= 7
        assert ctx.unit(f"{key}.justice").name.endswith("区司法局")
    city = ctx.unit("city")
    assert city.parent is None
    assert set(city.children.values_list("kind", flat=True)) >= {
        K.DEPARTMENT,
        K.GOVERNMENT,
        K.CONGRESS,
        K.COURT,
        K.PROCURATORATE,
    }
    # and every unit has a valid, unique credit code and a valid division code
    units = list(OrgUnit.objects.all())
    codes = [u.uscc for u in units if u.kind != K.INTERNAL]
    assert len(units) > 100
    assert all(validate_uscc(code) is None for code in codes)
    assert len(set(codes)) == len(codes)
    assert all(code.startswith(("11", "12")) for code in codes)
    assert all(validate_division(u.division_code) is None for u in units)
    assert all(u.short_name for u in units if u.kind != K.INTERNAL)
    assert ctx.unit("donghu.market").uscc[2:8] == "360102"
    assert ctx.unit("xihu.market").uscc[2:8] == "360103"


def test_every_role_is_held_by_accounts_created_and_audited_through_the_services(ctx):
    # given / when
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    # then
    assert roles == set(RoleGrant.Role.values)
    admins = {
        role: list(RoleGrant.objects.filter(role=role).values_list("user_id", flat=True))
        for role in ("system_admin", "security_admin", "audit_admin")
    }
    assert all(len(ids) == 1 for ids in admins.values())
    admin_ids = {ids[0] for ids in admins.values()}
    assert len(admin_ids) == 3
    assert (
        not RoleGrant.objects.filter(user_id__in=admin_ids).exclude(role__in=admins.keys()).exists()
    )
    supervisor = ctx.user("donghu.justice.supervisor")
    grant = supervisor.grants.get()
    assert (grant.role, grant.unit, grant.include_subtree) == (
        "supervisor",
        ctx.unit("donghu"),
        True,
    )
    # and every account signs in with the documented password, without a forced change
    users = User.objects.all()
    assert users.count() == len(staff_plan())
    assert not users.filter(must_change_password=True).exists()
    assert not users.filter(full_name="").exists()
    clerk = ctx.user("donghu.market.clerk")
    assert clerk.check_password(demo.DEMO_PASSWORD)
    assert clerk.org_unit == ctx.unit("donghu.market")
    assert {row.username for row in demo.key_logins()} == set(demo.KEY_LOGINS)
    # and the whole load went through the audited services and the chain verifies
    problem, _head, count = verify_chain()
    assert problem is None
    expected = ctx.counts["units"] + ctx.counts["users"] + ctx.counts["grants"]
    assert count == AuditEntry.objects.count()
    assert ctx.core_entries == expected
    # and every app step that ran wrote its records through audited paths on the same chain
    apps_with_steps = {name.split(".")[0] for name in demo.STEPS} - {"core"}
    for app in apps_with_steps:
        assert AuditEntry.objects.filter(verb__startswith=f"{app}.").exists(), app
    assert AuditEntry.objects.filter(verb="core.user_create", actor__isnull=True).count() == 1
    assert AuditEntry.objects.filter(verb="core.role_grant", actor=ctx.actor).exists()


def test_names_are_deterministic_per_seed():
    # given
    first, again, other = NameGenerator(1), NameGenerator(1), NameGenerator(2)
    # when
    names = [first.next() for _ in range(50)]
    # then
    assert names == [again.next() for _ in range(50)]
    assert names != [other.next() for _ in range(50)]
    assert len(set(names)) == 50
    assert all(2 <= len(name) <= 3 for name in names)


def test_load_command_refuses_a_database_that_has_units_and_writes_nothing(world):
    # given a database with units
    units, entries = OrgUnit.objects.count(), AuditEntry.objects.count()
    # when / then
    with pytest.raises(CommandError, match="只能装入空数据库"):
        call_command("demo", "load")
    out = StringIO()
    call_command("demo", "load", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()
    assert (OrgUnit.objects.count(), AuditEntry.objects.count()) == (units, entries)
    assert not User.objects.filter(username="city.sysadmin").exists()


def test_load_then_logins_prints_the_key_accounts(db):
    # given / when
    out = StringIO()
    call_command("demo", "load", "--seed", "3", stdout=out)
    call_command("demo", "logins", stdout=out)
    # then
    text = out.getvalue()
    assert "已装入演示数据" in text
    for username in demo.KEY_LOGINS:
        assert username in text
    assert demo.DEMO_PASSWORD in text
    assert "http://127.0.0.1:8000/staff/" in text
    assert "监督人员（东湖区人民政府及下级）" in text


def test_logins_before_loading_says_what_to_do(db):
    with pytest.raises(CommandError, match="fazhi demo load"):
        call_command("demo", "logins")


@pytest.fixture
def extra_steps():
    added = []

    def add(name, order, fn):
        demo.demo_step(name, order=order)(fn)
        added.append(name)

    yield add
    for name in added:
        demo.STEPS.pop(name, None)


def test_app_steps_run_after_core_with_the_shared_context(db, extra_steps):
    # given an app step that uses units and users built by core
    seen = {}

    def app_step(ctx):
        seen["clerk_unit"] = ctx.user("xihu.market.clerk").org_unit_id
        seen["unit"] = ctx.unit("xihu.market").pk

    extra_steps("testapp.records", 100, app_step)
    # when
    demo.build(seed=1)
    # then
    assert seen["clerk_unit"] == seen["unit"]


def test_a_failing_step_rolls_back_the_whole_load(db, extra_steps):
    # given a step that fails after the org tree is built (same order as core.org, later name)
    def broken(ctx):
        assert ctx.units
        raise DomainError("演示步骤出错")

    extra_steps("core.org.broken", 10, broken)
    # when / then
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("demo", "load")
    assert OrgUnit.objects.count() == 0
    assert User.objects.count() == 0
    assert AuditEntry.objects.count() == 0
