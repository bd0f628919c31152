"""The lifecycle through the services: every step, every clock, every hard gate."""

import datetime as dt

import pytest
from django.http import Http404

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.normdocs import services
from fazhi.normdocs.models import CommentPeriod, DocumentEvent, Filing, NormativeDocument
from fazhi.normdocs.tests.conftest import draft, to_published, to_review

S = NormativeDocument.Status


def test_full_lifecycle_from_draft_to_in_force(world, team):
    # when a document goes through every step
    doc = to_published(world, team)
    # then it has a gap-free number, publication, and each step on its timeline
    assert doc.status == S.PUBLISHED
    assert doc.doc_number == "东市监规〔2026〕1号"
    assert doc.publication.interpretation_text.startswith("本规定")
    kinds = list(doc.events.values_list("kind", flat=True))
    for kind in (
        "create",
        "evaluate",
        "comment_open",
        "comment_close",
        "dept_precheck",
        "review_submit",
        "review",
        "deliberate",
        "sign",
        "register",
        "publish",
    ):
        assert kind in kinds
    assert AuditEntry.objects.filter(verb="normdocs.publish", target_id=str(doc.pk)).exists()
    # and filing within the clock, then registration by the district government's reviewer
    filing = services.filing_submit(actor=team.clerk, doc=doc, filed_on=dt.date(2026, 6, 1))
    assert filing.filed_to == world.district_a
    # 30 CD from 05-20 is 06-19, 端午节 (a holiday): rolled to Monday 06-22
    assert filing.due_on == dt.date(2026, 6, 22)
    assert filing.on_time
    services.filing_register(actor=team.supervisor, filing=filing, outcome="registered")
    doc.refresh_from_db()
    assert doc.status == S.IN_FORCE


def test_comment_period_is_at_least_30_calendar_days(world, team):
    doc = draft(world, team)
    services.document_evaluate(actor=team.clerk, doc=doc, note="必要")
    # when the clerk tries a 20-day period
    with pytest.raises(DomainError, match="截止日期不得早于 2026-04-01"):
        services.comment_period_open(
            actor=team.clerk,
            doc=doc,
            opened_on=dt.date(2026, 3, 2),
            channel="网站",
            closes_on=dt.date(2026, 3, 22),
        )
    # then nothing was written
    assert not CommentPeriod.objects.exists()
    doc.refresh_from_db()
    assert doc.status == S.EVALUATED
    # and the default closing date is 30 CD later (10-01, 国庆), rolled to the first working day
    period = services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=dt.date(2026, 9, 1), channel="网站"
    )
    assert period.closes_on == dt.date(2026, 10, 8)
    # and it cannot be closed early
    with pytest.raises(DomainError, match="不能提前结束"):
        services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 10, 7))


def test_legality_review_window_is_15_working_days(world, team):
    doc = to_review(world, team)
    review = doc.legality_reviews.get()
    assert review.received_on == dt.date(2026, 4, 7)
    assert review.due_on == dt.date(2026, 4, 28)  # 15 WD after 04-07


def test_no_deliberation_without_a_passed_review(world, team):
    # given a document whose review found it illegal
    doc = to_review(world, team)
    review = doc.legality_reviews.get()
    with pytest.raises(DomainError, match="严禁事项"):
        services.legality_review_record(
            actor=team.legal, review=review, opinion="legal", violations={"penalty"}
        )
    services.legality_review_record(
        actor=team.legal,
        review=review,
        opinion="illegal",
        violations={"penalty"},
        notes="第三条设定罚款",
    )
    doc.refresh_from_db()
    assert doc.status == S.REVISE
    audit_before = AuditEntry.objects.count()
    # when the head tries to deliberate it
    with pytest.raises(DomainError, match="不合法.*不得提交集体审议"):
        services.deliberation_record(
            actor=team.head,
            doc=doc,
            meeting="局务会",
            meeting_on=dt.date(2026, 5, 6),
            decision="approved",
        )
    # then nothing was written
    assert doc.deliberations.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_no_deliberation_before_any_review(world, team):
    doc = draft(world, team)
    with pytest.raises(DomainError, match="未经合法性审核"):
        services.deliberation_record(
            actor=team.head,
            doc=doc,
            meeting="局务会",
            meeting_on=dt.date(2026, 5, 6),
            decision="approved",
        )


def test_legal_with_changes_needs_a_new_version_before_deliberation(world, team):
    doc = to_review(world, team)
    services.legality_review_record(
        actor=team.legal,
        review=doc.legality_reviews.get(),
        opinion="legal_with_changes",
        notes="删除第四条“当场”",
        completed_on=dt.date(2026, 4, 20),
    )
    with pytest.raises(DomainError, match="修改后合法"):
        services.deliberation_record(
            actor=team.head,
            doc=doc,
            meeting="局务会",
            meeting_on=dt.date(2026, 5, 6),
            decision="approved",
        )
    with pytest.raises(DomainError, match="新稿"):
        services.document_confirm_changes(actor=team.clerk, doc=doc)
    services.version_add(
        actor=team.clerk, doc=doc, text="第一条 修改后的文本。", note="按审核意见修改"
    )
    services.document_confirm_changes(actor=team.clerk, doc=doc)
    services.deliberation_record(
        actor=team.head,
        doc=doc,
        meeting="局务会",
        meeting_on=dt.date(2026, 5, 6),
        decision="approved",
    )
    doc.refresh_from_db()
    assert doc.status == S.DELIBERATED


