"""The state graph of a normative document (domain.md §1), as data."""

from __future__ import annotations

from fazhi.core.errors import TransitionNotAllowed
from fazhi.normdocs.models import NormativeDocument

S = NormativeDocument.Status
LABELS = dict(S.choices)

ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.EVALUATED},
    S.EVALUATED: {S.PUBLIC_COMMENT},
    S.PUBLIC_COMMENT: {S.COMMENT_CLOSED},
    # Fair-competition review only when the document affects market actors (gate in services).
    S.COMMENT_CLOSED: {S.FAIR_REVIEWED, S.DEPT_PRECHECKED},
    S.FAIR_REVIEWED: {S.DEPT_PRECHECKED},
    S.DEPT_PRECHECKED: {S.LEGALITY_REVIEW},
    S.LEGALITY_REVIEW: {S.REVIEW_PASSED, S.REVISE},
    # A revised draft goes back to review, or passes once the 修改后合法 changes are made.
    S.REVISE: {S.LEGALITY_REVIEW, S.REVIEW_PASSED},
    S.REVIEW_PASSED: {S.DELIBERATED, S.REVISE},
    S.DELIBERATED: {S.SIGNED},
    S.SIGNED: {S.REGISTERED},
    S.REGISTERED: {S.PUBLISHED},
    S.PUBLISHED: {S.FILED, S.AMENDED, S.REPEALED, S.DECLARED_INVALID, S.EXPIRED},
    S.FILED: {S.IN_FORCE, S.AMENDED, S.REPEALED, S.DECLARED_INVALID, S.EXPIRED},
    S.IN_FORCE: {S.AMENDED, S.REPEALED, S.DECLARED_INVALID, S.EXPIRED},
}

# Once published, a document ends in exactly one of these.
ENDED = {S.AMENDED, S.REPEALED, S.DECLARED_INVALID, S.EXPIRED}
# A document that may still be ended (修改/废止/宣布失效/到期).
LIVE = {S.PUBLISHED, S.FILED, S.IN_FORCE}
# Drafting stages: the drafting unit may still edit the text.
EDITABLE = {S.DRAFT, S.EVALUATED, S.PUBLIC_COMMENT, S.COMMENT_CLOSED, S.REVISE}


def can_go(current: str, target: str) -> bool:
    """Whether the graph allows current → target."""
    return target in ALLOWED.get(current, set())


def ensure_allowed(current: str, target: str) -> None:
    """Raise TransitionNotAllowed (with Chinese labels) unless current → target is allowed."""
    if not can_go(current, target):
        raise TransitionNotAllowed(current=current, target=target, labels=LABELS)
