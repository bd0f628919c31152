"""The public read contract (portal and provincial pull): only published documents, ever.

Drafts, comments, internal reviews, deliberations and filings are never reachable from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.normdocs.articles import Article, split_articles
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    Filing,
    NormativeDocument,
    Publication,
    ReviewSuggestion,
)

S = NormativeDocument.Status
# Statuses in which a document has been published (and stays public afterwards).
PUBLISHED_STATUSES = (
    S.PUBLISHED,
    S.FILED,
    S.IN_FORCE,
    S.AMENDED,
    S.REPEALED,
    S.DECLARED_INVALID,
    S.EXPIRED,
)
LIVE_STATUSES = (S.PUBLISHED, S.FILED, S.IN_FORCE)

PUBLIC_STATUS_LABELS: dict[str, str] = {
    "current": "现行有效",
    "amended": "已修改",
    "repealed": "已废止",
    "expired": "已失效",
    "pending": "尚未生效",
}


def public_status(doc: NormativeDocument, *, today: dt.date | None = None) -> str:
    """The public validity label: 现行有效/已修改/已废止/已失效/尚未生效."""
    return PUBLIC_STATUS_LABELS[public_status_code(doc, today=today)]


def public_status_code(doc: NormativeDocument, *, today: dt.date | None = None) -> str:
    """The code behind `public_status` (current/amended/repealed/expired/pending)."""
    today = today or timezone.localdate()
    if doc.status == S.AMENDED:
        return "amended"
    if doc.status == S.REPEALED:
        return "repealed"
    if doc.status in (S.EXPIRED, S.DECLARED_INVALID):
        return "expired"
    if doc.effective_on and doc.effective_on > today:
        return "pending"
    if doc.expires_on and doc.expires_on < today:
        return "expired"  # the daily job may not have run yet today
    return "current"


def public_status_q(code: str, *, today: dt.date | None = None) -> Q:
    """A filter matching exactly the documents whose `public_status_code` is `code`."""
    today = today or timezone.localdate()
    live = Q(status__in=LIVE_STATUSES)
    not_started = Q(effective_on__gt=today)
    ended = Q(expires_on__lt=today)  # valid through expires_on
    return {
        "amended": Q(status=S.AMENDED),
        "repealed": Q(status=S.REPEALED),
        "expired": Q(status__in=(S.EXPIRED, S.DECLARED_INVALID)) | (live & ~not_started & ended),
        "pending": live & not_started,
        "current": live & ~not_started & ~ended,
    }.get(code, Q(pk__in=[]))


def _status_code(status: str | None) -> str | None:
    if not status:
        return None
    if status in PUBLIC_STATUS_LABELS:
        return status
    by_label = {label: code for code, label in PUBLIC_STATUS_LABELS.items()}
    return by_label.get(status, "unknown")


def published_documents() -> QuerySet[NormativeDocument]:
    """Every published document (the base of all public reads)."""
    return NormativeDocument.objects.filter(status__in=PUBLISHED_STATUSES).select_related(
        "org_unit"
    )


def published_document_list(
    *,
    q: str = "",
    issuer_id: int | None = None,
    year: int | None = None,
    doc_number: str = "",
    status: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[NormativeDocument]:
    """Published documents filtered by keyword (title/文号/text), issuer, year, 文号, status, dates.

    `status` is a public code (current/amended/repealed/expired/pending) or its Chinese label;
    an unknown status gives an empty list. `year` is the 文号 year (or the publication year).
    """
    qs = published_documents()
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(body_text__contains=q)
        )
    if issuer_id:
        qs = qs.filter(org_unit_id=issuer_id)
    if year:
        qs = qs.filter(Q(number_year=year) | Q(number_year__isnull=True, published_on__year=year))
    if doc_number:
        qs = qs.filter(doc_number__icontains=doc_number.strip())
    code = _status_code(status)
    if code:
        qs = qs.filter(public_status_q(code))
    if date_from:
        qs = qs.filter(published_on__gte=date_from)
    if date_to:
        qs = qs.filter(published_on__lte=date_to)
    return qs.order_by("-published_on", "-pk")


def published_document_get(*, pk: object) -> NormativeDocument:
    """One published document, or Http404 (drafts look exactly like missing records)."""
    try:
        return published_documents().get(pk=int(str(pk)))
    except (NormativeDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("文件不存在") from exc


def published_articles(doc: NormativeDocument) -> list[Article]:
    """The articles (第X条) of a published document's text."""
    if doc.status not in PUBLISHED_STATUSES:
        return []
    return split_articles(doc.body_text)


def _chain_root(doc: NormativeDocument) -> NormativeDocument:
    seen = {doc.pk}
    while doc.supersedes_id and doc.relation == NormativeDocument.Relation.AMEND:
        parent = NormativeDocument.objects.get(pk=doc.supersedes_id)
        if parent.pk in seen:  # defensive: a cycle would loop forever
            break
        seen.add(parent.pk)
        doc = parent
    return doc


