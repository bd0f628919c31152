"""Normdocs models; each concern has its own module, re-exported here."""

from .cleanup import CleanupCampaign, CleanupItem
from .document import DocumentEvent, DocumentVersion, NormativeDocument
from .filing import Filing, ReviewSuggestion
from .process import (
    Comment,
    CommentPeriod,
    Deliberation,
    FairCompetitionReview,
    LegalityReview,
    Publication,
)

__all__ = [
    "CleanupCampaign",
    "CleanupItem",
    "Comment",
    "CommentPeriod",
    "Deliberation",
    "DocumentEvent",
    "DocumentVersion",
    "FairCompetitionReview",
    "Filing",
    "LegalityReview",
    "NormativeDocument",
    "Publication",
    "ReviewSuggestion",
]
