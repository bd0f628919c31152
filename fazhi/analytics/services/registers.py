"""Register rollups (officers, certificates, training, penalty powers) and the anomaly flags.

Reads the enforcement registers directly (models, not a selector: enforcement's contract has
`officers_certified_in` per unit, but the rollup needs one grouped query over all units).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from fazhi.analytics import conf
from fazhi.analytics.models import AnomalyFlag, CaseRollup, PenaltyTypeRollup, RegisterRollup
from fazhi.core import audit
from fazhi.enforcement import conf as enforcement_conf
from fazhi.enforcement.models import Case, Certificate, Officer, PowerItem, TrainingRecord


def rebuild_registers(as_of: dt.date) -> bool:
    """One row per unit holding officers or penalty powers, for the year of `as_of`.

    Rows are rewritten only when their numbers changed; returns whether any did.
    """
    year = as_of.year
    valid = Certificate.objects.filter(
        officer_id=OuterRef("pk"), valid_from__lte=as_of, valid_to__gte=as_of
    ).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=as_of))
    hours = (
        TrainingRecord.objects.filter(officer_id=OuterRef("pk"), year=year)
        .order_by()
        .values("officer_id")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    officers = (
        Officer.objects.filter(active=True)
        .annotate(is_certified=Exists(valid), hours=Coalesce(Subquery(hours), Decimal(0)))
        .values("org_unit_id", "is_certified", "hours")
    )
    goal = enforcement_conf.training_hours_goal()
    stats: dict[int, dict[str, Any]] = {}
    for row in officers.iterator(chunk_size=2000):
        s = stats.setdefault(row["org_unit_id"], _empty())
        s["officers"] += 1
        s["certified"] += int(bool(row["is_certified"]))
        s["training_ok"] += int(row["hours"] >= goal)
        s["training_hours"] += row["hours"]
    items = (
        PowerItem.objects.filter(active=True, category=PowerItem.Category.PENALTY)
        .values("org_unit_id")
        .annotate(n=Count("pk"))
    )
    for row in items:
        stats.setdefault(row["org_unit_id"], _empty())["penalty_items"] = row["n"]
    old = {r.org_unit_id: r for r in RegisterRollup.objects.filter(year=year)}
    stale = [
        r.pk
        for unit, r in old.items()
        if unit not in stats or any(getattr(r, k) != v for k, v in stats[unit].items())
    ]
    fresh = [
        RegisterRollup(org_unit_id=unit, year=year, **s)
        for unit, s in stats.items()
        if unit not in old or old[unit].pk in stale
    ]
    RegisterRollup.objects.filter(pk__in=stale).delete()
    RegisterRollup.objects.bulk_create(fresh)
    return bool(stale or fresh)


def _empty() -> dict[str, Any]:
    return {
        "officers": 0,
        "certified": 0,
        "training_ok": 0,
        "training_hours": Decimal(0),
        "penalty_items": 0,
    }


def _yearly(year: int) -> dict[int, dict[str, Any]]:
    rows = (
        CaseRollup.objects.filter(month__year=year, kind=Case.Kind.PENALTY)
        .values("org_unit_id")
        .annotate(
            cases=Sum("cases"),
            decided=Sum("decided"),
            overdue=Sum("decision_overdue"),
            out_of_tier=Sum("out_of_tier"),
        )
    )
    found = {r["org_unit_id"]: r for r in rows}
    uncertified = (
        CaseRollup.objects.filter(month__year=year)
        .values("org_unit_id")
        .annotate(n=Sum("uncertified"))
    )
    for r in uncertified:
        found.setdefault(
            r["org_unit_id"], {"cases": 0, "decided": 0, "overdue": 0, "out_of_tier": 0}
        )
        found[r["org_unit_id"]]["uncertified"] = r["n"]
    return found


def wanted_flags(year: int, as_of: dt.date) -> dict[tuple[int, str], tuple[Decimal, str]]:
    """(unit, kind) → (value, detail) of every anomaly the rollups show for `year`."""
    K = AnomalyFlag.Kind
    found = _yearly(year)
    flags: dict[tuple[int, str], tuple[Decimal, str]] = {}
    few = conf.get("FEW_CASES_PER_YEAR")
    holders = RegisterRollup.objects.filter(year=as_of.year, penalty_items__gt=0)
    for reg in holders:
        n = (found.get(reg.org_unit_id) or {}).get("cases") or 0
        if n <= few:
            flags[(reg.org_unit_id, K.FEW_CASES)] = (
                Decimal(n),
                f"{year}年有{reg.penalty_items}项处罚权，处罚案件{n}件",
            )
    types = (
        PenaltyTypeRollup.objects.filter(month__year=year)
        .values("org_unit_id")
        .annotate(kinds=Count("penalty_type", distinct=True))
    )
    labels = dict(Case.PenaltyType.choices)
    for row in types:
        decided = (found.get(row["org_unit_id"]) or {}).get("decided") or 0
        if row["kinds"] == 1 and decided >= conf.get("SINGLE_TYPE_MIN_CASES"):
            only = (
                PenaltyTypeRollup.objects.filter(month__year=year, org_unit_id=row["org_unit_id"])
                .values_list("penalty_type", flat=True)
                .first()
            )
            flags[(row["org_unit_id"], K.SINGLE_TYPE)] = (
                Decimal(decided),
                f"{year}年{decided}件处罚决定均为“{labels.get(only, only)}”",
            )
    for unit_id, r in found.items():
        for key, kind, text in (
            ("out_of_tier", K.OUT_OF_TIER, "件罚款金额超出所选裁量阶次"),
            ("overdue", K.OVERDUE, "件处罚案件超过办案期限（90日及批准延长）"),
            ("uncertified", K.UNCERTIFIED, "件案件有无有效执法证的人员参与"),
        ):
            if r.get(key):
                flags[(unit_id, kind)] = (Decimal(r[key]), f"{year}年{r[key]}{text}")
    return flags


def refresh_flags(as_of: dt.date) -> tuple[int, int, int]:
    """Raise new flags, update values, clear the ones gone; every raise/clear is audited.

    Returns the numbers raised, cleared and updated.
    """
    raised = cleared = updated = 0
    now = timezone.now()
    for year in (as_of.year - 1, as_of.year):
        # a year without any case data (before the platform was used) is no evidence of anything
        has_data = CaseRollup.objects.filter(month__year=year).exists()
        wanted = wanted_flags(year, as_of) if has_data else {}
        existing = {(f.org_unit_id, f.kind): f for f in AnomalyFlag.objects.filter(year=year)}
        for key, flag in existing.items():
            if key not in wanted:
                audit.record(
                    actor=None,
                    verb="analytics.flag_clear",
                    target=flag,
                    unit_id=flag.org_unit_id,
                    changes={"kind": [flag.kind, None]},
                )
                flag.delete()
                cleared += 1
        for (unit_id, kind), (value, detail) in wanted.items():
            flag = existing.get((unit_id, kind))
            if flag is None:
                flag = AnomalyFlag.objects.create(
                    org_unit_id=unit_id,
                    year=year,
                    kind=kind,
                    value=value,
                    detail=detail,
                    raised_at=now,
                )
                audit.record(
                    actor=None,
                    verb="analytics.flag_raise",
                    target=flag,
                    unit_id=unit_id,
                    changes={"kind": [None, kind], "value": [None, value]},
                )
                raised += 1
            elif (flag.value, flag.detail) != (value, detail):
                flag.value, flag.detail = value, detail
                flag.save(update_fields=["value", "detail", "updated_at"])
                updated += 1
    return raised, cleared, updated
