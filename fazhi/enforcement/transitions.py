"""The case state graph, as data (domain.md §3, 行政处罚法 ordinary and simplified procedures)."""

from __future__ import annotations

from fazhi.core.errors import TransitionNotAllowed

from .models import Case

S = Case.Status

# Ordinary procedure (普通程序) for penalty cases.
ALLOWED: dict[str, set[str]] = {
    S.CLUE: {S.FILED, S.NOT_FILED},
    S.FILED: {S.INVESTIGATING},
    S.INVESTIGATING: {S.INVESTIGATION_CLOSED, S.TRANSFERRED},
    S.INVESTIGATION_CLOSED: {S.NOTICE, S.NO_PENALTY, S.TRANSFERRED},
    S.NOTICE: {S.STATEMENT, S.HEARING, S.LEGAL_REVIEW, S.DECIDED},
    S.STATEMENT: {S.HEARING, S.LEGAL_REVIEW, S.DECIDED},
    S.HEARING: {S.LEGAL_REVIEW, S.DECIDED},
    S.LEGAL_REVIEW: {S.DECIDED, S.INVESTIGATING},
    S.DECIDED: {S.SERVED},
    S.SERVED: {S.EXECUTING, S.CLOSED},
    S.EXECUTING: {S.CLOSED},
    S.NO_PENALTY: {S.CLOSED},
    S.TRANSFERRED: {S.CLOSED, S.INVESTIGATION_CLOSED},
    S.CLOSED: {S.ARCHIVED},
    S.NOT_FILED: set(),
    S.ARCHIVED: set(),
}

# Extra edges: simplified procedure (当场处罚) decides right after filing; an inspection closes
# once the inspection is done (its result may still lead to a separate penalty case).
SIMPLIFIED_EXTRA: dict[str, set[str]] = {S.FILED: {S.DECIDED}}
INSPECTION_EXTRA: dict[str, set[str]] = {S.INVESTIGATING: {S.CLOSED}}

LABELS = dict(S.choices)


def allowed_targets(case: Case) -> set[str]:
    """Every status the case may move to from where it is."""
    targets = set(ALLOWED.get(case.status, set()))
    if case.procedure == Case.Procedure.SIMPLIFIED:
        targets |= SIMPLIFIED_EXTRA.get(case.status, set())
    if case.kind == Case.Kind.INSPECTION:
        targets |= INSPECTION_EXTRA.get(case.status, set())
    return targets


def ensure_allowed(case: Case, target: str) -> None:
    """Raise TransitionNotAllowed unless the graph has the edge."""
    if target not in allowed_targets(case):
        raise TransitionNotAllowed(current=case.status, target=target, labels=LABELS)


OPEN_STATUSES = {
    S.CLUE,
    S.FILED,
    S.INVESTIGATING,
    S.INVESTIGATION_CLOSED,
    S.NOTICE,
    S.STATEMENT,
    S.HEARING,
    S.LEGAL_REVIEW,
}
