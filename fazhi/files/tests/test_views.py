"""Staff pages: the evidence panel on the case page, upload, download with ranges, verify, void."""

from __future__ import annotations

import hashlib
import os

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.files import storage
from fazhi.files.models import Attachment

from . import samples
from .helpers import upload


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_case_page_shows_evidence_per_stage_with_hash_and_players(client, scene):
    # given a recording, a video and a photo attached to the case at different stages
    audio = upload(scene, "询问录音.wav", samples.wav(), stage="调查取证")
    video = upload(scene, "执法记录仪.mp4", samples.mp4(), stage="送达")
    upload(scene, "现场照片.png", samples.png(), stage="立案")
    client.force_login(scene.handler)
    # when the handler opens the case
    page = client.get(scene.case.get_absolute_url()).content.decode()
    # then the panel lists them under their stages with the full SHA-256 and inline players
    assert "证据材料（全过程记录）" in page
    for stage in ("立案", "调查取证", "审核", "决定", "送达", "执行", "结案"):
        assert f">{stage}<" in page
    assert audio.blob_id in page and video.blob_id in page
    download = reverse("files:download", args=[video.pk])
    assert f'<video controls preload="none" src="{download}">' in page
    assert (
        f'<audio controls preload="none" src="{reverse("files:download", args=[audio.pk])}">'
        in page
    )
    # and the upload form offers the stages, with the case's current stage selected
    assert 'action="/staff/files/upload/"' in page
    assert '<option value="调查取证" selected>' in page


def test_readers_without_upload_rights_see_the_list_but_no_form(client, scene):
    upload(scene, "现场照片.png", samples.png())
    client.force_login(scene.leader)
    page = client.get(scene.case.get_absolute_url()).content.decode()
    assert "现场照片.png" in page
    assert 'action="/staff/files/upload/"' not in page


def test_upload_through_the_panel_redirects_back_with_the_hash(client, scene):
    client.force_login(scene.handler)
    back = scene.case.get_absolute_url()
    data = samples.docx("调查询问笔录")
    response = client.post(
        reverse("files:upload"),
        {
            "owner": "enforcement.case",
            "owner_id": scene.case.pk,
            "stage": "调查取证",
            "description": "第一次询问",
            "next": back,
            "file": _file("询问笔录.docx", data),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    attachment = Attachment.objects.get()
    assert (attachment.stage, attachment.description, attachment.uploaded_by) == (
        "调查取证",
        "第一次询问",
        scene.handler,
    )
    assert attachment.org_unit == scene.case.org_unit
    sha = hashlib.sha256(data).hexdigest()
    assert f"SHA-256：{sha}" in response.content.decode()


def test_refused_upload_explains_in_chinese_and_writes_nothing(client, scene):
    client.force_login(scene.handler)
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("files:upload"),
        {
            "owner": "enforcement.case",
            "owner_id": scene.case.pk,
            "stage": "调查取证",
            "file": _file("取证.pdf", samples.EXE),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "未上传“取证.pdf”：文件内容是可执行程序或脚本，禁止上传" in response.content.decode()
    assert Attachment.objects.count() == 0 and AuditEntry.objects.count() == before


def test_upload_to_an_unregistered_or_hidden_owner_is_404(client, scene, world):
    client.force_login(scene.sibling)
    for owner, owner_id in (
        ("enforcement.case", scene.case.pk),
        ("core.orgunit", world.market_b.pk),
    ):
        response = client.post(
            reverse("files:upload"),
            {"owner": owner, "owner_id": owner_id, "file": _file("a.pdf", samples.PDF)},
        )
        assert response.status_code == 404
    assert Attachment.objects.count() == 0


def test_download_streams_inline_media_with_utf8_name_and_nosniff(client, scene):
    video = upload(scene, "执法记录仪 2024.mp4", samples.mp4())
    client.force_login(scene.handler)
    response = client.get(reverse("files:download", args=[video.pk]))
    assert response.status_code == 200 and response.streaming
    assert _body(response) == samples.mp4()
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(samples.mp4()))
    assert response["ETag"] == f'"{video.blob_id}"'
    assert response["Content-Disposition"] == (
        "inline; filename=\"_____ 2024.mp4\"; filename*=UTF-8''"
        "%E6%89%A7%E6%B3%95%E8%AE%B0%E5%BD%95%E4%BB%AA%202024.mp4"
    )
    forced = client.get(reverse("files:download", args=[video.pk]) + "?download=1")
    assert forced["Content-Disposition"].startswith("attachment;")


def test_documents_other_than_pdf_download_as_attachments(client, scene):
    doc = upload(scene, "笔录.docx", samples.docx())
    client.force_login(scene.handler)
    response = client.get(reverse("files:download", args=[doc.pk]))
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-9", 0, 9), ("bytes=100-", 100, None), ("bytes=-16", -16, None)],
)
def test_range_requests_get_206_with_the_right_bytes(client, scene, header, start, end):
    data = samples.mp4()
    video = upload(scene, "录像.mp4", data)
    client.force_login(scene.handler)
    response = client.get(reverse("files:download", args=[video.pk]), headers={"Range": header})
    expected = data[start : (end + 1 if end is not None else None)]
    first = start if start >= 0 else len(data) + start
    assert response.status_code == 206
    assert _body(response) == expected
    assert response["Content-Range"] == f"bytes {first}-{first + len(expected) - 1}/{len(data)}"
    assert response["Content-Length"] == str(len(expected))


def test_unsatisfiable_range_is_416_and_junk_ranges_get_the_whole_file(client, scene):
    data = samples.mp4()
    video = upload(scene, "录像.mp4", data)
    client.force_login(scene.handler)
    url = reverse("files:download", args=[video.pk])
    beyond = client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(data)}"
    for junk in ("bytes=abc", "lines=1-2", "bytes=5-1", "bytes=0-1,4-5", "bytes=-", "\x00"):
        response = client.get(url, headers={"Range": junk})
        assert response.status_code == 200, junk
        assert _body(response) == data
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"other"'})
    assert stale.status_code == 200
    fresh = client.get(url, headers={"Range": "bytes=0-9", "If-Range": f'"{video.blob_id}"'})
    assert fresh.status_code == 206


