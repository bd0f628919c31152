"""Drafts are scanned when a version is added; the reviewer accepts or dismisses each finding."""

import io
import re

import docx
import pytest
from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs import services as normdocs
from fazhi.precheck.models import CheckRun, Finding
from fazhi.precheck.tests.conftest import DRAFT, draft

S = Finding.Status


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_each_new_version_is_scanned_with_its_findings_stored(world, team):
    # when the clerk creates a draft with text, then uploads a .docx second version
    doc = draft(world, team)
    normdocs.version_add(
        actor=team.clerk,
        doc=doc,
        file_name="第二稿.docx",
        data=_docx(
            "第一条 对本区重点企业减半征收城镇土地使用税。", "第二条 本办法自发布之日起施行。"
        ),
    )
    # then each version has its own run, pointing into that version's text
    first, second = CheckRun.objects.filter(document_id=doc.pk).order_by("version_number")
    assert (first.version_number, second.version_number) == (1, 2)
    assert first.org_unit == world.market_a
    assert sorted(first.findings.values_list("rule_code", flat=True)) == [
        "LIC-APPROVAL",
        "PEN-FINE",
    ]
    version = doc.versions.get(number=1)
    for f in first.findings.all():
        assert version.text[f.start : f.end] == f.sentence
        assert version.text[f.match_start : f.match_end] == f.excerpt
        assert f.status == S.PENDING
    assert list(second.findings.values_list("rule_code", flat=True)) == ["SUBSIDY-SELECT"]
    assert second.sentence_count == 2
    assert AuditEntry.objects.filter(verb="precheck.run_create").count() == 2


def test_the_detail_page_highlights_findings_and_offers_decisions_to_the_reviewer(
    client, world, team
):
    doc = draft(world, team)
    # when the legality reviewer opens the draft
    client.force_login(team.legal)
    page = client.get(doc.get_absolute_url()).content.decode()
    # then both findings are shown on their sentences, with rule title and citation
    assert "合法性预审提示" in page
    assert re.findall(r"<mark>(.*?)</mark>", page) == [
        "经批准后方可",
        "处五千元以上一万元以下罚款",
    ]
    assert "擅自设定行政许可" in page and "《行政许可法》第十七条" in page
    assert "擅自设定罚款" in page and "《行政处罚法》第十六条" in page
    finding = Finding.objects.get(rule_code="PEN-FINE")
    assert reverse("precheck:finding-accept", kwargs={"pk": finding.pk}) in page
    assert reverse("precheck:finding-dismiss", kwargs={"pk": finding.pk}) in page
    # and the clerk sees the findings but cannot decide them
    client.force_login(team.clerk)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "<mark>经批准后方可</mark>" in page
    assert reverse("precheck:finding-accept", kwargs={"pk": finding.pk}) not in page


def test_accept_and_dismiss_are_stored_audited_and_feed_the_rule_statistics(client, world, team):
    doc = draft(world, team)
    licence = Finding.objects.get(rule_code="LIC-APPROVAL")
    fine = Finding.objects.get(rule_code="PEN-FINE")
    client.force_login(team.legal)
    # when the reviewer accepts one finding
    response = client.post(reverse("precheck:finding-accept", kwargs={"pk": licence.pk}))
    # then it is stored with reviewer and time, audited, and the page says so
    assert response.status_code == 302
    assert response["Location"].startswith(doc.get_absolute_url())
    licence.refresh_from_db()
    assert (licence.status, licence.reviewer) == (S.ACCEPTED, team.legal)
    assert licence.decided_at is not None
    entry = AuditEntry.objects.get(verb="precheck.finding_decide")
    assert entry.changes == {"status": ["pending", "accepted"]}
    assert entry.actor == team.legal
    assert "已标记为“采纳”" in client.get(response["Location"]).content.decode()
    # when dismissing without a reason: refused in Chinese, nothing written
    response = client.post(reverse("precheck:finding-dismiss", kwargs={"pk": fine.pk}))
    assert "请说明理由" in client.get(response["Location"]).content.decode()
    fine.refresh_from_db()
    assert fine.status == S.PENDING
    assert AuditEntry.objects.filter(verb="precheck.finding_decide").count() == 1
    # when dismissing with a reason
    client.post(
        reverse("precheck:finding-dismiss", kwargs={"pk": fine.pk}),
        {"note": "该罚款已由上位法规定"},
    )
    fine.refresh_from_db()
    assert (fine.status, fine.note) == (S.DISMISSED, "该罚款已由上位法规定")
    assert AuditEntry.objects.filter(verb="precheck.finding_decide").count() == 2
    # then the statistics page shows the acceptance rates and the dismissal reason
    stats = client.get(reverse("precheck:rule-stats")).content.decode()
    row = re.search(r"LIC-APPROVAL</span></td>(.*?)</tr>", stats, re.S).group(1)
    assert re.findall(r'class="num">(.*?)</td>', row) == ["1", "1", "0", "0", "100%"]
    reasons = client.get(reverse("precheck:rule-stats") + "?rule=PEN-FINE").content.decode()
    assert "该罚款已由上位法规定" in reasons


