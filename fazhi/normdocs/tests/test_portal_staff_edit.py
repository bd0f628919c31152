"""The staff draft-edit page: the drafting unit's clerk edits a draft through the audited services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.tests.conftest import draft, to_review

S = NormativeDocument.Status


def _url(doc):
    return reverse("normdocs:document-edit", kwargs={"pk": doc.pk})


def _form(doc, **changes):
    data = {
        "title": doc.title,
        "kind": doc.kind,
        "effective_on": doc.effective_on.isoformat() if doc.effective_on else "",
        "expires_on": doc.expires_on.isoformat() if doc.expires_on else "",
        "legal_basis": doc.legal_basis,
        "text": doc.body_text,
        "note": "",
    }
    return data | changes


def test_clerk_edits_particulars_and_text_as_a_new_version(client, world, team):
    doc = draft(world, team)
    client.force_login(team.clerk)
    page = client.get(_url(doc))
    assert page.status_code == 200
    assert "修改草案" in page.content.decode()
    detail = client.get(doc.get_absolute_url()).content.decode()
    assert _url(doc) in detail  # the detail page links to the edit page
    new_text = doc.body_text + "第十三条 本规定由区市场监督管理局负责解释。\n"
    response = client.post(
        _url(doc),
        _form(doc, title="东湖区市场主体登记便利化规定", expires_on="2028-06-30", text=new_text),
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "东湖区市场主体登记便利化规定"
    assert str(doc.expires_on) == "2028-06-30"
    assert doc.versions.count() == 2
    assert "负责解释" in doc.body_text
    verbs = list(AuditEntry.objects.filter(target_id=str(doc.pk)).values_list("verb", flat=True))
    assert "normdocs.update" in verbs and "normdocs.version" in verbs


def test_unchanged_form_writes_nothing(client, world, team):
    doc = draft(world, team)
    client.force_login(team.clerk)
    before = AuditEntry.objects.count()
    response = client.post(_url(doc), _form(doc))
    assert response.status_code == 302
    assert AuditEntry.objects.count() == before
    assert doc.versions.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"expires_on": "2035-01-01"}, "有效期不得超过 5 年"),
        ({"is_provisional": "on", "expires_on": "2029-01-01"}, "有效期不得超过 2 年"),
        ({"expires_on": "2026-01-01"}, "有效期届满日期应晚于施行日期"),
        ({"title": "　"}, "这个字段是必填项"),
        ({"kind": "nonsense"}, "nonsense"),
        ({"effective_on": "2026-02-30"}, "日期"),
    ],
)
def test_bad_input_shows_the_error_by_the_field_and_changes_nothing(
    client, world, team, changes, message
):
    doc = draft(world, team)
    client.force_login(team.clerk)
    before = AuditEntry.objects.count()
    response = client.post(_url(doc), _form(doc, text=doc.body_text + "第十四条 新增。", **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AuditEntry.objects.count() == before
    doc.refresh_from_db()
    assert doc.versions.count() == 1
    assert "第十四条" not in doc.body_text


def test_documents_past_drafting_cannot_be_edited(client, world, team):
    doc = to_review(world, team)
    client.force_login(team.clerk)
    response = client.post(_url(doc), _form(doc, title="改名"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title != "改名"
    assert "不能再修改草案" in client.get(doc.get_absolute_url()).content.decode()


def test_sibling_clerk_and_non_drafters_get_404(client, world, team, clerk_b):
    doc = draft(world, team)
    for user in (clerk_b, team.legal, team.head, make_user(world.city, ROLES.LEADER, subtree=True)):
        client.force_login(user)
        assert client.get(_url(doc)).status_code == 404
        assert client.post(_url(doc), _form(doc, title="改名")).status_code == 404
    doc.refresh_from_db()
    assert doc.title != "改名"
