"""An entrusted organisation's written entrustment (委托书) is uploaded on its subject page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.testing import make_unit, make_user
from fazhi.enforcement.attachments import ENTRUSTMENT_STAGE
from fazhi.enforcement.models import EnforcementSubject
from fazhi.files.models import Attachment

from .conftest import R

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def entrusted(world) -> EnforcementSubject:
    station = make_unit("东湖区市场监管服务站", parent=world.market_a)
    return EnforcementSubject.objects.create(
        org_unit=station,
        kind=EnforcementSubject.Kind.ENTRUSTED,
        domains=",market,",
        entrusting_unit=world.market_a,
        entrustment_document="东市监委〔2026〕1号",
    )


@pytest.fixture
def clerk(world):
    """The bureau's clerk keeps the registers of the bureau and the station below it."""
    return make_user(world.market_a, R.CLERK, subtree=True)


def _upload(client, subject, content=PDF, name="委托书.pdf"):
    page = reverse("enforcement:subject-detail", args=[subject.pk])
    return client.post(
        reverse("files:upload"),
        {
            "owner": "enforcement.enforcementsubject",
            "owner_id": subject.pk,
            "stage": ENTRUSTMENT_STAGE,
            "next": page,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_the_entrustment_is_uploaded_on_the_subject_page_and_shown_there(client, clerk, entrusted):
    client.force_login(clerk)
    page = reverse("enforcement:subject-detail", args=[entrusted.pk])
    # given an entrusted subject without its document: the page says so and offers the upload
    body = client.get(page).content.decode()
    assert "尚未上传委托书" in body and "上传附件" in body
    # when the clerk uploads the PDF
    response = _upload(client, entrusted)
    assert response.status_code == 302
    # then it is stored against the subject at the 委托书 stage and listed on the page
    attachment = Attachment.objects.get(stage=ENTRUSTMENT_STAGE, owner_id=entrusted.pk)
    body = client.get(page).content.decode()
    assert "委托书.pdf" in body and "尚未上传委托书" not in body
    assert attachment.blob.sha256 in body  # the hash anyone can check a copy against
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(
    client, clerk, entrusted
):
    client.force_login(clerk)
    response = _upload(client, entrusted, content=b"MZ\x90\x00 not a pdf")
    assert response.status_code == 302  # back to the subject page, with the reason
    body = client.get(response["Location"]).content.decode()
    assert "未上传“委托书.pdf”" in body
    assert not Attachment.objects.filter(owner_id=entrusted.pk).exists()


def test_a_sibling_district_sees_neither_the_subject_nor_its_entrustment(
    client, world, clerk, entrusted
):
    client.force_login(clerk)
    _upload(client, entrusted)
    attachment = Attachment.objects.get(owner_id=entrusted.pk, stage=ENTRUSTMENT_STAGE)
    sibling = make_user(world.market_b, R.CLERK, subtree=True)
    client.force_login(sibling)
    assert client.get(reverse("enforcement:subject-detail", args=[entrusted.pk])).status_code == 404
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 404
    assert _upload(client, entrusted).status_code == 404
    assert Attachment.objects.filter(owner_id=entrusted.pk).count() == 1


def test_a_statutory_subject_has_no_entrustment_panel(client, world, clerk):
    subject = EnforcementSubject.objects.create(
        org_unit=world.market_a, kind=EnforcementSubject.Kind.STATUTORY, domains=",market,"
    )
    client.force_login(clerk)
    body = client.get(reverse("enforcement:subject-detail", args=[subject.pk])).content.decode()
    assert "委托书" not in body