def test_unchanged_sentences_keep_their_decision_in_the_next_version(world, team):
    from fazhi.precheck import services

    doc = draft(world, team)
    fine = Finding.objects.get(rule_code="PEN-FINE")
    services.finding_decide(actor=team.legal, finding=fine, decision=S.DISMISSED, note="上位法已有")
    # when a second version keeps that sentence and adds a new problem
    normdocs.version_add(
        actor=team.clerk, doc=doc, text=DRAFT + "第六条 对区属国有企业免征配套费。"
    )
    # then the unchanged sentence carries the decision, the new one awaits the reviewer
    run = CheckRun.objects.get(document_id=doc.pk, version_number=2)
    by_rule = {f.rule_code: f for f in run.findings.all()}
    assert by_rule["PEN-FINE"].status == S.DISMISSED
    assert by_rule["PEN-FINE"].carried_from == fine
    assert by_rule["LIC-APPROVAL"].status == S.PENDING
    assert by_rule["SUBSIDY-SELECT"].status == S.PENDING
    assert AuditEntry.objects.get(verb="precheck.run_create", target_id=str(run.pk)).changes == {
        "finding_count": [None, 3],
        "carried": [None, 1],
    }


@pytest.mark.parametrize("who", ["clerk", "sibling_legal"])
def test_others_cannot_decide_and_nothing_changes(client, world, team, who):
    draft(world, team)
    finding = Finding.objects.first()
    client.force_login(getattr(team, who))
    before = AuditEntry.objects.count()
    for action in ("finding-accept", "finding-dismiss"):
        response = client.post(
            reverse(f"precheck:{action}", kwargs={"pk": finding.pk}), {"note": "x"}
        )
        assert response.status_code == 404
    finding.refresh_from_db()
    assert finding.status == S.PENDING
    assert AuditEntry.objects.count() == before


def test_a_reviewer_of_the_justice_bureau_over_the_district_may_decide(client, world, team):
    draft(world, team)
    finding = Finding.objects.first()
    reviewer = make_user(world.district_a, ROLES.LEGAL_REVIEWER, subtree=True)
    client.force_login(reviewer)
    client.post(reverse("precheck:finding-accept", kwargs={"pk": finding.pk}))
    finding.refresh_from_db()
    assert finding.status == S.ACCEPTED


def test_pasted_text_is_checked_on_its_own_page(client, world, team):
    client.force_login(team.clerk)
    url = reverse("precheck:check")
    # when the text is empty: the error is next to the field, nothing stored
    page = client.post(url, {"text": "  "}).content.decode()
    assert "请填写需要预审的文本" in page
    assert not CheckRun.objects.exists()
    # when a clause is pasted
    response = client.post(url, {"text": "外地车辆进入本区从事运输的，须办理临时通行证。"})
    run = CheckRun.objects.get()
    assert response["Location"] == reverse("precheck:run-detail", kwargs={"pk": run.pk})
    page = client.get(response["Location"]).content.decode()
    # then the finding is shown; the clerk has no decision buttons
    assert "排斥、限制外地经营者和商品" in page
    assert "<mark>" in page
    assert "finding-" in page and "/accept/" not in page
    assert run.org_unit == world.market_a and run.document_id is None


def test_api_checks_text_and_returns_a_documents_findings(client, world, team):
    from fazhi.core.services.tokens import token_create

    doc = draft(world, team)
    _, raw = token_create(actor=team.clerk, name="批量预审")
    headers = {"Authorization": f"Bearer {raw}"}
    # when a pasted clause is checked (nothing stored)
    response = client.post(
        "/api/precheck/check",
        {"text": "对本区重点企业减半征收城镇土地使用税。"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert [f["rule"] for f in response.json()["findings"]] == ["SUBSIDY-SELECT"]
    assert CheckRun.objects.count() == 1  # only the draft's own run
    # and an empty text is a Chinese 400
    response = client.post(
        "/api/precheck/check", {"text": " "}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "请填写需要预审的文本"
    # when the draft's findings are fetched
    data = client.get(f"/api/precheck/documents/{doc.pk}/findings", headers=headers).json()
    assert data["version_number"] == 1
    assert [(f["rule"], f["status"]) for f in data["findings"]] == [
        ("LIC-APPROVAL", "pending"),
        ("PEN-FINE", "pending"),
    ]
