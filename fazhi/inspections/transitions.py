"""The task state graph, as data: draft → seed committed → drawn → results entered → published."""

from __future__ import annotations

from fazhi.core.errors import TransitionNotAllowed

from .models import InspectionTask

S = InspectionTask.Status

# A task may be withdrawn only before its draw: afterwards a re-draw would be a second roll.
ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.COMMITTED, S.CANCELLED},
    S.COMMITTED: {S.DRAWN, S.CANCELLED},
    S.DRAWN: {S.RESULTS_ENTERED},
    S.RESULTS_ENTERED: {S.PUBLISHED},
    S.PUBLISHED: set(),
    S.CANCELLED: set(),
}
LABELS = dict(S.choices)

# Statuses whose seed commitment and inputs are on the portal (drafts never are).
PUBLIC_STATUSES = [S.COMMITTED, S.DRAWN, S.RESULTS_ENTERED, S.PUBLISHED, S.CANCELLED]


def ensure_allowed(task: InspectionTask, target: str) -> None:
    """Raise TransitionNotAllowed unless the graph has the edge."""
    if target not in ALLOWED.get(task.status, set()):
        raise TransitionNotAllowed(current=task.status, target=target, labels=LABELS)
