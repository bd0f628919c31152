"""The only write path into the search index.

Changes are queued in `PendingIndex` inside the caller's transaction and applied after commit by one
writer (the worker's task, or `fazhi search apply`/`rebuild`). The index is derived data: deleting it
and running `fazhi search rebuild` restores it from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import tantivy
from django.db import connection, transaction
from django.utils import timezone

from . import engine
from .models import PendingIndex
from .registry import SPECS, IndexSpec, SearchDoc, spec_for_model
from .text import ngrams, normalise, unigrams

log = logging.getLogger(__name__)
BATCH = 2000


def index_enqueue(obj: Any, *, kind: str | None = None) -> None:
    """Queue `obj` for (re)indexing after the current transaction commits."""
    spec = SPECS.get(kind) if kind else spec_for_model(type(obj))
    if spec is None:
        raise LookupError(f"no search index registered for {type(obj).__name__}")
    PendingIndex.objects.create(kind=spec.kind, object_id=obj.pk)
    transaction.on_commit(_schedule_apply)


def index_enqueue_many(kind: str, object_ids: Iterable[int]) -> int:
    """Queue many records of one kind (bulk imports): one outbox row each, one apply task after commit."""
    if kind not in SPECS:
        raise LookupError(f"no search index registered as {kind!r}")
    ids = list(object_ids)
    if not ids:
        return 0
    if connection.vendor == "postgresql":
        # one statement with an array parameter: bulk_create cost ~40 µs a row, a fifth of a
        # 5,000-case API batch (bench/enforcement)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {PendingIndex._meta.db_table} (kind, object_id, created_at) "  # noqa: S608
                "SELECT %s, unnest(%s::bigint[]), %s",
                [kind, ids, timezone.now()],
            )
    else:
        rows = [PendingIndex(kind=kind, object_id=pk) for pk in ids]
        PendingIndex.objects.bulk_create(rows, batch_size=BATCH)
    transaction.on_commit(_schedule_apply)
    return len(ids)


def _schedule_apply() -> None:
    from .tasks import apply_pending_task

    try:
        apply_pending_task.enqueue()
    except Exception:  # a broken queue must not break the user's request; the sweep catches up
        log.exception("could not enqueue the search apply task")


def _unit_terms(unit: Any, prefix: str = "") -> list[str]:
    """`u:<id>` for the unit itself and `p:<path>` for it and every ancestor (subtree scopes)."""
    path = unit.path
    return [f"{prefix}u:{unit.pk}"] + [f"{prefix}p:{path[:i]}" for i in range(8, len(path) + 1, 8)]


def _scope_terms(spec: IndexSpec, doc: SearchDoc) -> list[str]:
    """Unit terms for filters, plus permission-qualified unit terms for visibility."""
    terms = _unit_terms(doc.unit) + _unit_terms(doc.unit, f"{spec.perm}|")
    for perm, unit in doc.extra_units:
        if unit is not None:
            terms += _unit_terms(unit, f"{perm}|")
    return list(dict.fromkeys(terms))


def to_document(spec: IndexSpec, object_id: int, doc: SearchDoc) -> tantivy.Document:
    """The Tantivy document for one record."""
    title_n = normalise(doc.title + " " + doc.number)
    body_n = normalise(doc.body)
    fields: dict[str, Any] = {
        "key": f"{spec.kind}:{object_id}",
        "kind": spec.kind,
        "object_id": object_id,
        "title": doc.title,
        "number": doc.number,
        "body": doc.body,
        "title_uni": unigrams(title_n),
        "title_bi": ngrams(title_n, 2),
        "title_tri": ngrams(title_n, 3),
        "title_quad": ngrams(title_n, 4),
        "body_uni": unigrams(body_n),
        "body_bi": ngrams(body_n, 2),
        "body_tri": ngrams(body_n, 3),
        "body_quad": ngrams(body_n, 4),
        "scope": _scope_terms(spec, doc),
        "status": doc.status,
        "tag": list(doc.tags),
        "public": 1 if doc.public else 0,
    }
    if doc.date:
        fields["date"] = engine.to_datetime(doc.date)
    fields["valid_from"] = engine.to_datetime(doc.valid_from or doc.date or engine.EPOCH)
    return tantivy.Document(**fields)


def _load(spec: IndexSpec, ids: list[int]) -> dict[int, Any]:
    return {obj.pk: obj for obj in spec.model._default_manager.filter(pk__in=ids)}


@dataclass
class ApplyResult:
    """What one apply pass did."""

    indexed: int = 0
    dropped: int = 0


def apply_pending(*, limit: int = 50_000) -> ApplyResult:
    """Apply queued changes to the index (the single writer). Safe to run concurrently: one waits."""
    result = ApplyResult()
    rows = list(PendingIndex.objects.order_by("id").values_list("id", "kind", "object_id")[:limit])
    if not rows:
        return result
    by_kind: dict[str, set[int]] = {}
    for _, kind, object_id in rows:
        by_kind.setdefault(kind, set()).add(object_id)
    with engine.writer() as w:
        for kind, ids in by_kind.items():
            spec = SPECS.get(kind)
            for object_id in ids:
                w.delete_documents_by_term("key", f"{kind}:{object_id}")
            if spec is None:
                result.dropped += len(ids)
                continue
            ids_list = sorted(ids)
            for start in range(0, len(ids_list), BATCH):
                chunk = ids_list[start : start + BATCH]
                objects = _load(spec, chunk)
                for object_id in chunk:
                    obj = objects.get(object_id)
                    doc = spec.build(obj) if obj is not None else None
                    if doc is None:
                        result.dropped += 1
                        continue
                    w.add_document(to_document(spec, object_id, doc))
                    result.indexed += 1
        w.commit()
    done = [row[0] for row in rows]
    for start in range(0, len(done), BATCH):
        PendingIndex.objects.filter(id__in=done[start : start + BATCH]).delete()
    return result


def rebuild(*, kinds: Iterable[str] | None = None, progress: Any = None) -> dict[str, int]:
    """Rebuild the index from the database (all kinds, or only `kinds`). Returns counts per kind."""
    wanted = [SPECS[k] for k in (kinds or SPECS.keys()) if k in SPECS]
    counts: dict[str, int] = {}
    marker = PendingIndex.objects.order_by("-id").values_list("id", flat=True).first()
    with engine.writer() as w:
        if kinds is None:
            w.delete_all_documents()
        for spec in wanted:
            if kinds is not None:
                w.delete_documents_by_term("kind", spec.kind)
            n = 0
            for obj in spec.all_objects():
                doc = spec.build(obj)
                if doc is None:
                    continue
                w.add_document(to_document(spec, obj.pk, doc))
                n += 1
                if progress and n % 10_000 == 0:
                    progress(spec.kind, n)
            counts[spec.kind] = n
        w.commit()
    if marker is not None:
        PendingIndex.objects.filter(id__lte=marker).delete()
    return counts
