"""REST endpoints of the normdocs app (mounted at /api/normdocs/): scoped list/detail, publish events."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.api import page_bounds
from fazhi.normdocs import permissions as P
from fazhi.normdocs import services
from fazhi.normdocs.models import DocumentEvent
from fazhi.normdocs.selectors import public_status
from fazhi.normdocs.selectors import staff as staff_selectors

router = Router(tags=["行政规范性文件"])


class DocumentOut(Schema):
    """A normative document as the caller may see it."""

    id: int
    title: str
    doc_number: str
    issuer_id: int
    issuer: str
    kind: str
    status: str
    public_status: str
    published_on: dt.date | None
    effective_on: dt.date | None
    expires_on: dt.date | None


class DocumentDetailOut(DocumentOut):
    body_text: str
    supersedes_id: int | None
    relation: str


class EventOut(Schema):
    """A public event (published, amended, repealed, expired…) for provincial pull."""

    id: int
    at: dt.datetime
    document_id: int
    doc_number: str
    title: str
    kind: str
    label: str
    status: str


class PublishIn(Schema):
    published_on: dt.date
    channel: str
    interpretation_title: str
    interpretation_text: str
    effective_on: dt.date | None = None
    expires_on: dt.date | None = None


def _out(doc, cls=DocumentOut):  # type: ignore[no-untyped-def]
    extra = {}
    if cls is DocumentDetailOut:
        extra = {
            "body_text": doc.body_text,
            "supersedes_id": doc.supersedes_id,
            "relation": doc.relation,
        }
    return cls(
        id=doc.pk,
        title=doc.title,
        doc_number=doc.doc_number,
        issuer_id=doc.org_unit_id,
        issuer=doc.org_unit.name,
        kind=doc.kind,
        status=doc.status,
        public_status=public_status(doc) if doc.published_on else "",
        published_on=doc.published_on,
        effective_on=doc.effective_on,
        expires_on=doc.expires_on,
        **extra,
    )


@router.get("/documents", response=list[DocumentOut], summary="授权范围内的规范性文件")
def document_list(
    request: HttpRequest,
    q: str = "",
    status: str = "",
    year: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[DocumentOut]:
    if not access.has_perm(request.user, P.VIEW):
        return []
    start, stop = page_bounds(limit=limit, offset=offset)
    qs = staff_selectors.document_list_visible_to(
        user=request.user, q=q[:100], status=status[:20], year=year
    )
    return [_out(d) for d in qs.order_by("-pk")[start:stop]]


@router.get("/documents/{doc_id}", response=DocumentDetailOut, summary="规范性文件详情")
def document_detail(request: HttpRequest, doc_id: int) -> DocumentDetailOut:
    return _out(
        staff_selectors.document_get_visible(user=request.user, pk=doc_id), DocumentDetailOut
    )


@router.get(
    "/events", response=list[EventOut], summary="公布、修改、废止、失效事件（供上级平台拉取）"
)
def events(request: HttpRequest, since: int = 0, limit: int = 500) -> list[EventOut]:
    """Public events with id > `since`, oldest first, within the caller's scope."""
    visible = staff_selectors.document_list_visible_to(user=request.user).values("pk")
    _, stop = page_bounds(limit=limit, offset=0)
    qs = (
        DocumentEvent.objects.filter(public=True, pk__gt=max(since, 0), document_id__in=visible)
        .select_related("document")
        .order_by("pk")[:stop]
    )
    return [
        EventOut(
            id=e.pk,
            at=e.at,
            document_id=e.document_id,
            doc_number=e.document.doc_number,
            title=e.document.title,
            kind=e.kind,
            label=e.label,
            status=e.status_after,
        )
        for e in qs
    ]


@router.post(
    "/documents/{doc_id}/publish",
    response=DocumentOut,
    summary="公开发布（须已登记编号并附政策解读）",
)
def document_publish(request: HttpRequest, doc_id: int, payload: PublishIn) -> DocumentOut:
    user = staff_user(request)
    doc = staff_selectors.document_get_visible(user=user, pk=doc_id)
    if not access.has_perm(user, P.REGISTER):
        raise Http404
    return _out(services.document_publish(actor=user, doc=doc, **payload.dict()))
