"""Write path of the attachments app: upload (streamed, hashed, sniffed, deduplicated) and void.

Callers check who may act (``policies``); these services check what is acceptable. A refused
upload writes nothing to the database and leaves no file behind. A blob renamed into place by an
upload whose transaction later rolls back stays on disk unreferenced: harmless, because the store
is content-addressed and the next upload of the same bytes reuses it.
"""

from __future__ import annotations

from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.errors import DomainError

from . import registry, sniffing, storage
from .models import Attachment, Blob

NAME_MAX = 255


def max_bytes_for(category: str) -> int:
    """Size limit for a category: audio and video may be large, documents and images less so."""
    if category in ("audio", "video"):
        return int(settings.FAZHI_ATTACHMENT_MAX_BYTES)
    return min(
        int(settings.FAZHI_ATTACHMENT_MAX_DOCUMENT_BYTES),
        int(settings.FAZHI_ATTACHMENT_MAX_BYTES),
    )


def human_size(size: int) -> str:
    """1536 → "1.5 KB", 2147483648 → "2 GB" (binary units, as file managers show)."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} B"


def clean_text(value: Any, *, label: str, field: str, limit: int, required: bool = False) -> str:
    """Trimmed text without control characters, within `limit`; DomainError otherwise."""
    text = str(value or "").strip()
    if any(ord(c) < 32 and c not in "\n\t" or ord(c) == 127 for c in text):
        raise DomainError(f"{label}含有不可见的控制字符", field=field)
    if required and not text:
        raise DomainError(f"请填写{label}", field=field)
    if len(text) > limit:
        raise DomainError(f"{label}不能超过 {limit} 个字", field=field)
    return text


def clean_name(name: str) -> str:
    """The base name of an uploaded file, without directories or control characters."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if ord(c) >= 32 and ord(c) != 127).strip().strip(".")
    if not base:
        raise DomainError("文件名不能为空", field="file")
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) < 16 else base
        base = base[:NAME_MAX]
    return base


def _check_owner(owner: Any, org_unit: Any, stage: str) -> None:
    if not isinstance(owner, models.Model) or owner.pk is None:
        raise DomainError("附件必须关联到已保存的业务记录", field="owner")
    if org_unit is None or getattr(org_unit, "pk", None) is None:
        raise DomainError("附件必须指定所属单位", field="org_unit")
    spec = registry.spec_for(owner)
    if spec is not None and spec.stages and stage and stage not in spec.stages:
        allowed = "、".join(spec.stages)
        raise DomainError(f"环节“{stage}”不正确，应为：{allowed}", field="stage")


def _store(file: IO[bytes] | Any, name: str) -> Blob:
    """Stream, hash, size-check and sniff the bytes; put them in the store; return the blob row."""
    fmt = sniffing.check_extension(name)  # refuse by name before reading any bytes
    limit = max_bytes_for(fmt.category)
    if file is None or not hasattr(file, "read"):
        raise DomainError("请选择要上传的文件", field="file")
    try:
        spooled = storage.spool(file, limit=limit)
    except storage.TooLarge as exc:
        raise DomainError(
            f"文件超过大小上限：{fmt.label}不能超过 {human_size(limit)}", field="file"
        ) from exc
    try:
        if spooled.size == 0:
            raise DomainError("文件为空（0 字节），请重新选择", field="file")
        sniffing.sniff(spooled.path, name)
        storage.commit(spooled)
    finally:
        spooled.discard()  # no-op once renamed into place
    blob, _ = Blob.objects.get_or_create(
        sha256=spooled.sha256, defaults={"size": spooled.size, "content_type": fmt.mime}
    )
    return blob


@transaction.atomic
def attachment_upload(
    *,
    actor: Any,
    file: IO[bytes] | Any,
    name: str,
    org_unit: Any,
    owner: Any,
    stage: str = "",
    description: str = "",
) -> Attachment:
    """Store a file for `owner` (deduplicated by SHA-256) and record it, audited."""
    name = clean_name(name or getattr(file, "name", ""))
    stage = clean_text(stage, label="环节", field="stage", limit=20)
    description = clean_text(description, label="说明", field="description", limit=500)
    _check_owner(owner, org_unit, stage)
    blob = _store(file, name)
    attachment = Attachment.objects.create(
        blob=blob,
        name=name,
        org_unit=org_unit,
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        stage=stage,
        description=description,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        verb="files.attachment_upload",
        target=attachment,
        changes={
            "name": [None, name],
            "sha256": [None, blob.sha256],
            "size": [None, blob.size],
            "stage": [None, stage],
            "owner": [None, f"{owner._meta.label_lower}:{owner.pk}"],
        },
    )
    return attachment


@transaction.atomic
def attachment_void(*, actor: Any, attachment: Attachment, reason: str) -> Attachment:
    """Mark an attachment void (作废) with a reason; the bytes and the record stay, audited."""
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    reason = clean_text(reason, label="作废理由", field="reason", limit=500, required=True)
    if attachment.voided:
        raise DomainError("该附件已经作废", field="reason")
    attachment.voided = True
    attachment.void_reason = reason
    attachment.voided_by = actor
    attachment.voided_at = timezone.now()
    attachment.save(update_fields=["voided", "void_reason", "voided_by", "voided_at"])
    audit.record(
        actor=actor,
        verb="files.attachment_void",
        target=attachment,
        changes={"voided": [False, True], "void_reason": ["", reason]},
    )
    return attachment
