"""Read path of supervision analytics. Dashboards read ONLY the rollup tables, scoped to the viewer.

The drill-down (`drilldown_cases`) is the one exception by design: it lists the records behind a
number, through enforcement's own scoped selector.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from fazhi.core import access
from fazhi.core.models import OrgUnit
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import Case
from fazhi.enforcement.transitions import OPEN_STATUSES

from .models import AnomalyFlag, CaseRollup, PenaltyTypeRollup, RefreshState, RegisterRollup

MEASURES = [
    "cases",
    "filed",
    "closed",
    "decided",
    "decision_overdue",
    "publicity_required",
    "publicity_on_time",
    "publicity_late",
    "review_required",
    "review_done",
    "amount_cases",
    "amount_total",
    "out_of_tier",
    "uncertified",
    "revoked",
]


def freshness() -> RefreshState | None:
    """When the rollups were last refreshed (None before the first refresh)."""
    return RefreshState.objects.filter(pk=1).first()


def years_available() -> list[int]:
    years = CaseRollup.objects.annotate(y=ExtractYear("month")).values_list("y", flat=True)
    return sorted({int(y) for y in years.distinct()}, reverse=True)


def scoped_unit(user: Any, perm: str, unit_id: Any) -> OrgUnit | None:
    """The filter unit if it exists and lies in the viewer's scope, else None."""
    if not str(unit_id or "").isdigit():
        return None
    unit = OrgUnit.objects.filter(pk=int(unit_id)).first()
    return unit if unit is not None and access.can_reach_unit(user, perm, unit) else None


def _scoped(qs: QuerySet[Any], user: Any, perm: str, unit: OrgUnit | None) -> QuerySet[Any]:
    qs = access.visible(qs, user, perm)
    return qs.filter(unit.subtree_q("org_unit__path")) if unit is not None else qs


def _sums() -> dict[str, Any]:
    return {m: Sum(m) for m in MEASURES}


def _rates(row: dict[str, Any]) -> dict[str, Any]:
    """Add the ratios shown on the dashboards (None when there is nothing to divide by)."""
    row = {k: (v if v is not None else 0) for k, v in row.items()}

    def pct(num: int, den: int) -> float | None:
        return round(100 * num / den, 1) if den else None

    row["closure_rate"] = pct(row["closed"], row["filed"])
    row["publicity_rate"] = pct(
        row["publicity_on_time"], row["publicity_on_time"] + row["publicity_late"]
    )
    row["review_rate"] = pct(row["review_done"], row["review_required"])
    return row


def case_rollups(
    *, user: Any, perm: str, year: int, unit: OrgUnit | None = None, kind: str = ""
) -> QuerySet[CaseRollup]:
    qs = CaseRollup.objects.filter(
        month__gte=dt.date(year, 1, 1), month__lt=dt.date(year + 1, 1, 1)
    )
    if kind:
        qs = qs.filter(kind=kind)
    return _scoped(qs, user, perm, unit)


def dashboard(
    *, user: Any, perm: str, year: int, unit: OrgUnit | None = None, kind: str = ""
) -> dict[str, Any]:
    """Everything a dashboard shows, from the rollups only."""
    qs = case_rollups(user=user, perm=perm, year=year, unit=unit, kind=kind)
    month_rows = list(qs.values("month").annotate(**_sums()).order_by("month"))
    totals = _rates({m: sum((r[m] or 0) for r in month_rows) for m in MEASURES})
    months = {r["month"]: _rates(r) for r in month_rows}
    flags = flag_list(user=user, perm=perm, year=year, unit=unit)
    flag_counts = dict(flags.values_list("org_unit_id").annotate(n=Count("pk")).order_by())
    by_unit = [
        {
            **_rates(r),
            "unit_id": r["org_unit_id"],
            "unit": r["org_unit__name"],
            "flags": flag_counts.get(r["org_unit_id"], 0),
        }
        for r in qs.values("org_unit_id", "org_unit__name", "org_unit__path")
        .annotate(**_sums())
        .order_by("org_unit__path")
    ]
    types_qs = _scoped(PenaltyTypeRollup.objects.filter(month__year=year), user, perm, unit)
    labels = dict(Case.PenaltyType.choices)
    types = [
        {
            "code": r["penalty_type"],
            "name": str(labels.get(r["penalty_type"], r["penalty_type"])),
            "value": r["n"],
        }
        for r in types_qs.values("penalty_type").annotate(n=Sum("cases")).order_by("-n")
    ]
    return {
        "totals": totals,
        "months": [
            {
                "month": dt.date(year, m, 1),
                **months.get(dt.date(year, m, 1), _rates(dict.fromkeys(MEASURES, 0))),
            }
            for m in range(1, 13)
        ],
        "by_unit": by_unit,
        "types": types,
        "registers": register_rows(user=user, perm=perm, year=year, unit=unit),
        "flags": flags,
    }


