"""Read path of supervision analytics. Dashboards read ONLY the rollup tables, scoped to the viewer.

The drill-down (`drilldown_cases`) is the one exception by design: it lists the records behind a
number, through enforcement's own scoped selector.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import F, Max, Min, Q, QuerySet, Sum

from fazhi.core import access
from fazhi.core.models import OrgUnit
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import Case
from fazhi.enforcement.transitions import OPEN_STATUSES

from . import conf
from .models import AnomalyFlag, CaseRollup, PenaltyTypeRollup, RefreshState, RegisterRollup

FLAG_ROWS_SHOWN = 20  # the dashboard lists this many flags and links to the full flag page
FLAG_UNITS_SHOWN = 10  # the leader's summary names this many units per kind
IN_LIST_MAX = 2000  # scopes up to this many units filter by an id list, wider ones by subquery
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


def years_available(version: str = "") -> list[int]:
    """Years with rollup data, newest first (cached per rollup version)."""

    def compute() -> list[int]:
        # two index lookups (first and last month), not a DISTINCT over every rollup row
        span = CaseRollup.objects.aggregate(first=Min("month"), last=Max("month"))
        if span["first"] is None:
            return []
        return list(range(span["last"].year, span["first"].year - 1, -1))

    if not version:
        return compute()
    return cache.get_or_set(f"analytics:years:{version}", compute, conf.get("CACHE_SECONDS"))


def scoped_unit(user: Any, perm: str, unit_id: Any) -> OrgUnit | None:
    """The filter unit if it exists and lies in the viewer's scope, else None."""
    if not str(unit_id or "").isdigit() or len(str(unit_id)) > 18:
        return None
    unit = OrgUnit.objects.filter(pk=int(unit_id)).first()
    return unit if unit is not None and access.can_reach_unit(user, perm, unit) else None


def _scoped(qs: QuerySet[Any], user: Any, perm: str, unit: OrgUnit | None) -> QuerySet[Any]:
    qs = access.visible(qs, user, perm)
    return qs.filter(unit.subtree_q("org_unit__path")) if unit is not None else qs


@dataclass(frozen=True)
class ScopeUnits:
    """The units a dashboard covers: (id, path, name) in tree order, and how to filter by them."""

    rows: tuple[tuple[int, str, str], ...]
    q: Q  # restricts a queryset with an `org_unit` FK to these units

    @property
    def names(self) -> dict[int, str]:
        return {pk: name for pk, _, name in self.rows}

    def fingerprint(self) -> str:
        """Changes whenever a unit enters or leaves the scope, moves or is renamed."""
        return hashlib.sha256(repr(self.rows).encode()).hexdigest()


def scope_units(*, user: Any, perm: str, unit: OrgUnit | None = None) -> ScopeUnits:
    """Every unit the viewer's `perm` reaches (below `unit` when given), resolved once per request.

    The dashboard queries then filter the rollups by these ids (a plain IN list, no join back to
    the unit table); a very wide scope keeps the subquery form.
    """
    qs = access.visible(OrgUnit.objects.all(), user, perm, field="self")
    if unit is not None:
        qs = qs.filter(unit.subtree_q())
    rows = tuple(qs.order_by("path").values_list("id", "path", "name"))
    if len(rows) <= IN_LIST_MAX:
        q = Q(org_unit_id__in=[r[0] for r in rows])
    else:
        q = Q(org_unit_id__in=qs.values("pk"))
    return ScopeUnits(rows, q)


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


def _year_q(year: int) -> Q:
    return Q(month__gte=dt.date(year, 1, 1), month__lt=dt.date(year + 1, 1, 1))


def case_rollups(
    *, user: Any, perm: str, year: int, unit: OrgUnit | None = None, kind: str = ""
) -> QuerySet[CaseRollup]:
    """The viewer's case rollup rows of a year (the API's per unit × month listing)."""
    qs = CaseRollup.objects.filter(_year_q(year))
    if kind:
        qs = qs.filter(kind=kind)
    return _scoped(qs, user, perm, unit)


