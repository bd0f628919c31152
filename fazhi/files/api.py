"""REST endpoints of the files app (mounted at /api/files/).

- ``GET /api/files/{attachment_id}``: metadata, with the SHA-256.
- ``GET /api/files/{attachment_id}/content``: the bytes, streamed, with single-range support.
- ``POST /api/files/``: multipart upload (``file``, ``owner`` = ``app_label.model``, ``owner_id``,
  optional ``stage`` and ``description``) to a registered owner record the token's user can see.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from fazhi.core import access

from . import policies, registry, selectors, services
from .models import Attachment
from .permissions import UPLOAD
from .responses import file_response, mime_of

router = Router(tags=["附件"])


class AttachmentOut(Schema):
    """An attachment's metadata."""

    id: int
    name: str
    size: int
    content_type: str
    sha256: str
    stage: str
    description: str
    owner: str
    owner_id: int
    org_unit_id: int
    uploaded_by: str
    uploaded_at: dt.datetime
    voided: bool
    void_reason: str
    content_url: str


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def _out(a: Attachment) -> dict[str, object]:
    return {
        "id": a.pk,
        "name": a.name,
        "size": a.blob.size,
        "content_type": mime_of(a),
        "sha256": a.blob_id,
        "stage": a.stage,
        "description": a.description,
        "owner": f"{a.owner_type.app_label}.{a.owner_type.model}",
        "owner_id": a.owner_id,
        "org_unit_id": a.org_unit_id,
        "uploaded_by": a.uploaded_by.full_name if a.uploaded_by else "系统",
        "uploaded_at": a.uploaded_at,
        "voided": a.voided,
        "void_reason": a.void_reason,
        "content_url": reverse("api:attachment_content", args=[a.pk]),
    }


@router.get("/{attachment_id}", response=AttachmentOut, summary="附件信息（含 SHA-256）")
def attachment_get(request: HttpRequest, attachment_id: int):  # type: ignore[no-untyped-def]
    return _out(selectors.attachment_get_visible(request.user, attachment_id))


@router.get(
    "/{attachment_id}/content",
    summary="附件内容（支持 Range 分段请求）",
    url_name="attachment_content",
    openapi_extra={"responses": {200: {"description": "文件内容"}, 206: {"description": "分段"}}},
)
def attachment_content(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = selectors.attachment_get_visible(request.user, attachment_id)
    return file_response(request, attachment, as_attachment=request.GET.get("download") == "1")


@router.post(
    "/",
    response={201: AttachmentOut, 400: ErrorOut, 404: ErrorOut},
    summary="上传附件（multipart）",
)
def attachment_post(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    file: File[UploadedFile],
    owner: Form[str],
    owner_id: Form[int],
    stage: Form[str] = "",
    description: Form[str] = "",
):
    if not access.has_perm(request.user, UPLOAD):
        raise HttpError(403, "无权上传附件")
    spec, record = registry.resolve(owner, owner_id, request.user)  # 404 when not visible
    if not policies.can_upload(request.user, record):
        raise HttpError(403, "无权向该记录上传附件")
    attachment = services.attachment_upload(
        actor=request.user,
        file=file,
        name=file.name or "",
        org_unit=spec.unit_of(record),
        owner=record,
        stage=stage,
        description=description,
    )
    return Status(201, _out(selectors.attachment_get_visible(request.user, attachment.pk)))