def register_rows(
    *, user: Any, perm: str, year: int, unit: OrgUnit | None = None
) -> list[dict[str, Any]]:
    """Officers, certificate coverage and training per unit (the latest year refreshed ≤ `year`)."""
    qs = _scoped(RegisterRollup.objects.filter(year__lte=year), user, perm, unit)
    found = list(qs.select_related("org_unit").order_by("-year", "org_unit__path"))
    rows = []
    for r in (r for r in found if r.year == found[0].year):
        rows.append(
            {
                "unit_id": r.org_unit_id,
                "unit": r.org_unit.name,
                "year": r.year,
                "officers": r.officers,
                "certified": r.certified,
                "certified_rate": round(100 * r.certified / r.officers, 1) if r.officers else None,
                "training_ok": r.training_ok,
                "training_rate": round(100 * r.training_ok / r.officers, 1) if r.officers else None,
                "hours_avg": (r.training_hours / r.officers).quantize(Decimal("0.1"))
                if r.officers
                else None,
                "penalty_items": r.penalty_items,
            }
        )
    return rows


def flag_list(
    *, user: Any, perm: str, year: int | None = None, unit: OrgUnit | None = None, kind: str = ""
) -> QuerySet[AnomalyFlag]:
    qs = AnomalyFlag.objects.select_related("org_unit")
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return _scoped(qs, user, perm, unit).order_by("kind", "org_unit__path")


# ---- drill-down: the records behind a number ---------------------------------------------------

DRILL_MEASURES: dict[str, str] = {
    "cases": "全部案件",
    "closed": "已结案",
    "open": "未结案",
    "overdue": "超过办案期限",
    "publicity_late": "逾期公示或逾期未公示",
    "review_missing": "应审未审（法制审核）",
    "out_of_tier": "金额偏离裁量基准",
    "uncertified": "无证人员参与",
}


def _measure_q(measure: str, as_of: dt.date) -> Q:
    """The same definitions as the rollups (see services.rollups._measures)."""
    return {
        "cases": Q(),
        "closed": Q(status__in=[Case.Status.CLOSED, Case.Status.ARCHIVED]),
        "open": Q(status__in=list(OPEN_STATUSES)),
        "overdue": Q(
            decided_on__isnull=True, status__in=list(OPEN_STATUSES), decision_due_on__lt=as_of
        )
        | Q(decided_on__isnull=False, decision_due_on__lt=F("decided_on")),
        "publicity_late": Q(published_on__isnull=False, publish_due_on__lt=F("published_on"))
        | Q(publicity=Case.Publicity.PENDING, publish_due_on__lt=as_of),
        "review_missing": Q(legal_review_required=True, legal_review_done=False),
        "out_of_tier": Q(amount_in_tier=False),
        "uncertified": Q(officers_certified=False),
    }.get(measure, Q())


def drilldown_cases(
    *,
    user: Any,
    year: int,
    month: int | None = None,
    unit: OrgUnit | None = None,
    kind: str = "",
    measure: str = "cases",
    as_of: dt.date,
) -> QuerySet[Case]:
    """Cases behind a dashboard number, through enforcement's scoped case selector."""
    qs = enforcement_selectors.case_list_visible_to(user, kind=kind)
    if month:
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    qs = qs.filter(clue_on__gte=start, clue_on__lt=end)
    if unit is not None:
        qs = qs.filter(unit.subtree_q("org_unit__path"))
    return qs.filter(_measure_q(measure, as_of))
