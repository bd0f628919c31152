"""Staff reads, scoped to the viewer: the issuer's scope, plus documents filed TO the viewer's unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core import access
from fazhi.normdocs import permissions as P
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    Filing,
    NormativeDocument,
    ReviewSuggestion,
)
from fazhi.normdocs.transitions import LIVE


def _visible_q(user: Any) -> Q | None:
    """Issuer in the viewer's VIEW scope, or filed to a unit in the viewer's FILE_REVIEW scope."""
    by_issuer = access.scope_q(user, P.VIEW, "org_unit")
    filed_to = access.scope_q(user, P.FILE_REVIEW, "filed_to")
    parts = [q for q in (by_issuer,) if q is not None]
    if filed_to is not None:
        parts.append(Q(pk__in=Filing.objects.filter(filed_to).values("document_id")))
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def document_list_visible_to(
    *,
    user: Any,
    q: str = "",
    status: str = "",
    issuer_id: int | None = None,
    year: int | None = None,
    kind: str = "",
    expiring: bool = False,
) -> QuerySet[NormativeDocument]:
    """Documents the viewer may see, filtered as on the list page."""
    visible = _visible_q(user)
    qs = NormativeDocument.objects.select_related("org_unit", "drafting_unit")
    if visible is None:
        return qs.none()
    qs = qs.filter(visible)
    if q.strip():
        q = q.strip()
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q))
    if status:
        qs = qs.filter(status=status)
    if issuer_id:
        qs = qs.filter(org_unit_id=issuer_id)
    if year:
        qs = qs.filter(Q(number_year=year) | Q(number_year__isnull=True, created_at__year=year))
    if kind:
        qs = qs.filter(kind=kind)
    if expiring:
        from fazhi.normdocs import conf

        today = timezone.localdate()
        horizon = today + dt.timedelta(days=conf.expiring_soon_days())
        qs = qs.filter(status__in=list(LIVE), expires_on__gte=today, expires_on__lte=horizon)
    return qs


def document_get_visible(*, user: Any, pk: Any) -> NormativeDocument:
    """One visible document, or 404 (missing and out of scope look the same)."""
    try:
        return document_list_visible_to(user=user).get(pk=int(pk))
    except (NormativeDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def filing_list_visible_to(*, user: Any, state: str = "") -> QuerySet[Filing]:
    """Filings to the viewer's units (FILE_REVIEW) or of documents the viewer issues."""
    base = Filing.objects.select_related("document", "document__org_unit", "filed_to")
    to_me = access.scope_q(user, P.FILE_REVIEW, "filed_to")
    mine = access.scope_q(user, P.VIEW, "document__org_unit")
    parts = [p for p in (to_me, mine) if p is not None]
    if not parts:
        return base.none()
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    qs = base.filter(combined)
    today = timezone.localdate()
    if state == "pending":
        qs = qs.filter(registration__in=["", Filing.Registration.DEFERRED])
    elif state == "reviewing":
        qs = qs.filter(registration=Filing.Registration.REGISTERED, review="")
    elif state == "correction_overdue":
        qs = qs.filter(correction_due_on__lt=today, correction_reported_on__isnull=True)
    elif state == "late":
        qs = qs.filter(filed_on__gt=F("due_on"))
    return qs


def filing_get_visible(*, user: Any, pk: Any) -> Filing:
    try:
        return filing_list_visible_to(user=user).get(pk=int(pk))
    except (Filing.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def unfiled_overdue(*, user: Any) -> QuerySet[NormativeDocument]:
    """Published documents not yet filed (the filing clock runs from publication)."""
    return (
        document_list_visible_to(user=user)
        .filter(status=NormativeDocument.Status.PUBLISHED)
        .order_by("published_on")
    )


def suggestion_list_visible_to(*, user: Any, status: str = "") -> QuerySet[ReviewSuggestion]:
    qs = access.visible(
        ReviewSuggestion.objects.select_related("document", "document__org_unit"),
        user,
        P.SUPERVISE,
        "document__org_unit",
    )
    return qs.filter(status=status) if status else qs


def suggestion_get_visible(*, user: Any, pk: Any) -> ReviewSuggestion:
    return access.get_visible(
        ReviewSuggestion.objects.select_related("document"),
        user,
        P.SUPERVISE,
        "document__org_unit",
        pk=pk,
    )


def campaign_list_visible_to(*, user: Any) -> QuerySet[CleanupCampaign]:
    return access.visible(CleanupCampaign.objects.select_related("org_unit"), user, P.SUPERVISE)


def campaign_get_visible(*, user: Any, pk: Any) -> CleanupCampaign:
    return access.get_visible(
        CleanupCampaign.objects.select_related("org_unit"), user, P.SUPERVISE, pk=pk
    )


def cleanup_item_get_visible(*, user: Any, pk: Any) -> CleanupItem:
    """An item, reachable by the campaign's supervisors or the document's drafters."""
    qs = CleanupItem.objects.select_related("campaign", "document", "document__org_unit")
    q1 = access.scope_q(user, P.SUPERVISE, "campaign__org_unit")
    q2 = access.scope_q(user, P.DRAFT, "document__org_unit")
    parts = [p for p in (q1, q2) if p is not None]
    if not parts:
        raise Http404("记录不存在或无权查看")
    combined = parts[0] if len(parts) == 1 else parts[0] | parts[1]
    try:
        return qs.filter(combined).get(pk=int(pk))
    except (CleanupItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc
