"""REST endpoints of the clocks app (mounted at /api/clocks/)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.core.api import page_bounds
from fazhi.core.errors import DomainError

from . import calendar as engine
from . import selectors

router = Router(tags=["法定期限"])


class DueOut(Schema):
    """A computed due date."""

    start: dt.date
    rule: str
    due: dt.date
    explanation: list[str]


class ClockOut(Schema):
    """A statutory clock."""

    id: int
    kind: str
    label: str
    target_type: str
    target_id: str
    target_repr: str
    org_unit_id: int
    start_on: dt.date
    rule: str
    due_on: dt.date
    status: str
    urgency: str


@router.get("/deadline", response=DueOut, summary="按工作日历计算期限")
def deadline(
    request: HttpRequest,
    start: dt.date,
    rule: str,
    pause: list[str] = Query([]),  # noqa: B008
) -> DueOut:
    pauses = []
    for raw in pause:
        try:
            first, last = (dt.date.fromisoformat(p) for p in raw.split(".."))
        except ValueError:
            raise DomainError("中止期间格式应为 YYYY-MM-DD..YYYY-MM-DD", field="pause") from None
        pauses.append((first, last))
    due = engine.compute_due(start, rule, pauses=pauses)
    return DueOut(start=start, rule=rule, due=due.due_on, explanation=due.explanation)


@router.get("/clocks", response=list[ClockOut], summary="授权范围内的法定期限")
def clocks(
    request: HttpRequest,
    status: str = "active",
    urgency: str = "",
    limit: int = 100,
    offset: int = 0,
) -> list[ClockOut]:
    start, stop = page_bounds(limit=limit, offset=offset)
    qs = selectors.clock_list_visible_to(
        user=request.user, status=status[:16], urgency=urgency[:16]
    )
    return list(qs[start:stop])  # type: ignore[arg-type]
