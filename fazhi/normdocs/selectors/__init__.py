"""The read path of the normdocs app: public (portal) selectors and staff selectors scoped to the viewer."""

from .public import (
    PUBLIC_STATUS_LABELS,
    PUBLISHED_STATUSES,
    FilingInfo,
    Interpretation,
    SuggestionStatus,
    public_status,
    public_status_code,
    public_status_q,
    published_articles,
    published_campaign_get,
    published_campaign_items,
    published_campaigns,
    published_document_get,
    published_document_list,
    published_documents,
    published_filing_info,
    published_interpretation,
    published_related,
    published_versions,
    review_suggestion_track,
)

__all__ = [
    "PUBLIC_STATUS_LABELS",
    "PUBLISHED_STATUSES",
    "FilingInfo",
    "Interpretation",
    "SuggestionStatus",
    "public_status",
    "public_status_code",
    "public_status_q",
    "published_articles",
    "published_campaign_get",
    "published_campaign_items",
    "published_campaigns",
    "published_document_get",
    "published_document_list",
    "published_documents",
    "published_filing_info",
    "published_interpretation",
    "published_related",
    "published_versions",
    "review_suggestion_track",
]


def review_suggestion_submit(**kwargs):  # type: ignore[no-untyped-def]
    """The portal's write entry for 审查建议 (the service lives in `services.suggestions`)."""
    from fazhi.normdocs.services.suggestions import review_suggestion_submit as submit

    return submit(**kwargs)


__all__ += ["review_suggestion_submit"]
