"""The whole lifecycle through the staff pages (client posts), and the pages render."""

import datetime as dt

from django.urls import reverse

from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.tests.factories import SAMPLE_TEXT

S = NormativeDocument.Status


def _step(client, doc, step, **data):
    url = reverse("normdocs:document-step", kwargs={"pk": doc.pk, "step": step})
    response = client.post(url, {f"{step}-{k}": v for k, v in data.items()})
    assert response.status_code == 302, response.content[:500]
    doc.refresh_from_db()
    return response


def test_draft_to_filed_through_the_ui(client, world, team):
    # given the clerk creates a draft on the page
    client.force_login(team.clerk)
    response = client.post(
        reverse("normdocs:document-new"),
        {
            "title": "东湖区促进个体工商户发展若干措施",
            "org_unit": world.market_a.pk,
            "kind": "department",
            "effective_on": "2026-07-01",
            "expires_on": "2028-06-30",
            "text": SAMPLE_TEXT,
        },
    )
    assert response.status_code == 302
    doc = NormativeDocument.objects.get()
    assert client.get(doc.get_absolute_url()).status_code == 200
    # when each actor takes their step
    _step(client, doc, "evaluate", note="经评估确有必要")
    _step(
        client, doc, "comment_open", opened_on="2026-03-02", channel="区政府门户网站", closes_on=""
    )
    _step(
        client,
        doc,
        "comment_add",
        commenter="某个体户",
        content="建议简化材料",
        received_on="2026-03-05",
    )
    comment = doc.comment_periods.get().comments.get()
    _step(client, doc, "comment_handle", comment=comment.pk, handling="adopted", reason="")
    _step(client, doc, "comment_close", closed_on="2026-04-01")
    assert doc.status == S.COMMENT_CLOSED
    client.force_login(team.legal)
    _step(client, doc, "dept_precheck", opinion="同意报送")
    client.force_login(team.clerk)
    _step(client, doc, "review_submit", received_on="2026-04-07")
    client.force_login(team.legal)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "出具合法性审核意见" in page and "设定行政处罚" in page
    _step(client, doc, "review", opinion="legal", completed_on="2026-04-20")
    client.force_login(team.head)
    _step(
        client, doc, "deliberate", meeting="局务会议", meeting_on="2026-05-06", decision="approved"
    )
    _step(client, doc, "sign", signer="王局长", signed_on="2026-05-08")
    client.force_login(team.supervisor)
    _step(client, doc, "register", year="2026")
    _step(
        client,
        doc,
        "publish",
        published_on="2026-05-20",
        channel="区政府门户网站",
        interpretation_title="解读",
        interpretation_text="本措施的主要内容……",
    )
    assert doc.status == S.PUBLISHED and doc.doc_number == "东市监规〔2026〕1号"
    client.force_login(team.clerk)
    _step(client, doc, "file", filed_on="2026-06-01")
    filing = doc.filings.get()
    client.force_login(team.supervisor)
    url = reverse("normdocs:filing-action", kwargs={"pk": filing.pk, "action": "register"})
    assert client.post(url, {f"filing{filing.pk}-outcome": "registered"}).status_code == 302
    doc.refresh_from_db()
    # then it is in force, and the timeline shows every step
    assert doc.status == S.IN_FORCE
    page = client.get(doc.get_absolute_url()).content.decode()
    for label in (
        "完成评估论证",
        "公开征求意见",
        "合法性审核意见：合法",
        "统一登记编号",
        "公开发布",
    ):
        assert label in page
    assert client.get(reverse("normdocs:filing-dashboard")).status_code == 200


def test_refused_step_shows_a_chinese_message_and_writes_nothing(client, world, team):
    client.force_login(team.head)
    doc = NormativeDocument.objects.create(
        title="草案", org_unit=world.market_a, drafting_unit=world.market_a, status=S.REVIEW_PASSED
    )
    # the status says passed, but no review exists: the service gate still refuses
    response = client.post(
        reverse("normdocs:document-step", kwargs={"pk": doc.pk, "step": "deliberate"}),
        {
            "deliberate-meeting": "局务会",
            "deliberate-meeting_on": "2026-05-06",
            "deliberate-decision": "approved",
        },
        follow=True,
    )
    assert "未经合法性审核的文件，不得提交集体审议" in response.content.decode()
    assert doc.deliberations.count() == 0


def test_bad_input_is_a_message_not_a_500(client, world, team):
    client.force_login(team.clerk)
    doc = NormativeDocument.objects.create(
        title="草案", org_unit=world.market_a, drafting_unit=world.market_a
    )
    response = client.post(
        reverse("normdocs:document-step", kwargs={"pk": doc.pk, "step": "version"}),
        {"version-text": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "请上传文件或粘贴文本" in response.content.decode()
    response = client.post(reverse("normdocs:document-new"), {"title": "", "org_unit": "junk"})
    assert response.status_code == 200
    assert not NormativeDocument.objects.exclude(pk=doc.pk).exists()


def test_sibling_sees_nothing_of_a_draft(client, world, team, clerk_b):
    doc = NormativeDocument.objects.create(
        title="甲区草案", org_unit=world.market_a, drafting_unit=world.market_a
    )
    client.force_login(clerk_b)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert (
        "甲区草案" not in client.get(reverse("normdocs:document-list") + "?q=甲区").content.decode()
    )
    # while the owner's clerk sees it
    client.force_login(team.clerk)
    assert "甲区草案" in client.get(reverse("normdocs:document-list")).content.decode()


def test_filing_reviewer_sees_documents_filed_to_their_unit(client, world):
    from fazhi.core.testing import ROLES, make_user
    from fazhi.normdocs.models import Filing

    # given a reviewer of the district government only (not of the market bureau)
    reviewer = make_user(world.district_a, ROLES.SUPERVISOR)
    doc = NormativeDocument.objects.create(
        title="报备文件",
        org_unit=world.market_a,
        drafting_unit=world.market_a,
        status=S.FILED,
        published_on=dt.date(2026, 1, 5),
    )
    other = NormativeDocument.objects.create(
        title="未报备草案", org_unit=world.market_a, drafting_unit=world.market_a
    )
    Filing.objects.create(
        document=doc,
        filed_to=world.district_a,
        due_on=dt.date(2026, 2, 4),
        filed_on=dt.date(2026, 1, 10),
    )
    client.force_login(reviewer)
    assert client.get(doc.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert "报备文件" in client.get(reverse("normdocs:filing-dashboard")).content.decode()


def test_other_pages_render(client, world, team):
    doc = NormativeDocument.objects.create(
        title="比对", org_unit=world.market_a, drafting_unit=world.market_a, body_text=SAMPLE_TEXT
    )
    doc.versions.create(number=1, source="paste", text=SAMPLE_TEXT)
    doc.versions.create(
        number=2, source="paste", text=SAMPLE_TEXT.replace("当场", "在一个工作日内")
    )
    client.force_login(team.supervisor)
    for name in (
        "document-list",
        "filing-dashboard",
        "suggestion-list",
        "campaign-list",
        "statistics",
        "import",
    ):
        assert client.get(reverse(f"normdocs:{name}")).status_code == 200, name
    page = client.get(reverse("normdocs:document-diff", kwargs={"pk": doc.pk})).content.decode()
    assert "<ins>在一个工作日内</ins>" in page
    export = client.get(reverse("normdocs:document-list") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("normdocs:import") + "?template=1").status_code == 200