def dashboard(*, scope: ScopeUnits, year: int, kind: str = "") -> dict[str, Any]:
    """Everything a dashboard shows, from the rollups only: five small queries over the scope.

    Per unit and per month are two GROUP BYs over the same few thousand rollup rows (cheaper than
    one GROUP BY unit × month summed both ways in Python); the totals add up the twelve months.
    """
    qs = CaseRollup.objects.filter(_year_q(year)).filter(scope.q)
    if kind:
        qs = qs.filter(kind=kind)
    zero = dict.fromkeys(MEASURES, 0)
    per_month = {r["month"]: r for r in qs.values("month").annotate(**_sums()).order_by()}
    per_unit = {
        r["org_unit_id"]: r for r in qs.values("org_unit_id").annotate(**_sums()).order_by()
    }
    totals = {m: sum((r[m] or 0) for r in per_month.values()) for m in MEASURES}
    flags = flag_rows(scope=scope, year=year)
    flag_counts: dict[int, int] = {}
    for f in flags:
        flag_counts[f["org_unit_id"]] = flag_counts.get(f["org_unit_id"], 0) + 1
    by_unit = [
        {**_rates(per_unit[pk]), "unit_id": pk, "unit": name, "flags": flag_counts.get(pk, 0)}
        for pk, _, name in scope.rows
        if pk in per_unit
    ]
    return {
        "totals": _rates(totals),
        "months": [
            {"month": dt.date(year, m, 1), **_rates(per_month.get(dt.date(year, m, 1), zero))}
            for m in range(1, 13)
        ],
        "by_unit": by_unit,
        "types": [] if kind == Case.Kind.INSPECTION else _types(scope, year),
        "registers": register_rows(scope=scope, year=year),
        "flags": flags,
        "flag_kinds": _flag_kinds(flags),
    }


def _flag_kinds(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flags per kind: the count and the first few units (the leader's summary)."""
    kinds: dict[str, dict[str, Any]] = {}
    for f in flags:
        k = kinds.setdefault(f["kind"], {"label": f["kind_label"], "count": 0, "units": []})
        k["count"] += 1
        if len(k["units"]) < FLAG_UNITS_SHOWN:
            k["units"].append(f["unit"])
    return list(kinds.values())


def _types(scope: ScopeUnits, year: int) -> list[dict[str, Any]]:
    labels = dict(Case.PenaltyType.choices)
    qs = PenaltyTypeRollup.objects.filter(_year_q(year)).filter(scope.q)
    return [
        {
            "code": r["penalty_type"],
            "name": str(labels.get(r["penalty_type"], r["penalty_type"])),
            "value": r["n"],
        }
        for r in qs.values("penalty_type").annotate(n=Sum("cases")).order_by("-n", "penalty_type")
    ]


def register_rows(*, scope: ScopeUnits, year: int) -> list[dict[str, Any]]:
    """Officers, certificate coverage and training per unit (the latest year refreshed ≤ `year`)."""
    names = scope.names
    order = {pk: i for i, (pk, _, _) in enumerate(scope.rows)}
    found = list(RegisterRollup.objects.filter(scope.q, year__lte=year).order_by("-year"))
    if not found:
        return []
    found = sorted(
        (r for r in found if r.year == found[0].year), key=lambda r: order.get(r.org_unit_id, 0)
    )
    return [
        {
            "unit_id": r.org_unit_id,
            "unit": names.get(r.org_unit_id, ""),
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
        for r in found
    ]


def flag_rows(*, scope: ScopeUnits, year: int) -> list[dict[str, Any]]:
    """The year's anomaly flags of the scope's units, by kind then tree order (plain data)."""
    names = scope.names
    order = {pk: i for i, (pk, _, _) in enumerate(scope.rows)}
    labels = dict(AnomalyFlag.Kind.choices)
    rows = AnomalyFlag.objects.filter(scope.q, year=year).values(
        "org_unit_id", "kind", "value", "detail"
    )
    return [
        {**r, "unit": names.get(r["org_unit_id"], ""), "kind_label": str(labels[r["kind"]])}
        for r in sorted(rows, key=lambda r: (r["kind"], order.get(r["org_unit_id"], 0)))
    ]


def flag_list(
    *, user: Any, perm: str, year: int | None = None, unit: OrgUnit | None = None, kind: str = ""
) -> QuerySet[AnomalyFlag]:
    """The viewer's anomaly flags (the flag page and the API)."""
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
