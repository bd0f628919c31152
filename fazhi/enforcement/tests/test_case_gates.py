"""Gates of the case flow: every refusal leaves nothing written."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, CaseOfficer, LegalReview

from .conftest import R
from .factories import make_officer
from .flow import decide, filed_case, new_case, to_notice

S = Case.Status
D = dt.date(2024, 3, 1)


def test_uncertified_officer_cannot_be_assigned(world, team):
    # given a filed case and an officer whose certificate expired the day before
    case = filed_case(team, world, filed_on=D, officers=0)
    expired = make_officer(world.market_a, valid_to=D - dt.timedelta(days=1))
    bare = make_officer(world.market_a, certified=False)
    audit_count = AuditEntry.objects.count()
    # when / then
    for officer in (expired, bare):
        with pytest.raises(DomainError, match="无有效执法证"):
            services.case_assign_officer(case=case, officer=officer, actor=team.handler, on=D)
    assert CaseOfficer.objects.filter(case=case).count() == 0
    assert AuditEntry.objects.count() == audit_count


def test_officer_of_another_unit_cannot_be_assigned(world, team):
    case = filed_case(team, world, filed_on=D, officers=0)
    other = make_officer(world.market_b)
    with pytest.raises(DomainError, match="本单位"):
        services.case_assign_officer(case=case, officer=other, actor=team.handler, on=D)


def test_investigation_needs_two_certified_officers(world, team):
    case = filed_case(team, world, filed_on=D, officers=1)
    with pytest.raises(DomainError, match="不得少于两人"):
        services.case_advance(case=case, actor=team.handler, target=S.INVESTIGATING, on=D)
    case.refresh_from_db()
    assert case.status == S.FILED


def test_limitation_period_refuses_stale_filing(world, team):
    # given an act 2 years and 1 day before the filing date
    case = new_case(team, world, clue_on=D, violation_on=dt.date(2022, 2, 28))
    with pytest.raises(DomainError, match="超过 2 年"):
        services.case_file(case=case, actor=team.head, filed_on=D)
    case.refresh_from_db()
    assert case.status == S.CLUE and case.number == ""
    # but with harm to life/health it is 5 years
    harmful = new_case(team, world, clue_on=D, violation_on=dt.date(2020, 3, 2), safety_harm=True)
    assert services.case_file(case=harmful, actor=team.head, filed_on=D).status == S.FILED


def test_continuing_violation_counts_from_its_end(world, team):
    case = new_case(
        team,
        world,
        clue_on=D,
        violation_on=dt.date(2021, 1, 1),
        violation_ended_on=dt.date(2023, 1, 1),
    )
    assert services.case_file(case=case, actor=team.head, filed_on=D).status == S.FILED


def test_no_decision_before_required_review(world, team):
    # given a large fine: legal review is mandatory
    case = to_notice(team, world, filed_on=D, notice_on=D, amount=Decimal(30000))
    assert case.legal_review_required
    # when the head decides straight away, then it is refused and nothing changes
    with pytest.raises(DomainError, match="法制审核"):
        decide(team, case, on=D, amount=Decimal(30000))
    case.refresh_from_db()
    assert case.status == S.NOTICE and case.decided_on is None


def test_reviewer_must_not_be_handler_and_must_be_qualified(world, team):
    case = to_notice(team, world, filed_on=D, notice_on=D, amount=Decimal(30000))
    case = services.case_advance(case=case, actor=team.handler, target=S.LEGAL_REVIEW, on=D)
    # the handler holding the reviewer role too
    from django.db import transaction

    from fazhi.core.services.users import grant_role

    with transaction.atomic():
        grant_role(
            actor=None,
            user=team.handler,
            role=R.LEGAL_REVIEWER,
            unit=world.market_a,
            include_subtree=False,
        )
    team.handler.__dict__.pop("_fazhi_grants", None)
    with pytest.raises(DomainError, match="承办人"):
        services.legal_review_record(
            case=case, reviewer=team.handler, result="passed", opinion="同意", reviewed_on=D
        )
    # a reviewer without 法律职业资格
    unqualified = make_user(world.market_a, R.LEGAL_REVIEWER)
    make_officer(world.market_a, user=unqualified, legal=False)
    with pytest.raises(DomainError, match="法律职业资格"):
        services.legal_review_record(
            case=case, reviewer=unqualified, result="passed", opinion="同意", reviewed_on=D
        )
    assert LegalReview.objects.count() == 0
    # a qualified reviewer passes it, then the decision goes through
    services.legal_review_record(
        case=case, reviewer=team.reviewer, result="passed", opinion="同意", reviewed_on=D
    )
    from fazhi.enforcement.models import BenchmarkTier

    heavier = BenchmarkTier.objects.get(benchmark__power_item=team.item, tier="heavier")
    case = decide(team, case, on=D, amount=Decimal(30000), tier=heavier)
    assert case.status == S.DECIDED and case.amount_in_tier is True


def test_failed_review_blocks_decision(world, team):
    case = to_notice(team, world, filed_on=D, notice_on=D, amount=Decimal(30000))
    case = services.case_advance(case=case, actor=team.handler, target=S.LEGAL_REVIEW, on=D)
    services.legal_review_record(
        case=case, reviewer=team.reviewer, result="failed", opinion="事实不清", reviewed_on=D
    )
    with pytest.raises(DomainError, match="审核通过"):
        decide(team, case, on=D, amount=Decimal(30000))


def test_simplified_procedure_limits(world, team):
    # given a simplified case against a person
    case = new_case(team, world, clue_on=D, procedure=Case.Procedure.SIMPLIFIED)
    case = services.case_file(case=case, actor=team.head, filed_on=D)
    for officer in team.officers:
        services.case_assign_officer(case=case, officer=officer, actor=team.handler, on=D)
    # a 201-yuan fine is refused, as is a confiscation
    with pytest.raises(DomainError, match="200"):
        services.case_decide(
            case=case,
            actor=team.head,
            decided_on=D,
            decision_number="当场1号",
            penalty_types=["fine"],
            amount=Decimal(201),
            benchmark_tier=None,
        )
    with pytest.raises(DomainError, match="警告或者罚款"):
        services.case_decide(
            case=case,
            actor=team.head,
            decided_on=D,
            decision_number="当场1号",
            penalty_types=["confiscation"],
            amount=None,
        )
    # 200 yuan is fine (a simplified fine below the benchmark floor needs no tier here)
    from fazhi.enforcement.models import BenchmarkTier

    tier = BenchmarkTier.objects.get(benchmark__power_item=team.item, tier="lighter")
    case = services.case_decide(
        case=case,
        actor=team.head,
        decided_on=D,
        decision_number="当场1号",
        penalty_types=["fine"],
        amount=Decimal(200),
        benchmark_tier=tier,
    )
    assert case.status == S.DECIDED


def test_organisation_simplified_ceiling_is_3000(world, team):
    case = new_case(
        team,
        world,
        clue_on=D,
        procedure=Case.Procedure.SIMPLIFIED,
        party_kind="organisation",
        party_name="江城某公司",
        party_id_number="91110000600037341L",
    )
    case = services.case_file(case=case, actor=team.head, filed_on=D)
    for officer in team.officers:
        services.case_assign_officer(case=case, officer=officer, actor=team.handler, on=D)
    with pytest.raises(DomainError, match="3000"):
        services.case_decide(
            case=case,
            actor=team.head,
            decided_on=D,
            decision_number="当场2号",
            penalty_types=["fine"],
            amount=Decimal(3001),
        )


def test_bad_party_identifiers_are_refused(world, team):
    with pytest.raises(DomainError, match="校验位"):
        new_case(team, world, clue_on=D, party_id_number="110105194912310021")
    with pytest.raises(DomainError, match="统一社会信用代码"):
        new_case(
            team, world, clue_on=D, party_kind="organisation", party_id_number="91110000600037341K"
        )
    assert Case.objects.count() == 0


def test_power_item_must_be_in_the_units_list(world, team):
    from .factories import make_power_item

    foreign = make_power_item(world.market_b)
    with pytest.raises(DomainError, match="权责清单"):
        services.case_create(
            actor=team.handler,
            unit=world.market_a,
            kind="penalty",
            power_item=foreign,
            clue_on=D,
            title="x",
            party_kind="person",
            party_name="张三",
            party_id_number="11010519491231002X",
            violation_on=D,
        )


def test_sibling_unit_cannot_act_on_case(world, team, clerk_b):
    case = filed_case(team, world, filed_on=D)
    with pytest.raises(DomainError):
        services.case_advance(case=case, actor=clerk_b, target=S.INVESTIGATING, on=D)
    case.refresh_from_db()
    assert case.status == S.FILED
