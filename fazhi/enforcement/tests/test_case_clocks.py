"""Clocks of §9 reproduced through the case flow (C2, C3, C5, E2, E3) and the deviation flag."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import Notification
from fazhi.core.testing import make_user
from fazhi.enforcement import services
from fazhi.enforcement.models import BenchmarkTier, Case

from .conftest import R
from .flow import decide, filed_case, to_notice

S = Case.Status


def test_c2_decision_limit_with_extension(world, team):
    # given a case filed 2024-07-15: 90 CD
    case = filed_case(team, world, filed_on=dt.date(2024, 7, 15))
    assert case.decision_due_on == dt.date(2024, 10, 14)  # 10-13 is a Sunday → rolls forward
    # when the head approves +30 CD
    case = services.case_extend(
        case=case, actor=team.head, days=30, reason="案情复杂", approved_on=dt.date(2024, 9, 1)
    )
    # then 120 CD → 11-12
    assert case.decision_due_on == dt.date(2024, 11, 12)


def test_extension_needs_reason_and_head(world, team):
    case = filed_case(team, world, filed_on=dt.date(2024, 7, 15))
    with pytest.raises(DomainError, match="理由"):
        services.case_extend(
            case=case, actor=team.head, days=30, reason=" ", approved_on=dt.date(2024, 9, 1)
        )
    with pytest.raises(DomainError):
        services.case_extend(
            case=case, actor=team.handler, days=30, reason="x", approved_on=dt.date(2024, 9, 1)
        )
    case.refresh_from_db()
    assert case.extension_days == 0


def test_c3_hearing_request_within_5_wd_of_notice(world, team):
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 27))
    assert case.hearing_request_due_on == dt.date(2024, 10, 10)
    with pytest.raises(DomainError, match="听证申请期限"):
        services.case_advance(
            case=case, actor=team.handler, target=S.HEARING, on=dt.date(2024, 10, 11)
        )
    case = services.case_advance(
        case=case, actor=team.handler, target=S.HEARING, on=dt.date(2024, 10, 10)
    )
    assert case.hearing_requested


def test_hearing_requested_blocks_decision_until_held(world, team):
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 27))
    case = services.case_advance(
        case=case, actor=team.handler, target=S.HEARING, on=dt.date(2024, 10, 8)
    )
    with pytest.raises(DomainError, match="听证"):
        decide(team, case, on=dt.date(2024, 10, 9))
    case = services.case_record_hearing(
        case=case, actor=team.handler, held_on=dt.date(2024, 10, 15)
    )
    # a hearing makes legal review mandatory
    assert case.legal_review_required
    with pytest.raises(DomainError, match="法制审核"):
        decide(team, case, on=dt.date(2024, 10, 16))


def test_c5_service_within_7_wd_and_e3_publicity_7_wd(world, team):
    case = to_notice(team, world, filed_on=dt.date(2024, 1, 10), notice_on=dt.date(2024, 1, 20))
    case = decide(team, case, on=dt.date(2024, 2, 8))
    assert case.service_due_on == dt.date(2024, 2, 23)  # C5
    other = to_notice(team, world, filed_on=dt.date(2024, 1, 10), notice_on=dt.date(2024, 1, 20))
    other = decide(team, other, on=dt.date(2024, 2, 5))
    assert other.publicity == Case.Publicity.PENDING
    assert other.publish_due_on == dt.date(2024, 2, 20)  # E3
    served = services.case_serve(case=other, actor=team.handler, served_on=dt.date(2024, 2, 6))
    assert served.payment_due_on == dt.date(2024, 2, 21)  # 15 CD, 2-21 is a working day


def test_e2_publicity_20_wd_when_configured(world, team, settings):
    settings.FAZHI_ENFORCEMENT_PUBLICITY_PENALTY_WD = 20
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 10))
    case = decide(team, case, on=dt.date(2024, 9, 27))
    assert case.publish_due_on == dt.date(2024, 10, 30)


def test_benchmark_deviation_needs_reason_and_notifies_supervisors(world, team):
    supervisor_a = make_user(world.district_a, R.SUPERVISOR, subtree=True)
    case = to_notice(
        team,
        world,
        filed_on=dt.date(2024, 9, 2),
        notice_on=dt.date(2024, 9, 10),
        amount=Decimal(8000),
    )
    lighter = BenchmarkTier.objects.get(benchmark__power_item=team.item, tier="lighter")
    with pytest.raises(DomainError, match="书面说明理由"):
        decide(team, case, on=dt.date(2024, 9, 27), amount=Decimal(8000), tier=lighter)
    assert not Notification.objects.exists()
    case = decide(
        team, case, on=dt.date(2024, 9, 27), amount=Decimal(8000), tier=lighter, reason="多次违法"
    )
    assert case.amount_in_tier is False
    assert Notification.objects.filter(
        recipient=supervisor_a, title__contains="偏离裁量基准"
    ).exists()
    sibling_supervisor = make_user(world.justice_b, R.SUPERVISOR, subtree=True)
    assert not Notification.objects.filter(recipient=sibling_supervisor).exists()
