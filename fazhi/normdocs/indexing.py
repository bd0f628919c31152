"""Search integration: what a normative document contributes to the one search index.

Staff see documents inside their `normdocs.view` scope (drafts included); the portal sees published
documents only (`public`). The status indexed is the lifecycle group the portal filters on:
live (then 现行有效 or 尚未生效 by 施行日期), amended, repealed, expired.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from fazhi.search.registry import IndexSpec, SearchDoc, register

from .models import NormativeDocument
from .permissions import FILE_REVIEW, VIEW

S = NormativeDocument.Status
PUBLISHED = {S.PUBLISHED, S.FILED, S.IN_FORCE, S.AMENDED, S.REPEALED, S.DECLARED_INVALID, S.EXPIRED}
LIVE = {S.PUBLISHED, S.FILED, S.IN_FORCE}
KIND = "normdocs.document"


def status_group(status: str) -> str:
    """The indexed status: live / amended / repealed / expired, or the draft status itself."""
    if status in LIVE:
        return "live"
    if status == S.AMENDED:
        return "amended"
    if status == S.REPEALED:
        return "repealed"
    if status in (S.EXPIRED, S.DECLARED_INVALID):
        return "expired"
    return status


def build(doc: NormativeDocument) -> SearchDoc:
    """The searchable projection of one document."""
    year = doc.number_year or (doc.published_on.year if doc.published_on else None)
    tags = [f"issuer:{doc.org_unit_id}"]
    if year:
        tags.append(f"year:{year}")
    return SearchDoc(
        title=doc.title,
        number=doc.doc_number or "",
        body=doc.body_text or "",
        unit=doc.org_unit,
        extra_units=[(FILE_REVIEW, f.filed_to) for f in doc.filings.select_related("filed_to")],
        status=status_group(doc.status),
        date=doc.published_on or timezone.localdate(doc.created_at),
        valid_from=doc.effective_on or doc.published_on,
        public=doc.status in PUBLISHED,
        tags=tags,
    )


def _all() -> Any:
    return (
        NormativeDocument.objects.select_related("org_unit")
        .prefetch_related("filings__filed_to")
        .order_by("pk")
        .iterator(chunk_size=2000)
    )


SPEC = register(
    IndexSpec(
        kind=KIND,
        label="规范性文件",
        model=NormativeDocument,
        perm=VIEW,
        extra_perms=(FILE_REVIEW,),
        build=build,
        all_objects=_all,
        staff_url=lambda pk: reverse("normdocs:document-detail", kwargs={"pk": pk}),
        public_url=lambda pk: f"/normdocs/{pk}/",
    )
)


def enqueue(doc: NormativeDocument) -> None:
    """Mark `doc` for reindexing (applied by the index writer after commit)."""
    from fazhi.search.services import index_enqueue

    index_enqueue(doc, kind=KIND)


def enqueue_many(doc_ids: Iterable[int]) -> int:
    """Mark many documents at once (catalogue import): one outbox row each, one apply task."""
    from fazhi.search.services import index_enqueue_many

    return index_enqueue_many(KIND, doc_ids)
