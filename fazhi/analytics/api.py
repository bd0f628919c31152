"""REST endpoints of the analytics app (mounted at /api/analytics/): read-only, scoped.

Rollups per unit × month × case kind and the anomaly flags, for data exchange with upper-level
platforms. A token acts with its owner's scopes: the rollups need the supervisor's or the
leader's dashboard permission, the flags the supervisor's (as on the web pages); outside the
scope a list is empty and a named unit is 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fazhi.core import access
from fazhi.core.api import page_bounds
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.enforcement.models import Case

from . import selectors
from .models import AnomalyFlag, CaseRollup
from .permissions import VIEW_LEADER, VIEW_SUPERVISION

router = Router(tags=["执法监督分析"])


class RollupOut(Schema):
    """The measures of one unit × registration month × case kind (see docs/analytics.md)."""

    unit_id: int
    unit: str
    month: dt.date
    kind: str
    cases: int
    filed: int
    closed: int
    decided: int
    decision_overdue: int
    publicity_required: int
    publicity_on_time: int
    publicity_late: int
    review_required: int
    review_done: int
    amount_cases: int
    amount_total: Decimal
    out_of_tier: int
    uncertified: int
    revoked: int


class FlagOut(Schema):
    """An anomaly raised for a unit in a year."""

    id: int
    unit_id: int
    unit: str
    year: int
    kind: str
    kind_label: str
    value: Decimal
    detail: str
    raised_at: dt.datetime


class FreshnessOut(Schema):
    """How fresh the rollups are."""

    refreshed_at: dt.datetime | None
    as_of: dt.date | None
    mode: str
    version: str


def _perm(user: Any) -> str | None:
    """The dashboard permission the caller reads the rollups with (supervisor's first)."""
    for perm in (VIEW_SUPERVISION, VIEW_LEADER):
        if access.has_perm(user, perm):
            return perm
    return None


def _year(year: int | None) -> int:
    if year is None:
        return dt.date.today().year  # noqa: DTZ011  (a calendar year, no time of day involved)
    if not 2000 <= year <= 2100:
        raise DomainError("年度应在 2000 至 2100 之间", field="year")
    return year


def _unit(user: Any, perm: str, unit_id: int | None) -> OrgUnit | None:
    """The filter unit; a unit that does not exist or lies outside the scope is 404."""
    if unit_id is None:
        return None
    unit = selectors.scoped_unit(user, perm, unit_id)
    if unit is None:
        raise Http404
    return unit


@router.get("/rollups", response=list[RollupOut], summary="案件统计汇总（单位 × 登记月份 × 类型）")
def rollup_list(
    request: HttpRequest,
    year: int | None = None,
    unit: int | None = None,
    kind: str = "",
    limit: int = 500,
    offset: int = 0,
) -> list[RollupOut]:
    """The year's rollup rows in the caller's scope (below `unit` if given), by month and unit."""
    perm = _perm(request.user)
    if perm is None:
        return []
    if kind and kind not in Case.Kind.values:
        raise DomainError("案件类型不正确", field="kind")
    qs = selectors.case_rollups(
        user=request.user,
        perm=perm,
        year=_year(year),
        unit=_unit(request.user, perm, unit),
        kind=kind,
    ).select_related("org_unit")
    start, stop = page_bounds(limit=limit, offset=offset)
    return [_rollup(r) for r in qs.order_by("month", "org_unit__path", "kind")[start:stop]]


def _rollup(r: CaseRollup) -> RollupOut:
    measures = {m: getattr(r, m) for m in selectors.MEASURES}
    return RollupOut(
        unit_id=r.org_unit_id, unit=r.org_unit.name, month=r.month, kind=r.kind, **measures
    )


@router.get("/flags", response=list[FlagOut], summary="异常线索")
def flag_list(
    request: HttpRequest,
    year: int | None = None,
    kind: str = "",
    limit: int = 500,
    offset: int = 0,
) -> list[FlagOut]:
    """Anomaly flags in the caller's scope (all years unless `year` is given)."""
    if not access.has_perm(request.user, VIEW_SUPERVISION):
        return []
    if kind and kind not in AnomalyFlag.Kind.values:
        raise DomainError("异常类型不正确", field="kind")
    qs = selectors.flag_list(
        user=request.user,
        perm=VIEW_SUPERVISION,
        year=_year(year) if year is not None else None,
        kind=kind,
    )
    start, stop = page_bounds(limit=limit, offset=offset)
    return [
        FlagOut(
            id=f.pk,
            unit_id=f.org_unit_id,
            unit=f.org_unit.name,
            year=f.year,
            kind=f.kind,
            kind_label=f.get_kind_display(),
            value=f.value,
            detail=f.detail,
            raised_at=f.raised_at,
        )
        for f in qs[start:stop]
    ]


@router.get("/freshness", response=FreshnessOut, summary="汇总数据更新时间")
def freshness(request: HttpRequest) -> FreshnessOut:
    """When the rollups were last refreshed (for a consumer deciding whether to pull again)."""
    if _perm(request.user) is None:
        raise Http404
    state = selectors.freshness()
    return FreshnessOut(
        refreshed_at=state.last_run_at if state else None,
        as_of=state.as_of if state else None,
        mode=state.last_mode if state else "",
        version=state.version if state else "",
    )
