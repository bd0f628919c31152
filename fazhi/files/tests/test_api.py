"""REST API: metadata with the hash, streamed content with ranges, multipart upload."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.services.tokens import token_create
from fazhi.files.models import Attachment

from . import samples
from .helpers import upload


def _auth(user) -> dict[str, str]:
    _, raw = token_create(actor=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def test_metadata_and_ranged_content(client, scene):
    data = samples.mp4()
    video = upload(scene, "执法记录仪.mp4", data, stage="送达")
    headers = _auth(scene.handler)
    meta = client.get(f"/api/files/{video.pk}", headers=headers).json()
    assert meta["sha256"] == hashlib.sha256(data).hexdigest()
    assert (meta["name"], meta["size"], meta["stage"]) == ("执法记录仪.mp4", len(data), "送达")
    assert (meta["owner"], meta["owner_id"]) == ("enforcement.case", scene.case.pk)
    assert meta["content_url"] == f"/api/files/{video.pk}/content"
    part = client.get(meta["content_url"], headers={**headers, "Range": "bytes=8-15"})
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == data[8:16]
    assert part["Content-Range"] == f"bytes 8-15/{len(data)}"
    whole = client.get(meta["content_url"], headers=headers)
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data


def test_upload_by_multipart(client, scene):
    headers = _auth(scene.handler)
    response = client.post(
        "/api/files/",
        {
            "owner": "enforcement.case",
            "owner_id": scene.case.pk,
            "stage": "立案",
            "description": "立案审批表",
            "file": SimpleUploadedFile("立案审批表.pdf", samples.PDF),
        },
        headers=headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(samples.PDF).hexdigest()
    assert Attachment.objects.get().stage == "立案"


def test_upload_refusals_are_400_in_chinese_or_404_outside_scope(client, scene):
    headers = _auth(scene.handler)
    refused = client.post(
        "/api/files/",
        {
            "owner": "enforcement.case",
            "owner_id": scene.case.pk,
            "file": SimpleUploadedFile("证据.jpg", samples.PDF),
        },
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "文件内容与扩展名不符：扩展名表示JPEG 图片，实际内容为PDF 文档",
        "field": "file",
    }
    sibling = _auth(scene.sibling)
    hidden = client.post(
        "/api/files/",
        {
            "owner": "enforcement.case",
            "owner_id": scene.case.pk,
            "file": SimpleUploadedFile("a.pdf", samples.PDF),
        },
        headers=sibling,
    )
    assert hidden.status_code == 404
    assert Attachment.objects.count() == 0


def test_sibling_token_gets_404_for_metadata_and_content(client, scene):
    photo = upload(scene, "现场照片.png", samples.png())
    headers = _auth(scene.sibling)
    assert client.get(f"/api/files/{photo.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/files/{photo.pk}/content", headers=headers).status_code == 404
