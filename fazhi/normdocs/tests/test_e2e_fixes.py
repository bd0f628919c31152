"""What the browser walk-through (tests/test_browser_normdocs.py) found, each pinned by a focused test.

Clocks and gates the UI let through, pages that showed codes or stale statuses, the public cleanup
results, and the public selectors the portal reads.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.testing import ROLES, make_unit, make_user
from fazhi.normdocs import services
from fazhi.normdocs.diff import diff_articles
from fazhi.normdocs.models import CleanupCampaign, Comment, Filing, NormativeDocument
from fazhi.normdocs.selectors import (
    published_campaign_items,
    published_filing_info,
    published_related,
    published_versions,
)
from fazhi.normdocs.tests.conftest import draft, to_published, to_review
from fazhi.normdocs.tests.factories import make_document

S = NormativeDocument.Status


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _in_comment(world, team):
    doc = draft(world, team)
    services.document_evaluate(actor=team.clerk, doc=doc, note="确有必要")
    services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=dt.date(2026, 3, 2), channel="区政府门户网站"
    )
    doc.refresh_from_db()
    return doc


# ---- clocks and gates ---------------------------------------------------------------------------


def test_the_comment_period_cannot_be_closed_with_a_future_date(world, team):
    # given a period opened today (it runs 30 days)
    doc = draft(world, team)
    services.document_evaluate(actor=team.clerk, doc=doc, note="确有必要")
    today = timezone.localdate()
    period = services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=today, channel="区政府门户网站"
    )
    audits = AuditEntry.objects.count()
    # when the clerk types the closing day as the end date, today
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.comment_period_close(actor=team.clerk, doc=doc, closed_on=period.closes_on)
    # then nothing changed: the period still runs
    doc.refresh_from_db()
    assert doc.status == S.PUBLIC_COMMENT and AuditEntry.objects.count() == audits


def test_comments_are_registered_only_while_the_period_runs(world, team):
    doc = _in_comment(world, team)
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 4, 1))
    doc.refresh_from_db()
    with pytest.raises(DomainError, match="征求意见期已结束"):
        services.comment_add(
            actor=team.clerk,
            doc=doc,
            commenter="某企业",
            content="补一条意见",
            received_on=dt.date(2026, 3, 20),
        )
    assert not Comment.objects.exists()


def test_comment_handling_is_frozen_once_the_legal_office_has_prechecked(world, team, client):
    # given a comment handled and the draft sent on to the legality review
    doc = _in_comment(world, team)
    comment = services.comment_add(
        actor=team.clerk,
        doc=doc,
        commenter="某企业",
        content="建议简化材料",
        received_on=dt.date(2026, 3, 5),
    )
    services.comment_handle(actor=team.clerk, comment=comment, handling="adopted")
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 4, 1))
    services.dept_precheck_record(actor=team.legal, doc=doc, opinion="同意报送")
    # when the clerk tries to rewrite the handling afterwards
    with pytest.raises(DomainError, match="不能再修改"):
        services.comment_handle(
            actor=team.clerk, comment=comment, handling="rejected", reason="改主意"
        )
    comment.refresh_from_db()
    assert comment.handling == "adopted"
    # and the page offers no handling form any more (nor the panel step without a comment)
    client.force_login(team.clerk)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "comment_handle-handling" not in page


def test_the_step_panel_never_offers_comment_handling_without_a_comment(world, team, client):
    doc = _in_comment(world, team)
    client.force_login(team.clerk)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert '<summary class="btn">处理意见</summary>' not in page
    assert '<summary class="btn">登记意见</summary>' in page


def test_a_department_cannot_issue_a_government_document_nor_an_internal_unit_any(world, team):
    with pytest.raises(DomainError, match="不是人民政府") as exc:
        draft(world, team, kind="government")
    assert exc.value.field == "kind"
    office = make_unit("东湖区市场监督管理局办公室", parent=world.market_a, kind="internal")
    with pytest.raises(DomainError, match="内设机构"):
        draft(world, team, org_unit=office, drafting_unit=world.market_a)
    assert not NormativeDocument.objects.exists()


def test_a_government_document_of_the_district_is_accepted(world, team):
    clerk = make_user(world.district_a, ROLES.CLERK)
    doc = draft(world, team, actor=clerk, kind="government", org_unit=world.district_a)
    assert doc.kind == "government"


def test_the_new_draft_form_defaults_to_a_department_document(world, team, client):
    client.force_login(team.clerk)
    page = client.get(reverse("normdocs:document-new")).content.decode()
    assert '<option value="department" selected>' in page


def test_filing_is_not_offered_twice_to_the_same_body(world, team, client):
    doc = to_published(world, team)
    client.force_login(team.clerk)
    assert (
        '<summary class="btn">报送备案</summary>'
        in client.get(doc.get_absolute_url()).content.decode()
    )
    services.filing_submit(actor=team.clerk, doc=doc, filed_on=dt.date(2026, 5, 25))
    page = client.get(doc.get_absolute_url()).content.decode()
    assert '<summary class="btn">报送备案</summary>' not in page


# ---- pages --------------------------------------------------------------------------------------


def test_the_timeline_shows_status_labels_not_codes(world, team, client):
    doc = _in_comment(world, team)
    client.force_login(team.clerk)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "<td>征求意见中</td>" in page and "<td>public_comment</td>" not in page


def test_a_status_change_shows_on_the_portal_page_at_once(
    world, team, client, django_capture_on_commit_callbacks
):
    # given a published document whose public page has just been rendered (and cached)
    doc = to_published(world, team)
    url = f"/normdocs/{doc.pk}/"
    assert "现行有效" in client.get(url).content.decode()
    # when the bureau head repeals it
    with django_capture_on_commit_callbacks(execute=True):
        services.document_end(actor=team.head, doc=doc, target="repealed", reason="上位法废止")
    # then the next visitor sees 已废止, not the cached 现行有效
    page = client.get(url).content.decode()
    assert "已废止" in page and "现行有效" not in page


def test_an_amended_document_points_to_the_amendment(world, team, client):
    doc = to_published(world, team)
    new = services.document_amend_start(actor=team.clerk, doc=doc)
    NormativeDocument.objects.filter(pk=new.pk).update(
        status=S.PUBLISHED, doc_number="东市监规〔2026〕9号", published_on=dt.date(2026, 6, 1)
    )
    NormativeDocument.objects.filter(pk=doc.pk).update(status=S.AMENDED, repealed_by=new)
    page = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "现行文本以修改后的文件为准" in page and f'href="/normdocs/{new.pk}/"' in page


def test_a_renumbered_article_is_labelled_so():
    old = "第一条 甲。\n第二条 乙。"
    new = "第一条 甲。\n第二条 新增的条文内容。\n第三条 乙。"
    kinds = [(c.kind, c.kind_label) for c in diff_articles(old, new)]
    assert kinds == [("same", "未变"), ("added", "新增"), ("same", "条序调整")]


# ---- public selectors and the cleanup results ----------------------------------------------------


def test_related_documents_take_one_query_when_the_chain_is_known(world):
    original = make_document(world.market_a, status=S.AMENDED, published_on=dt.date(2024, 1, 1))
    amended = make_document(
        world.market_a, status=S.IN_FORCE, supersedes=original, relation="amend"
    )
    citing = make_document(
        world.market_b, status=S.PUBLISHED, body_text=f"根据{amended.doc_number}制定。"
    )
    repeal = make_document(
        world.market_a, status=S.PUBLISHED, supersedes=amended, relation="repeal"
    )
    make_document(world.market_a, status=S.DRAFT, body_text=f"根据{amended.doc_number}起草。")
    versions = published_versions(amended)
    with CaptureQueriesContext(connection) as queries:
        related = published_related(amended, versions=versions)
    assert len(queries) == 1
    assert related == [citing, repeal] == published_related(amended)


def test_the_public_learns_only_whether_and_when_a_document_was_filed(world):
    doc = make_document(world.market_a, status=S.FILED)
    assert not published_filing_info(doc).filed
    Filing.objects.create(
        document=doc,
        filed_to=world.district_a,
        due_on=dt.date(2026, 1, 19),
        filed_on=dt.date(2026, 1, 9),
        review_notes="内部意见",
    )
    info = published_filing_info(doc)
    assert info.filed and info.filed_on == dt.date(2026, 1, 9)
    assert not published_filing_info(make_document(world.market_a)).filed  # a draft: nothing


def _campaign(world, team, *, publish: bool):
    keep = make_document(world.market_a, status=S.IN_FORCE, title="保留的文件")
    drop = make_document(world.market_a, status=S.IN_FORCE, title="废止的文件")
    deadline = timezone.localdate() + dt.timedelta(days=10)
    campaign = services.campaign_create(
        actor=team.supervisor, org_unit=world.district_a, title="年度清理", deadline=deadline
    )
    services.campaign_add_documents(
        actor=team.supervisor, campaign=campaign, documents=[keep, drop]
    )
    for item in campaign.items.select_related("document"):
        keeping = item.document == keep
        services.cleanup_item_decide(
            actor=team.supervisor,
            item=item,
            outcome="keep" if keeping else "repeal",
            reason="继续适用" if keeping else "上位法已修改",
        )
    if publish:
        services.campaign_publish(actor=team.supervisor, campaign=campaign)
    return campaign


def test_cleanup_results_are_public_once_published(world, team, client):
    campaign = _campaign(world, team, publish=True)
    listing = client.get("/normdocs/cleanup/").content.decode()
    assert "年度清理" in listing
    page = client.get(f"/normdocs/cleanup/{campaign.pk}/").content.decode()
    assert "保留的文件" in page and "继续适用" in page
    assert "废止的文件" in page and "上位法已修改" in page
    assert "保留 1 件" in page and "废止 1 件" in page
    assert team.supervisor.full_name not in page  # owners and deciders stay internal
    assert NormativeDocument.objects.get(title="废止的文件").status == S.REPEALED


def test_a_cleanup_under_way_is_not_public(world, team, client):
    campaign = _campaign(world, team, publish=False)
    assert "年度清理" not in client.get("/normdocs/cleanup/").content.decode()
    assert client.get(f"/normdocs/cleanup/{campaign.pk}/").status_code == 404
    assert client.get("/normdocs/cleanup/abc/").status_code == 404
    assert list(published_campaign_items(campaign)) == []
    assert CleanupCampaign.objects.get().status == "open"


def test_steps_cannot_be_dated_before_the_step_they_rest_on(world, team):
    # given a draft that passed its legality review on 20 April
    doc = to_review(world, team)
    services.legality_review_record(
        actor=team.legal,
        review=doc.legality_reviews.get(),
        opinion="legal",
        completed_on=dt.date(2026, 4, 20),
    )
    # then the meeting cannot predate the review, the signature the meeting, publication the signature
    with pytest.raises(DomainError, match="会议日期不能早于合法性审核意见出具日期"):
        services.deliberation_record(
            actor=team.head,
            doc=doc,
            meeting="局务会议",
            meeting_on=dt.date(2026, 4, 19),
            decision="approved",
        )
    services.deliberation_record(
        actor=team.head,
        doc=doc,
        meeting="局务会议",
        meeting_on=dt.date(2026, 5, 6),
        decision="approved",
    )
    with pytest.raises(DomainError, match="签发日期不能早于集体审议日期"):
        services.document_sign(
            actor=team.head, doc=doc, signer="王局长", signed_on=dt.date(2026, 5, 5)
        )
    services.document_sign(actor=team.head, doc=doc, signer="王局长", signed_on=dt.date(2026, 5, 8))
    services.document_register(actor=team.supervisor, doc=doc, year=2026)
    with pytest.raises(DomainError, match="公布日期不能早于签发日期"):
        services.document_publish(
            actor=team.supervisor,
            doc=doc,
            published_on=dt.date(2026, 5, 7),
            channel="区政府门户网站",
            interpretation_title="解读",
            interpretation_text="主要内容……",
            expires_on=dt.date(2028, 5, 6),
        )
    doc.refresh_from_db()
    assert doc.status == S.REGISTERED and doc.published_on is None


def test_a_refused_step_comes_back_open_with_what_was_typed(world, team, client):
    # given a draft under legality review
    doc = to_review(world, team)
    client.force_login(team.legal)
    # when the reviewer ticks a blocking item but chooses 合法
    response = client.post(
        reverse("normdocs:document-step", kwargs={"pk": doc.pk, "step": "review"}),
        {
            "review-opinion": "legal",
            "review-violations": ["penalty"],
            "review-notes": "第五条设定罚款",
            "review-completed_on": "2026-04-20",
        },
    )
    # then the page says why, keeps the input in the open form, and nothing was recorded
    page = response.content.decode()
    assert response.status_code == 200
    assert "只能出具“不合法”意见" in page
    assert '<details class="step" open>' in page
    assert 'value="penalty"' in page and "checked" in page and "第五条设定罚款" in page
    assert doc.legality_reviews.get().opinion == ""


def test_numbering_posted_before_the_decision_is_refused_in_chinese(world, team, client):
    # given a draft that passed review but has not been deliberated (a stale form, a second tab)
    doc = to_review(world, team)
    services.legality_review_record(
        actor=team.legal,
        review=doc.legality_reviews.get(),
        opinion="legal",
        completed_on=dt.date(2026, 4, 20),
    )
    audits = AuditEntry.objects.count()
    client.force_login(team.supervisor)
    # when the Justice Bureau posts the numbering step
    url = reverse("normdocs:document-step", kwargs={"pk": doc.pk, "step": "register"})
    response = client.post(url, {"register-year": "2026"}, follow=True)
    # then it reads why, and the document has no number
    assert "未经集体审议决定通过的文件，不得签发、登记编号" in response.content.decode()
    doc.refresh_from_db()
    assert doc.doc_number == "" and doc.status == S.REVIEW_PASSED
    assert AuditEntry.objects.count() == audits
