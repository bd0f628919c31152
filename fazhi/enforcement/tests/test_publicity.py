"""Publicity: masked on the portal, withdrawn after a revocation within 3 WD, full flow to archive."""

import datetime as dt

import pytest
from django.http import Http404

from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Case, CaseEvent

from .flow import decide, to_notice

S = Case.Status


def test_full_flow_publish_mask_revoke_withdraw(world, team):
    # given a decided, served and paid case
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 10))
    case = decide(team, case, on=dt.date(2024, 9, 27))
    case = services.case_serve(case=case, actor=team.handler, served_on=dt.date(2024, 9, 29))
    case = services.case_advance(
        case=case,
        actor=team.head,
        target=S.CLOSED,
        on=dt.date(2024, 10, 9),
        paid_on=dt.date(2024, 10, 8),
    )
    case = services.case_advance(
        case=case, actor=team.handler, target=S.ARCHIVED, on=dt.date(2024, 10, 10)
    )
    # when it is published
    services.case_publish(case=case, actor=team.handler, published_on=dt.date(2024, 10, 8))
    public = selectors.published_decision(case.pk)
    # then personal data are masked
    assert public["party"] == "张*" and public["party_id"] == "110105********002X"
    assert "13812345678" not in public["summary"] and "张三" not in public["summary"]
    # when reconsideration revokes it
    case = services.case_mark_revoked(
        case=case,
        by="reconsideration",
        outcome="撤销",
        decided_on=dt.date(2024, 11, 29),
        actor=None,
    )
    assert case.withdraw_due_on == dt.date(2024, 12, 4)  # 3 WD
    services.case_withdraw_publicity(case=case, actor=team.handler, on=dt.date(2024, 12, 2))
    # then it is gone from the portal
    with pytest.raises(Http404):
        selectors.published_decision(case.pk)
    assert len(selectors.published_decisions()) == 0
    assert CaseEvent.objects.filter(case=case).count() >= 10


def test_revoked_before_publication_is_no_longer_due(world, team):
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 10))
    case = decide(team, case, on=dt.date(2024, 9, 27))
    case = services.case_mark_revoked(
        case=case, by="litigation", outcome="确认违法", decided_on=dt.date(2024, 9, 30), actor=None
    )
    assert case.publicity == Case.Publicity.NOT_REQUIRED
    with pytest.raises(DomainError):
        services.case_publish(case=case, actor=team.handler, published_on=dt.date(2024, 10, 1))


def test_mark_revoked_refuses_bad_input(world, team):
    case = to_notice(team, world, filed_on=dt.date(2024, 9, 2), notice_on=dt.date(2024, 9, 10))
    with pytest.raises(DomainError, match="尚未作出决定"):
        services.case_mark_revoked(
            case=case, by="litigation", outcome="撤销", decided_on=dt.date(2024, 10, 1), actor=None
        )
    case = decide(team, case, on=dt.date(2024, 9, 27))
    with pytest.raises(DomainError, match="纠错途径"):
        services.case_mark_revoked(
            case=case, by="court", outcome="撤销", decided_on=dt.date(2024, 10, 1), actor=None
        )
    case.refresh_from_db()
    assert case.revoked_on is None
