"""Benchmark the supervision dashboard over N cases on PostgreSQL: rollups vs a direct GROUP BY.

Builds (once per bench database, rebuilt when --cases changes) a city with two districts of
`--units` departments each, one penalty power per department, and N enforcement cases loaded
with COPY (realistic mix: 80 % penalty, statuses, amounts, 3 % out of tier, 1 % uncertified,
late decisions and publications), spread over 24 months. Then it measures:

- full rollup rebuild (`rollup_refresh(full=True)`), seconds;
- incremental refresh after K cases change (`rollup_refresh()`), seconds — the freshness a
  minute-chained job gives is interval + this;
- the dashboard query (`analytics.selectors.dashboard`, rollups only) for a district supervisor,
  p50/p95 over --reps runs;
- the same numbers computed by a direct GROUP BY over the case table, p50/p95 over fewer runs.

Usage (a dedicated database whose name contains "bench"):

    createdb -h 127.0.0.1 -U postgres fazhi_bench_analytics
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_analytics \\
        .venv/bin/python bench/analytics/bench_dashboard.py --cases 10000000

Options: --cases N (10000000) --units N (100 per district) --reps N (200) --direct-reps N (5)
--changes N (1000) --no-write (do not write bench/results/analytics.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
os.environ.setdefault("DEBUG", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

RESULTS = Path(__file__).resolve().parents[1] / "results" / "analytics.md"


def guard_database() -> None:
    """Refuse to run anywhere but a dedicated PostgreSQL bench database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a PostgreSQL bench database (its name contains 'bench').")


guard_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, F, Max, Min, Q, Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.analytics import selectors, services  # noqa: E402
from fazhi.analytics.models import CaseRollup  # noqa: E402
from fazhi.analytics.permissions import VIEW_SUPERVISION  # noqa: E402
from fazhi.core import access  # noqa: E402
from fazhi.core.models import OrgUnit, RoleGrant, User  # noqa: E402
from fazhi.core.testing import make_unit, make_user  # noqa: E402
from fazhi.enforcement.models import Case, PowerItem  # noqa: E402
from fazhi.enforcement.transitions import OPEN_STATUSES  # noqa: E402

STATUSES = ["closed"] * 6 + ["archived", "decided", "served", "investigating", "filed", "notice"]
TYPES = ["fine", "fine", "fine", "warning", "fine,confiscation", "suspend_licence"]


def build_world(units_per_district: int) -> tuple[User, list[OrgUnit]]:
    """City → 2 districts → departments; a supervisor of district 1 (subtree)."""
    if OrgUnit.objects.filter(name="基准市人民政府").exists():
        city = OrgUnit.objects.get(name="基准市人民政府")
    else:
        city = make_unit("基准市人民政府", kind="government", level="city", short_name="基准")
        for d in (1, 2):
            district = make_unit(
                f"基准{d}区人民政府", parent=city, kind="government", short_name=f"基{d}"
            )
            for i in range(units_per_district):
                make_unit(f"基准{d}区第{i + 1}局", parent=district, short_name=f"基{d}局{i + 1}")
    district = OrgUnit.objects.get(name="基准1区人民政府")
    supervisor = User.objects.filter(username="bench_supervisor").first() or make_user(
        district, RoleGrant.Role.SUPERVISOR, subtree=True, username="bench_supervisor"
    )
    departments = list(OrgUnit.objects.filter(city.subtree_q(), kind="department").order_by("pk"))
    return supervisor, departments


def power_items(departments: list[OrgUnit]) -> dict[int, int]:
    items = {}
    for unit in departments:
        item, _ = PowerItem.objects.get_or_create(
            org_unit=unit,
            code="BENCH-CF-1",
            defaults={
                "name": "基准处罚事项",
                "category": "penalty",
                "legal_basis": "基准依据",
                "responsible_unit": unit,
                "domain": "market",
            },
        )
        items[unit.pk] = item.pk
    return items