def test_verify_reports_consistent_then_inconsistent_after_tampering(client, scene):
    photo = upload(scene, "现场照片.png", samples.png())
    client.force_login(scene.handler)
    url = reverse("files:verify", args=[photo.pk])
    ok = client.post(url, headers={"HX-Request": "true"})
    assert "一致：文件自上传以来未被改动" in ok.content.decode()
    # when someone alters the stored bytes behind the application's back
    path = storage.blob_path(photo.blob_id)
    os.chmod(path, 0o644)
    path.write_bytes(samples.png("green"))
    # then the check says so, on the page and through htmx
    bad = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "不一致：存储文件已被改动" in bad
    assert hashlib.sha256(samples.png("green")).hexdigest() in bad
    page = client.post(url, follow=True).content.decode()
    assert "完整性校验：不一致" in page
    path.unlink()
    assert "存储文件缺失" in client.post(url, headers={"HX-Request": "true"}).content.decode()


def test_void_through_the_detail_page(client, scene):
    photo = upload(scene, "误传照片.png", samples.png())
    client.force_login(scene.handler)
    detail = reverse("files:detail", args=[photo.pk])
    assert "作废理由" in client.get(detail).content.decode()
    empty = client.post(reverse("files:void", args=[photo.pk]), {"reason": ""}, follow=True)
    assert "未作废：请填写作废理由" in empty.content.decode()
    done = client.post(
        reverse("files:void", args=[photo.pk]), {"reason": "拍错对象"}, follow=True
    ).content.decode()
    assert "原文件保留备查" in done and "已作废" in done and "拍错对象" in done
    photo.refresh_from_db()
    assert photo.voided
    # and the case panel still lists it, flagged
    page = client.get(scene.case.get_absolute_url()).content.decode()
    assert "误传照片.png" in page and "已作废" in page


def test_leader_cannot_void(client, scene):
    photo = upload(scene, "现场照片.png", samples.png())
    client.force_login(scene.leader)
    response = client.post(reverse("files:void", args=[photo.pk]), {"reason": "不需要"})
    assert response.status_code == 404
    photo.refresh_from_db()
    assert not photo.voided


def test_sibling_unit_gets_404_everywhere(client, scene):
    photo = upload(scene, "现场照片.png", samples.png())
    client.force_login(scene.sibling)
    for name in ("files:detail", "files:download", "files:verify", "files:void"):
        for method in (client.get, client.post):
            response = method(reverse(name, args=[photo.pk]), {"reason": "x"})
            assert response.status_code in (404, 405), name
            assert response.status_code == 404 or method == client.get
    listing = client.get(reverse("files:list"), {"q": photo.blob_id}).content.decode()
    assert "现场照片.png" not in listing


def test_list_finds_an_attachment_by_its_hash(client, scene):
    photo = upload(scene, "现场照片.png", samples.png())
    upload(scene, "其他.pdf", samples.PDF)
    client.force_login(scene.handler)
    page = client.get(reverse("files:list"), {"q": photo.blob_id}).content.decode()
    assert "现场照片.png" in page and "其他.pdf" not in page
    assert "东市监罚〔2024〕7号 无照经营案" in page  # the owning record is named
    export = client.get(reverse("files:list"), {"export": "xlsx"})
    assert export.status_code == 200


def test_attachments_of_unregistered_owners_follow_their_own_unit(client, world):
    # given a file owned by a record type nobody registered (here: the unit itself)
    import io

    from fazhi.core.models import RoleGrant
    from fazhi.files.services import attachment_upload

    clerk = make_user(world.market_a, RoleGrant.Role.CLERK)
    other = make_user(world.market_b, RoleGrant.Role.CLERK)
    attachment = attachment_upload(
        actor=clerk,
        file=io.BytesIO(samples.PDF),
        name="单位资料.pdf",
        org_unit=world.market_a,
        owner=world.market_a,
    )
    url = reverse("files:download", args=[attachment.pk])
    client.force_login(clerk)
    assert client.get(url).status_code == 200
    client.force_login(other)
    assert client.get(url).status_code == 404


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
