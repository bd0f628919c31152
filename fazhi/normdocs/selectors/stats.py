"""Statistics per issuer/year/status, filing rate and timeliness, review counts and opinions.

Every figure is computed over the viewer's visible documents (the annual report reads these too).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q

from fazhi.normdocs.models import Filing, LegalityReview, NormativeDocument
from fazhi.normdocs.selectors.public import PUBLISHED_STATUSES
from fazhi.normdocs.selectors.staff import document_list_visible_to


def document_statistics(*, user: Any, year: int | None = None) -> dict[str, Any]:
    """All figures of the statistics page for the documents `user` may see."""
    docs = document_list_visible_to(user=user)
    if year:
        docs = docs.filter(Q(number_year=year) | Q(number_year__isnull=True, created_at__year=year))
    labels = dict(NormativeDocument.Status.choices)
    by_status = [
        {"status": labels.get(r["status"], r["status"]), "n": r["n"]}
        for r in docs.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    by_issuer = list(
        docs.values("org_unit__name")
        .annotate(total=Count("pk"), published=Count("pk", filter=Q(status__in=PUBLISHED_STATUSES)))
        .order_by("-total")[:50]
    )
    by_year = list(
        docs.exclude(number_year__isnull=True)
        .values("number_year")
        .annotate(n=Count("pk"))
        .order_by("number_year")
    )
    published = docs.filter(status__in=PUBLISHED_STATUSES, imported=False)
    filings = Filing.objects.filter(document__in=published)
    filed_docs = published.filter(filings__isnull=False).distinct().count()
    on_time = filings.filter(filed_on__lte=F("due_on")).count()
    reviews = LegalityReview.objects.filter(document__in=docs)
    opinions = dict(LegalityReview.Opinion.choices)
    by_opinion = [
        {"opinion": opinions.get(r["opinion"], r["opinion"]), "n": r["n"]}
        for r in reviews.values("opinion").annotate(n=Count("pk")).order_by("opinion")
    ]
    review_results = dict(Filing.Review.choices)
    filing_reviews = [
        {"review": review_results.get(r["review"], r["review"]), "n": r["n"]}
        for r in filings.values("review").annotate(n=Count("pk")).order_by("review")
    ]
    published_count = published.count()
    return {
        "total": docs.count(),
        "by_status": by_status,
        "by_issuer": by_issuer,
        "by_year": by_year,
        "published": published_count,
        "filed": filed_docs,
        "filing_rate": round(100 * filed_docs / published_count, 1) if published_count else None,
        "filings": filings.count(),
        "filings_on_time": on_time,
        "timeliness": round(100 * on_time / filings.count(), 1) if filings.count() else None,
        "reviews": reviews.count(),
        "reviews_late": reviews.exclude(opinion="").filter(completed_on__gt=F("due_on")).count(),
        "by_opinion": by_opinion,
        "filing_reviews": filing_reviews,
    }