def copy_cases(n: int, units: list[OrgUnit], items: dict[int, int], today: dt.date) -> float:
    """Load n cases with COPY; returns seconds."""
    cols = [
        "org_unit_id",
        "number",
        "kind",
        "procedure",
        "status",
        "power_item_id",
        "title",
        "facts",
        "domain",
        "party_kind",
        "party_name",
        "party_id_number",
        "party_phone",
        "party_address",
        "violation_on",
        "safety_harm",
        "major_public_interest",
        "complex_case",
        "hearing_requested",
        "hearing_held",
        "legal_review_required",
        "legal_review_done",
        "clue_on",
        "filed_on",
        "decided_on",
        "closed_on",
        "decision_number",
        "penalty_types",
        "amount",
        "amount_in_tier",
        "deviation_reason",
        "decision_summary",
        "decision_due_on",
        "extension_days",
        "publicity",
        "publish_due_on",
        "published_on",
        "revoked_by",
        "revoked_outcome",
        "officers_certified",
        "source_system",
        "external_id",
        "created_at",
        "updated_at",
    ]
    rng = random.Random(7)
    stamp = timezone.now().isoformat()
    started = time.perf_counter()
    unit_ids = [u.pk for u in units]
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY enforcement_case ({', '.join(cols)}) FROM STDIN") as copy,
    ):
        for i in range(n):
            unit = unit_ids[i % len(unit_ids)]
            clue = today - dt.timedelta(days=rng.randrange(730))
            penalty = rng.random() < 0.8
            status = rng.choice(STATUSES)
            decided = status in ("closed", "archived", "decided", "served")
            due = clue + dt.timedelta(days=90)
            decided_on = clue + dt.timedelta(days=rng.randrange(10, 100)) if decided else None
            amount = rng.randrange(100, 50000) if penalty and decided else None
            pub_due = decided_on + dt.timedelta(days=10) if decided_on and penalty else None
            published = pub_due + dt.timedelta(days=rng.randrange(-8, 4)) if pub_due else None
            copy.write_row(
                (
                    unit,
                    f"基罚〔{clue.year}〕{i}号",
                    "penalty" if penalty else "inspection",
                    "ordinary",
                    status,
                    items[unit],
                    "基准案件",
                    "",
                    "market",
                    "organisation",
                    "基准公司",
                    "91110000600037341L",
                    "",
                    "",
                    clue,
                    False,
                    False,
                    False,
                    False,
                    False,
                    bool(amount and amount >= 10000),
                    bool(amount and amount >= 10000 and rng.random() < 0.95),
                    clue,
                    clue,
                    decided_on,
                    decided_on + dt.timedelta(days=20)
                    if status in ("closed", "archived") and decided_on
                    else None,
                    "",
                    rng.choice(TYPES) if amount else "",
                    amount,
                    (rng.random() > 0.03) if amount else None,
                    "",
                    "",
                    due if penalty else None,
                    0,
                    "published" if published else "not_required",
                    pub_due,
                    published,
                    "",
                    "",
                    rng.random() > 0.01,
                    "",
                    "",
                    stamp,
                    stamp,
                )
            )
    return time.perf_counter() - started