def published_versions(doc: NormativeDocument) -> list[NormativeDocument]:
    """The published documents of the amendment chain (立 → 改 → 改 …), oldest first."""
    root = _chain_root(doc)
    chain, frontier = [root], [root.pk]
    while frontier:
        children = list(
            NormativeDocument.objects.filter(
                supersedes_id__in=frontier, relation=NormativeDocument.Relation.AMEND
            ).exclude(pk__in=[d.pk for d in chain])
        )
        chain += children
        frontier = [c.pk for c in children]
    published = [d for d in chain if d.status in PUBLISHED_STATUSES]
    return sorted(published, key=lambda d: (d.published_on or dt.date.min, d.pk))


def published_related(
    doc: NormativeDocument, *, versions: list[NormativeDocument] | None = None
) -> list[NormativeDocument]:
    """Published documents that repeal this one, that it repeals, or that cite its 文号 (≤ 20).

    One query; the amendment chain (`versions`, from `published_versions` when the caller has it
    already) is left out, since the page lists it separately.
    """
    R = NormativeDocument.Relation
    links = Q(supersedes=doc, relation=R.REPEAL)
    if doc.supersedes_id and doc.relation == R.REPEAL:
        links |= Q(pk=doc.supersedes_id)
    if doc.repealed_by_id:
        links |= Q(pk=doc.repealed_by_id)
    if doc.doc_number:
        links |= Q(body_text__contains=doc.doc_number)
    if versions is None:
        versions = published_versions(doc)
    excluded = {doc.pk} | {v.pk for v in versions}
    return list(published_documents().filter(links).exclude(pk__in=excluded).order_by("pk")[:20])


@dataclass(frozen=True)
class FilingInfo:
    """What the public learns of a document's filing: whether and when, never the review."""

    filed: bool
    filed_on: dt.date | None


def published_filing_info(doc: NormativeDocument) -> FilingInfo:
    """Whether (and when first) a published document was filed upward (备案)."""
    if doc.status not in PUBLISHED_STATUSES:
        return FilingInfo(filed=False, filed_on=None)
    first = (
        Filing.objects.filter(document=doc).order_by("filed_on").values_list("filed_on", flat=True)
    ).first()
    return FilingInfo(filed=first is not None, filed_on=first)


def published_campaigns() -> QuerySet[CleanupCampaign]:
    """Cleanup campaigns whose result list has been published, newest first."""
    return (
        CleanupCampaign.objects.filter(status=CleanupCampaign.Status.PUBLISHED)
        .select_related("org_unit")
        .order_by("-published_on", "-pk")
    )


def published_campaign_get(*, pk: object) -> CleanupCampaign:
    """One published cleanup campaign, or Http404 (a campaign still under way looks missing)."""
    try:
        return published_campaigns().get(pk=int(str(pk)))
    except (CleanupCampaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("清理结果不存在") from exc


def published_campaign_items(campaign: CleanupCampaign) -> QuerySet[CleanupItem]:
    """The result list of a published campaign: document, outcome and reason (no owners)."""
    if campaign.status != CleanupCampaign.Status.PUBLISHED:
        return CleanupItem.objects.none()
    return (
        CleanupItem.objects.filter(campaign=campaign, document__status__in=PUBLISHED_STATUSES)
        .select_related("document", "document__org_unit")
        .order_by("document__org_unit__path", "document__published_on", "pk")
    )


@dataclass(frozen=True)
class Interpretation:
    """The policy interpretation (政策解读) published with a document."""

    title: str
    text: str
    attachment_id: int | None
    published_on: dt.date


def published_interpretation(doc: NormativeDocument) -> Interpretation | None:
    """The interpretation of a published document (historic imports may have none)."""
    if doc.status not in PUBLISHED_STATUSES:
        return None
    pub = Publication.objects.filter(document=doc).first()
    if pub is None:
        return None
    return Interpretation(
        title=pub.interpretation_title,
        text=pub.interpretation_text,
        attachment_id=pub.interpretation_attachment_id,
        published_on=pub.published_on,
    )


@dataclass(frozen=True)
class SuggestionStatus:
    """What the public sees when following a review suggestion (no internal notes)."""

    tracking_code: str
    document_title: str
    submitted_at: dt.datetime
    status: str
    reply: str
    replied_on: dt.date | None


def review_suggestion_track(code: str) -> SuggestionStatus | None:
    """The public view of a suggestion by its tracking code, or None."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    item = ReviewSuggestion.objects.select_related("document").filter(tracking_code=code).first()
    if item is None:
        return None
    replied = item.status == ReviewSuggestion.Status.REPLIED
    return SuggestionStatus(
        tracking_code=item.tracking_code,
        document_title=item.document.title,
        submitted_at=item.submitted_at,
        status=item.get_status_display(),
        reply=item.reply if replied else "",
        replied_on=item.replied_on if replied else None,
    )
