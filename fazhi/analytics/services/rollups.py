"""Refresh the case rollups: a full rebuild, or only the buckets whose cases changed.

Incremental: cases with `updated_at` after (watermark − overlap) name their buckets (unit, month,
kind); each such bucket is recomputed from scratch, so re-reading a change is harmless. A new
day (date-dependent measures move) or `full=True` rebuilds everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fazhi.analytics import conf
from fazhi.analytics.models import CaseRollup, PenaltyTypeRollup, StaleBucket
from fazhi.enforcement.models import Case
from fazhi.enforcement.transitions import OPEN_STATUSES

Bucket = tuple[int, dt.date, str]
PENALTY_TYPES = list(Case.PenaltyType.values)
UNITS_PER_QUERY = 50  # units read per incremental recompute query
MEASURE_NAMES = [
    f.name
    for f in CaseRollup._meta.concrete_fields
    if f.name not in ("id", "org_unit", "month", "kind")
]


def _has_type(code: str) -> Q:
    """Cases whose comma-separated `penalty_types` holds `code` (exactly, not as a substring)."""
    return (
        Q(penalty_types=code)
        | Q(penalty_types__startswith=f"{code},")
        | Q(penalty_types__endswith=f",{code}")
        | Q(penalty_types__contains=f",{code},")
    )


def _measures(as_of: dt.date) -> dict[str, Any]:
    """The aggregate of every rollup column (evaluated per bucket in one GROUP BY)."""
    undecided_late = Q(
        decided_on__isnull=True, status__in=list(OPEN_STATUSES), decision_due_on__lt=as_of
    )
    decided_late = Q(decided_on__isnull=False, decision_due_on__lt=F("decided_on"))
    published_late = Q(published_on__isnull=False, publish_due_on__lt=F("published_on"))
    pending_late = Q(publicity=Case.Publicity.PENDING, publish_due_on__lt=as_of)
    return {
        "cases": Count("pk"),
        "filed": Count("pk", filter=Q(filed_on__isnull=False)),
        "closed": Count("pk", filter=Q(status__in=[Case.Status.CLOSED, Case.Status.ARCHIVED])),
        "decided": Count("pk", filter=Q(decided_on__isnull=False)),
        "decision_overdue": Count("pk", filter=undecided_late | decided_late),
        "publicity_required": Count("pk", filter=~Q(publicity=Case.Publicity.NOT_REQUIRED)),
        "publicity_on_time": Count(
            "pk", filter=Q(published_on__isnull=False, published_on__lte=F("publish_due_on"))
        ),
        "publicity_late": Count("pk", filter=published_late | pending_late),
        "review_required": Count("pk", filter=Q(legal_review_required=True)),
        "review_done": Count("pk", filter=Q(legal_review_required=True, legal_review_done=True)),
        "amount_cases": Count("pk", filter=Q(amount__isnull=False)),
        "amount_total": Sum("amount"),
        "out_of_tier": Count("pk", filter=Q(amount_in_tier=False)),
        "uncertified": Count("pk", filter=Q(officers_certified=False)),
        "revoked": Count("pk", filter=Q(revoked_on__isnull=False)),
        **{f"type_{code}": Count("pk", filter=_has_type(code)) for code in PENALTY_TYPES},
    }


def _grouped(qs: QuerySet[Case], as_of: dt.date) -> Iterable[dict[str, Any]]:
    return (
        qs.order_by()
        .annotate(bucket_month=TruncMonth("clue_on"))
        .values("org_unit_id", "bucket_month", "kind")
        .annotate(**_measures(as_of))
        .iterator(chunk_size=5000)
    )


def _month(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _rows(grouped: Iterable[dict[str, Any]]) -> tuple[list[CaseRollup], list[PenaltyTypeRollup]]:
    cases, types = [], []
    for row in grouped:
        month = _month(row["bucket_month"])
        values = {name: row[name] for name in MEASURE_NAMES}
        values["amount_total"] = values["amount_total"] or Decimal(0)
        cases.append(
            CaseRollup(org_unit_id=row["org_unit_id"], month=month, kind=row["kind"], **values)
        )
        if row["kind"] == Case.Kind.PENALTY:
            types += [
                PenaltyTypeRollup(
                    org_unit_id=row["org_unit_id"],
                    month=month,
                    penalty_type=code,
                    cases=row[f"type_{code}"],
                )
                for code in PENALTY_TYPES
                if row[f"type_{code}"]
            ]
    return cases, types


def rebuild_all(as_of: dt.date) -> int:
    """Recompute every bucket with one GROUP BY; returns the number of buckets that changed.

    Only the buckets whose numbers differ are rewritten (on a new day, those whose date-dependent
    measures moved), so the daily rebuild does not rewrite — and bloat — the whole table.
    """
    cases, types = _rows(_grouped(Case.objects.all(), as_of))
    stored = set(CaseRollup.objects.values_list("org_unit_id", "month", "kind"))
    dirty = stored | {(r.org_unit_id, r.month, r.kind) for r in cases}
    return _apply({}, dirty, cases, types)


def changed_buckets(since: dt.datetime) -> set[Bucket]:
    """Buckets of the cases updated after `since` (read through the updated_at index)."""
    rows = (
        Case.objects.filter(updated_at__gt=since)
        .order_by()
        .annotate(bucket_month=TruncMonth("clue_on"))
        .values_list("org_unit_id", "bucket_month", "kind")
        .distinct()
    )
    return {(u, _month(m), k) for u, m, k in rows}


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _row_values(row: CaseRollup) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in MEASURE_NAMES)


def _chunk_rows(
    chunk: list[int], dirty: set[Bucket], as_of: dt.date
) -> tuple[list[CaseRollup], list[PenaltyTypeRollup]]:
    """Freshly computed rows of the dirty buckets of these units."""
    first = min(b[1] for b in dirty)
    last = _month_end(max(b[1] for b in dirty))
    qs = Case.objects.filter(org_unit_id__in=chunk, clue_on__gte=first, clue_on__lt=last)
    wanted = (
        row
        for row in _grouped(qs, as_of)
        if (row["org_unit_id"], _month(row["bucket_month"]), row["kind"]) in dirty
    )
    return _rows(wanted)


def recompute(buckets: set[Bucket], as_of: dt.date) -> int:
    """Recompute exactly these buckets; returns how many of them actually changed.

    Cases are read per group of units over the span of dirty months (an index-friendly
    `org_unit_id IN (…) AND clue_on BETWEEN …`, not one OR term per bucket), and only the dirty
    buckets of the result are kept. Rows are rewritten only where the numbers differ, so the
    overlap re-read of already counted changes writes nothing (and leaves the version alone).
    """
    by_unit: dict[int, set[Bucket]] = {}
    for bucket in buckets:
        by_unit.setdefault(bucket[0], set()).add(bucket)
    units = sorted(by_unit)
    changed = 0
    for start in range(0, len(units), UNITS_PER_QUERY):
        chunk = units[start : start + UNITS_PER_QUERY]
        dirty = set().union(*(by_unit[u] for u in chunk))
        first = min(b[1] for b in dirty)
        last = _month_end(max(b[1] for b in dirty))
        span = {"org_unit_id__in": chunk, "month__gte": first, "month__lt": last}
        changed += _apply(span, dirty, *_chunk_rows(chunk, dirty, as_of))
    return changed


def _delete(model: type[CaseRollup | PenaltyTypeRollup], ids: list[int]) -> None:
    for start in range(0, len(ids), 500):  # SQLite caps the number of query parameters
        model.objects.filter(pk__in=ids[start : start + 500]).delete()


def _apply(
    span: dict[str, Any],
    dirty: set[Bucket],
    cases: list[CaseRollup],
    types: list[PenaltyTypeRollup],
) -> int:
    """Replace the stored rows of the dirty buckets (found by `span`) that differ from the fresh
    ones; returns how many buckets changed."""
    if not dirty:
        return 0
    old = {
        (r.org_unit_id, r.month, r.kind): r
        for r in CaseRollup.objects.filter(**span)
        if (r.org_unit_id, r.month, r.kind) in dirty
    }
    new = {(r.org_unit_id, r.month, r.kind): r for r in cases}
    differ = {
        key
        for key in dirty
        if (key in old) != (key in new)
        or (key in old and _row_values(old[key]) != _row_values(new[key]))
    }
    pairs = {(u, m) for u, m, k in dirty if k == Case.Kind.PENALTY}
    old_types: dict[tuple[int, dt.date], dict[str, int]] = {}
    old_type_ids: dict[tuple[int, dt.date], list[int]] = {}
    for t in PenaltyTypeRollup.objects.filter(**span):
        if (t.org_unit_id, t.month) in pairs:
            old_types.setdefault((t.org_unit_id, t.month), {})[t.penalty_type] = t.cases
            old_type_ids.setdefault((t.org_unit_id, t.month), []).append(t.pk)
    new_types: dict[tuple[int, dt.date], dict[str, int]] = {}
    for t in types:
        new_types.setdefault((t.org_unit_id, t.month), {})[t.penalty_type] = t.cases
    type_differ = {p for p in pairs if old_types.get(p, {}) != new_types.get(p, {})}
    _delete(CaseRollup, [old[k].pk for k in differ if k in old])
    CaseRollup.objects.bulk_create([new[k] for k in differ if k in new], batch_size=2000)
    _delete(PenaltyTypeRollup, [pk for p in type_differ for pk in old_type_ids.get(p, [])])
    PenaltyTypeRollup.objects.bulk_create(
        [t for t in types if (t.org_unit_id, t.month) in type_differ], batch_size=2000
    )
    return len(differ | {(u, m, Case.Kind.PENALTY) for u, m in type_differ})


def stale_buckets() -> tuple[list[int], set[Bucket]]:
    """The stale-bucket log (cases deleted or moved, noted by the triggers): ids and buckets."""
    rows = list(StaleBucket.objects.values_list("pk", "org_unit_id", "month", "kind"))
    return [r[0] for r in rows], {(u, _month(m), k) for _, u, m, k in rows}


def forget_stale(ids: list[int]) -> None:
    """Delete exactly the log rows that were read (rows added meanwhile stay for the next run)."""
    for start in range(0, len(ids), 10_000):
        StaleBucket.objects.filter(pk__in=ids[start : start + 10_000]).delete()


def oldest_open_transaction() -> dt.datetime | None:
    """Start of the oldest other open transaction on this database (PostgreSQL), else None.

    A case saved inside a transaction that has not committed yet carries an `updated_at` at or
    after that transaction began (less clock skew, which OVERLAP_SECONDS covers), so holding the
    watermark there means a long import that commits late is still read on a later run.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT min(xact_start) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend' AND xact_start IS NOT NULL"""
        )
        return cursor.fetchone()[0]


def next_watermark() -> dt.datetime:
    """Where the run about to scan lets the next one start reading (taken before the scan).

    Every change committed before this run's scan is seen by it. A change committed later comes
    from a transaction open now or begun later, so its `updated_at` is at or after the oldest open
    transaction's start or now, whichever is earlier (less clock skew: OVERLAP_SECONDS). Held back
    at most HOLD_BACK_SECONDS; a transaction open longer than that is caught by the daily rebuild.
    """
    now = timezone.now()
    oldest = oldest_open_transaction()
    if oldest is None:
        return now
    return max(min(now, oldest), now - dt.timedelta(seconds=conf.get("HOLD_BACK_SECONDS")))