def ensure_data(n: int, units_per_district: int) -> tuple[User, float | None]:
    call_command("migrate", verbosity=0)
    supervisor, departments = build_world(units_per_district)
    have = Case.objects.count()
    load_seconds = None
    if have != n:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE enforcement_case CASCADE")
        items = power_items(departments)
        with transaction.atomic():
            load_seconds = copy_cases(n, departments, items, timezone.localdate())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE enforcement_case")
    return supervisor, load_seconds


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def direct_dashboard(user: User, year: int) -> None:
    """The dashboard's per-unit and per-month numbers straight from the case table."""
    as_of = timezone.localdate()
    qs = access.visible(Case.objects.filter(clue_on__year=year), user, VIEW_SUPERVISION).order_by()
    measures = {
        "cases": Count("pk"),
        "closed": Count("pk", filter=Q(status__in=["closed", "archived"])),
        "overdue": Count(
            "pk",
            filter=Q(
                decided_on__isnull=True, status__in=list(OPEN_STATUSES), decision_due_on__lt=as_of
            )
            | Q(decided_on__gt=F("decision_due_on")),
        ),
        "on_time": Count("pk", filter=Q(published_on__lte=F("publish_due_on"))),
        "review": Count("pk", filter=Q(legal_review_required=True, legal_review_done=True)),
        "amount": Sum("amount"),
        "out_of_tier": Count("pk", filter=Q(amount_in_tier=False)),
    }
    list(qs.values("org_unit_id").annotate(**measures))
    list(qs.values("clue_on__month").annotate(**measures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--direct-reps", type=int, default=5)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    supervisor, load_seconds = ensure_data(args.cases, args.units)
    year = timezone.localdate().year
    started = time.perf_counter()
    services.rollup_refresh(full=True)
    full_seconds = time.perf_counter() - started
    rollup_rows = CaseRollup.objects.count()

    # incremental: K cases change (as a service would: status and updated_at), then refresh
    bounds = Case.objects.aggregate(low=Min("pk"), high=Max("pk"))
    ids = random.Random(3).sample(range(bounds["low"], bounds["high"] + 1), args.changes)
    Case.objects.filter(pk__in=ids).update(
        status="closed", closed_on=timezone.localdate(), updated_at=timezone.now()
    )
    started = time.perf_counter()
    result = services.rollup_refresh()
    incremental_seconds = time.perf_counter() - started

    def dashboard() -> None:
        user = User.objects.get(pk=supervisor.pk)  # fresh grants cache, as on a new request
        data = selectors.dashboard(user=user, perm=VIEW_SUPERVISION, year=year)
        len(data["flags"])

    dashboard()  # warm
    rollup_ms = timed(dashboard, args.reps)
    direct_ms = timed(
        lambda: direct_dashboard(User.objects.get(pk=supervisor.pk), year), args.direct_reps
    )

    lines = [
        "# Supervision analytics benchmark",
        "",
        f"Run {timezone.localtime():%Y-%m-%d %H:%M} on PostgreSQL {connection.pg_version // 10000}, "
        f"{os.cpu_count()} cores (shared with other work). Script: `bench/analytics/bench_dashboard.py "
        f"--cases {args.cases}`.",
        "",
        f"- Cases: {args.cases:,} over {2 * args.units} departments and 24 months"
        + (f" (COPY load {load_seconds:.0f} s)" if load_seconds else " (loaded in an earlier run)"),
        f"- Rollup rows: {rollup_rows:,} case buckets (unit × month × kind)",
        "",
        "| Measure | Result | Goal |",
        "|---|---|---|",
        f"| Dashboard (rollups), district supervisor, p50 / p95 over {args.reps} | {pct(rollup_ms, 50):.1f} / {pct(rollup_ms, 95):.1f} ms | p95 ≤ 50 ms |",
        f"| Same numbers by direct GROUP BY on the case table, p50 / p95 over {args.direct_reps} | {pct(direct_ms, 50):.0f} / {pct(direct_ms, 95):.0f} ms | — |",
        f"| Ratio direct / rollup (p95) | {pct(direct_ms, 95) / max(pct(rollup_ms, 95), 0.001):.0f}× | — |",
        f"| Full rollup rebuild | {full_seconds:.1f} s | nightly |",
        f"| Incremental refresh after {args.changes} changed cases ({result.buckets} buckets, mode {result.mode}) | {incremental_seconds:.1f} s | freshness ≤ 1 min = 60 s interval + this |",
        "",
        "Notes: the incremental refresh finds changed cases by `updated_at`, which has no index on",
        "`enforcement_case` (not this app's table); on large tables that lookup is a sequential scan",
        "and dominates the refresh time. An index on `enforcement_case(updated_at)` is recommended.",
        f"Raw dashboard timings (ms): min {min(rollup_ms):.1f}, median {statistics.median(rollup_ms):.1f}, max {max(rollup_ms):.1f}.",
        "",
    ]
    text = "\n".join(lines)
    sys.stdout.write(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