def test_no_numbering_without_decision_and_no_publication_without_number(world, team):
    doc = to_review(world, team)
    with pytest.raises(DomainError, match="未经集体审议决定"):
        services.document_register(actor=team.supervisor, doc=doc)
    with pytest.raises(DomainError, match="未经统一登记编号"):
        services.document_publish(
            actor=team.supervisor,
            doc=doc,
            published_on=dt.date(2026, 5, 20),
            channel="网站",
            interpretation_title="解读",
            interpretation_text="解读",
        )
    doc.refresh_from_db()
    assert doc.doc_number == "" and doc.status == S.LEGALITY_REVIEW


def test_no_publication_without_interpretation(world, team):
    doc = to_review(world, team)
    services.legality_review_record(
        actor=team.legal,
        review=doc.legality_reviews.get(),
        opinion="legal",
        completed_on=dt.date(2026, 4, 20),
    )
    services.deliberation_record(
        actor=team.head,
        doc=doc,
        meeting="局务会",
        meeting_on=dt.date(2026, 5, 6),
        decision="approved",
    )
    services.document_sign(actor=team.head, doc=doc, signer="张局长", signed_on=dt.date(2026, 5, 8))
    services.document_register(actor=team.supervisor, doc=doc, year=2026)
    with pytest.raises(DomainError, match="政策解读"):
        services.document_publish(
            actor=team.supervisor,
            doc=doc,
            published_on=dt.date(2026, 5, 20),
            channel="网站",
            interpretation_title="解读",
            interpretation_text="  ",
        )
    doc.refresh_from_db()
    assert doc.status == S.REGISTERED and doc.published_on is None


def test_no_filing_of_an_unpublished_document(world, team):
    doc = to_review(world, team)
    with pytest.raises(DomainError, match="未公布的文件不得报送备案"):
        services.filing_submit(actor=team.clerk, doc=doc)
    assert not Filing.objects.exists()


def test_fair_competition_review_is_required_when_affecting_the_market(world, team):
    doc = draft(world, team, affects_market=True)
    services.document_evaluate(actor=team.clerk, doc=doc, note="必要")
    services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=dt.date(2026, 3, 2), channel="网站"
    )
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 4, 1))
    with pytest.raises(DomainError, match="公平竞争审查"):
        services.dept_precheck_record(actor=team.legal, doc=doc, opinion="同意")
    doc.refresh_from_db()
    assert doc.status == S.COMMENT_CLOSED


def test_unhandled_comments_block_the_precheck(world, team):
    doc = draft(world, team)
    services.document_evaluate(actor=team.clerk, doc=doc, note="必要")
    services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=dt.date(2026, 3, 2), channel="网站"
    )
    comment = services.comment_add(
        actor=team.clerk,
        doc=doc,
        commenter="某企业",
        content="建议缩短办理时限",
        received_on=dt.date(2026, 3, 10),
    )
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 4, 1))
    with pytest.raises(DomainError, match="1 条公众意见未处理"):
        services.dept_precheck_record(actor=team.legal, doc=doc, opinion="同意")
    with pytest.raises(DomainError, match="说明理由"):
        services.comment_handle(actor=team.clerk, comment=comment, handling="rejected")
    services.comment_handle(
        actor=team.clerk, comment=comment, handling="rejected", reason="法定时限不能缩短"
    )
    services.dept_precheck_record(actor=team.legal, doc=doc, opinion="同意")


def test_sibling_clerk_cannot_touch_a_draft(world, team, clerk_b):
    doc = draft(world, team)
    with pytest.raises(Http404):
        services.document_evaluate(actor=clerk_b, doc=doc, note="越权")
    doc.refresh_from_db()
    assert doc.status == S.DRAFT
    assert not DocumentEvent.objects.filter(kind="evaluate").exists()


def test_validity_limits(world, team):
    with pytest.raises(DomainError, match="不得超过 5 年"):
        draft(world, team, expires_on=dt.date(2031, 7, 1))
    with pytest.raises(DomainError, match="暂行、试行的文件有效期不得超过 2 年"):
        draft(world, team, is_provisional=True, expires_on=dt.date(2029, 1, 1))
    with pytest.raises(DomainError, match="晚于施行日期"):
        draft(world, team, expires_on=dt.date(2026, 6, 1))
    assert not NormativeDocument.objects.exists()
