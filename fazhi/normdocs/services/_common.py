"""Shared plumbing of the normdocs services: locking, state changes, timeline, audit, reindex."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.normdocs import indexing, pagecache, policies
from fazhi.normdocs.models import DocumentEvent, NormativeDocument
from fazhi.normdocs.transitions import ensure_allowed

S = NormativeDocument.Status
PUBLIC_KINDS = {"publish", "amended", "repealed", "declared_invalid", "expired", "import"}


def lock(doc: NormativeDocument | int) -> NormativeDocument:
    """The document row, locked for the rest of the transaction."""
    pk = doc.pk if isinstance(doc, NormativeDocument) else doc
    return NormativeDocument.objects.select_for_update().select_related("org_unit").get(pk=pk)


def locked_for(doc: NormativeDocument, actor: Any, action: str) -> NormativeDocument:
    """Lock, then check the actor may do `action` (404 otherwise)."""
    doc = lock(doc)
    policies.ensure_can(actor, action, doc)
    return doc


def today(on: dt.date | None = None) -> dt.date:
    return on or timezone.localdate()


def require_text(value: str, label: str, field: str, max_length: int = 10_000) -> str:
    """Trimmed non-empty text, or a Chinese DomainError naming the field."""
    value = (value or "").strip()
    if not value:
        raise DomainError(f"请填写{label}", field=field)
    if len(value) > max_length:
        raise DomainError(f"{label}不能超过 {max_length} 个字符", field=field)
    return value


def event(
    doc: NormativeDocument, *, actor: Any, kind: str, label: str, public: bool | None = None
) -> DocumentEvent:
    """Append a timeline step (public ones feed the provincial pull API)."""
    return DocumentEvent.objects.create(
        document=doc,
        actor=actor,
        kind=kind,
        label=label[:200],
        status_after=doc.status,
        public=kind in PUBLIC_KINDS if public is None else public,
    )


def move(
    doc: NormativeDocument,
    target: str,
    *,
    actor: Any,
    kind: str,
    label: str,
    changes: dict[str, list[Any]] | None = None,
    extra_fields: tuple[str, ...] = (),
) -> NormativeDocument:
    """Change state along the graph, save, write the timeline and the audit entry, reindex.

    The portal's cached page of the document is dropped after commit (a public status change
    shows at once).
    """
    ensure_allowed(doc.status, target)
    before = doc.status
    doc.status = target
    doc.save(update_fields=["status", "updated_at", *extra_fields])
    event(doc, actor=actor, kind=kind, label=label)
    audit.record(
        actor=actor,
        verb=f"normdocs.{kind}",
        target=doc,
        changes={"status": [before, target], **(changes or {})},
    )
    indexing.enqueue(doc)
    pk = doc.pk
    transaction.on_commit(lambda: pagecache.forget(pk))
    return doc


def record_step(
    doc: NormativeDocument, *, actor: Any, kind: str, label: str, changes: dict[str, Any]
) -> None:
    """A step that does not change the state (a comment handled, a version added…)."""
    event(doc, actor=actor, kind=kind, label=label, public=False)
    audit.record(actor=actor, verb=f"normdocs.{kind}", target=doc, changes=changes)


def atomic(fn: Any) -> Any:
    """Durable transaction: services are entry points, never nested in each other's atomic blocks."""
    return transaction.atomic(fn)
