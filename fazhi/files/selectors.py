"""Read path of the attachments app: what a user may see, and whether stored bytes are intact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from fazhi.core import access

from . import registry, storage
from .models import Attachment
from .permissions import VIEW


def _base() -> QuerySet[Attachment]:
    return Attachment.objects.select_related("blob", "org_unit", "uploaded_by", "owner_type")


def attachment_visible(user: Any, attachment: Attachment) -> bool:
    """Visible exactly when the owner record is (registered owners), else by the attachment's unit."""
    if not access.has_perm(user, VIEW):
        return False
    model = attachment.owner_type.model_class()
    spec = registry.spec_for(model) if model is not None else None
    if spec is None:
        return access.can_reach_unit(user, VIEW, attachment.org_unit)
    try:
        spec.visible_owner(user, attachment.owner_id)
    except Http404:
        return False
    return True


def attachment_get_visible(user: Any, pk: Any) -> Attachment:
    """One attachment the user may see, or Http404 (missing and out of scope look the same)."""
    try:
        attachment = _base().get(pk=pk)
    except (Attachment.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("记录不存在或无权查看") from exc
    if not attachment_visible(user, attachment):
        raise Http404("记录不存在或无权查看")
    return attachment


def owner_visible(user: Any, owner: Model) -> bool:
    """Whether the user may see the owner record itself (registered owners only)."""
    spec = registry.spec_for(owner)
    if spec is None or not access.has_perm(user, VIEW):
        return False
    try:
        spec.visible_owner(user, owner.pk)
    except Http404:
        return False
    return True


def attachments_for(owner: Model, user: Any, *, stage: str | None = None) -> QuerySet[Attachment]:
    """The owner's attachments (voided ones included, flagged), oldest first; empty if hidden."""
    qs = _base().filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)
    if registry.spec_for(owner) is None:
        qs = access.visible(qs, user, VIEW)  # unregistered owner: the attachment's own unit decides
    elif not owner_visible(user, owner):
        return qs.none()
    if stage is not None:
        qs = qs.filter(stage=stage)
    return qs.order_by("uploaded_at", "pk")


def _visible_q(user: Any) -> Q | None:
    """Q over attachments whose owner the user may see (None: nothing is visible)."""
    if not access.has_perm(user, VIEW):
        return None
    registered = {spec.label: spec for spec in registry.OWNERS.values()}
    types = ContentType.objects.get_for_models(*[s.model for s in registered.values()])
    q = Q(pk__in=[])
    for model, ctype in types.items():
        spec = registered[model._meta.label_lower]
        owners = access.visible(model._default_manager.all(), user, spec.perm, spec.unit_field)
        q |= Q(owner_type=ctype, owner_id__in=owners.values("pk"))
    fallback = access.scope_q(user, VIEW)
    if fallback is not None:
        q |= fallback & ~Q(owner_type__in=[c.pk for c in types.values()])
    return q


def attachment_list_visible_to(
    user: Any, *, q: str = "", stage: str = "", kind: str = ""
) -> QuerySet[Attachment]:
    """Every attachment the user may see, searchable by file name, description or SHA-256."""
    visible_q = _visible_q(user)
    if visible_q is None:
        return Attachment.objects.none()
    qs = _base().filter(visible_q)
    q = q.strip()[:100]
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(blob__sha256=q.lower())
        )
    if stage:
        qs = qs.filter(stage=stage[:20])
    prefixes = {"image": "image/", "audio": "audio/", "video": "video/"}
    if kind in prefixes:
        qs = qs.filter(blob__content_type__startswith=prefixes[kind])
    elif kind == "document":
        qs = qs.exclude(blob__content_type__regex=r"^(image|audio|video)/")
    return qs


@dataclass(frozen=True)
class Integrity:
    """The result of re-hashing the stored bytes of an attachment."""

    ok: bool
    expected: str
    actual: str
    size: int | None
    message: str


def attachment_integrity(attachment: Attachment) -> Integrity:
    """Re-hash the stored file and compare with the recorded SHA-256 and size (一致/不一致)."""
    expected = attachment.blob_id
    found = storage.rehash(expected)
    if found is None:
        return Integrity(
            ok=False, expected=expected, actual="", size=None, message="不一致：存储文件缺失"
        )
    actual, size = found
    if actual == expected and size == attachment.blob.size:
        message = "一致：文件自上传以来未被改动"
        return Integrity(ok=True, expected=expected, actual=actual, size=size, message=message)
    message = "不一致：存储文件已被改动"
    return Integrity(ok=False, expected=expected, actual=actual, size=size, message=message)
