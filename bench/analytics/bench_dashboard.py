"""Benchmark the supervision dashboard over N cases on PostgreSQL: request time and freshness.

Builds (once per bench database, rebuilt when --cases changes) a city with two districts of
`--units` departments each, one penalty power per department, and N enforcement cases generated
server-side (INSERT … SELECT over generate_series; realistic mix: 80 % penalty, statuses, amounts,
3 % out of tier, 1 % uncertified, late decisions and publications), spread over 24 months. Then:

- full rollup rebuild (`rollup_refresh(full=True)`), seconds;
- incremental refresh after K cases changed all over, and after 20 cases of one unit changed;
- the supervisor dashboard as a whole HTTP request (test client: middleware, session, grants,
  rollup queries, page) for a district supervisor: p50/p95 with the body cached (same rollup
  version) and uncached (the first request after a refresh changed the numbers), --rounds rounds;
- the same numbers computed by a direct GROUP BY over the case table;
- freshness: with a real `fazhi worker` (queue + scheduler), seconds from closing a case to the
  dashboard page showing it, --freshness samples.

Usage (a dedicated database whose name contains "bench"):

    createdb -h 127.0.0.1 -U postgres fazhi_bench_analytics
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_analytics \\
        .venv/bin/python bench/analytics/bench_dashboard.py --cases 10000000

Options: --cases N (10000000) --units N (100 per district) --reps N (200) --rounds N (3)
--direct-reps N (3) --changes N (1000) --freshness N (5) --load-only --no-write (do not write
bench/results/analytics.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
os.environ.setdefault("DEBUG", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

RESULTS = Path(__file__).resolve().parents[1] / "results" / "analytics.md"
URL = "/staff/analytics/"


def guard_database() -> None:
    """Refuse to run anywhere but a dedicated PostgreSQL bench database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a PostgreSQL bench database (its name contains 'bench').")


guard_database()

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, F, Max, Min, Q, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.analytics import conf, services  # noqa: E402
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


LOAD_CHUNK = 1_000_000  # rows per INSERT … SELECT statement

# One case per generate_series row, drawn server-side (no Python per row). The inner query draws the
# random numbers (OFFSET 0 keeps PostgreSQL from flattening it, so each row gets its own draws);
# the outer one derives the columns with the same mix as the generator in earlier versions of
# this script: 80 % penalty, 12 statuses, decisions 10–99 days after the clue, amounts for decided
# penalties, 3 % of amounts out of tier, 1 % uncertified, publications 8 days early to 3 days late.
LOAD_SQL = """
INSERT INTO enforcement_case (
    org_unit_id, number, kind, procedure, status, power_item_id, title, facts, domain,
    party_kind, party_name, party_id_number, party_phone, party_address, violation_on,
    safety_harm, major_public_interest, complex_case, hearing_requested, hearing_held,
    legal_review_required, legal_review_done, clue_on, filed_on, decided_on, closed_on,
    decision_number, penalty_types, amount, amount_in_tier, deviation_reason, decision_summary,
    decision_due_on, extension_days, publicity, publish_due_on, published_on, revoked_by,
    revoked_outcome, officers_certified, source_system, external_id, created_at, updated_at)
SELECT unit, '基罚〔' || extract(year FROM clue)::int || '〕' || g || '号',
    CASE WHEN penalty THEN 'penalty' ELSE 'inspection' END, 'ordinary', status, item,
    '基准案件', '', 'market', 'organisation', '基准公司', '91110000600037341L', '', '', clue,
    false, false, false, false, false,
    coalesce(amount >= 10000, false), coalesce(amount >= 10000 AND r_review < 0.95, false),
    clue, clue, decided_on,
    CASE WHEN status IN ('closed', 'archived') THEN decided_on + 20 END,
    '', CASE WHEN amount IS NOT NULL THEN (%(types)s::text[])[1 + floor(r_type * %(ntypes)s)::int] ELSE '' END,
    amount, CASE WHEN amount IS NOT NULL THEN r_tier > 0.03 END, '', '',
    CASE WHEN penalty THEN clue + 90 END, 0,
    CASE WHEN decided_on IS NOT NULL AND penalty THEN 'published' ELSE 'not_required' END,
    CASE WHEN decided_on IS NOT NULL AND penalty THEN decided_on + 10 END,
    CASE WHEN decided_on IS NOT NULL AND penalty THEN decided_on + 2 + floor(r_pub * 12)::int END,
    '', '', r_cert > 0.01, '', '', %(stamp)s, %(stamp)s
FROM (
    SELECT g, unit, item, clue, penalty, status, r_type, r_tier, r_pub, r_cert, r_review,
        CASE WHEN status IN ('closed', 'archived', 'decided', 'served')
            THEN clue + 10 + floor(r_dec * 90)::int END AS decided_on,
        CASE WHEN penalty AND status IN ('closed', 'archived', 'decided', 'served')
            THEN 100 + floor(r_amount * 49900)::int END AS amount
    FROM (
        SELECT g,
            (%(units)s::bigint[])[1 + g %% %(nunits)s] AS unit,
            (%(items)s::bigint[])[1 + g %% %(nunits)s] AS item,
            %(today)s::date - floor(random() * 730)::int AS clue,
            random() < 0.8 AS penalty,
            (%(statuses)s::text[])[1 + floor(random() * %(nstatuses)s)::int] AS status,
            random() AS r_dec, random() AS r_amount, random() AS r_type, random() AS r_tier,
            random() AS r_pub, random() AS r_cert, random() AS r_review
        FROM generate_series(%(first)s, %(last)s) AS g
        OFFSET 0
    ) AS draws
) AS derived
"""


def load_cases(n: int, units: list[OrgUnit], items: dict[int, int], today: dt.date) -> float:
    """Load n cases server-side (INSERT … SELECT over generate_series); returns seconds.

    Bench database only: the secondary indexes are dropped and rebuilt after the load, and FK
    triggers are skipped (`session_replication_role = replica`; the rows are valid by construction).
    """
    unit_ids = [u.pk for u in units]
    params = {
        "units": unit_ids,
        "items": [items[u] for u in unit_ids],
        "nunits": len(unit_ids),
        "statuses": STATUSES,
        "nstatuses": len(STATUSES),
        "types": TYPES,
        "ntypes": len(TYPES),
        "today": today,
        "stamp": timezone.now(),
    }
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SELECT setseed(0.7)")
        cursor.execute(
            """SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'enforcement_case'
            AND indexname NOT IN (SELECT conname FROM pg_constraint
                                  WHERE conrelid = 'enforcement_case'::regclass)"""
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for first in range(1, n + 1, LOAD_CHUNK):
            last = min(n, first + LOAD_CHUNK - 1)
            cursor.execute(LOAD_SQL, {**params, "first": first, "last": last})
            sys.stderr.write(f"loaded {last:,} cases, {time.perf_counter() - started:.0f} s\n")
        for _, definition in indexes:
            cursor.execute(definition)
        sys.stderr.write(f"indexes rebuilt, {time.perf_counter() - started:.0f} s\n")
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
            load_seconds = load_cases(n, departments, items, timezone.localdate())
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


def dashboard_client(supervisor: User) -> Any:
    """A signed-in test client: requests go through every middleware, the view and the template."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(supervisor)
    return client


def request_times(client: Any, reps: int, *, miss: bool) -> list[float]:
    """Milliseconds per GET of the supervisor dashboard (cache emptied before each when `miss`)."""
    out = []
    for _ in range(reps):
        if miss:
            cache.clear()
        started = time.perf_counter()
        response = client.get(URL)
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return out


def closed_by_unit(client: Any) -> dict[str, int]:
    """The closed-case counts per unit as the dashboard's chart data shows them."""
    content = client.get(URL).content.decode()
    found = re.search(
        r'<script id="chart-data" type="application/json">(.*?)</script>', content, re.S
    )
    data = json.loads(found.group(1)) if found else {"units": {"labels": [], "closed": []}}
    return dict(zip(data["units"]["labels"], data["units"]["closed"], strict=True))


def close_one_case(supervisor: User, year: int, rng: random.Random) -> str:
    """Close an open case of this year in the supervisor's scope as a service would (status,
    closing date, updated_at); returns its unit's name."""
    qs = access.visible(Case.objects, supervisor, VIEW_SUPERVISION).filter(
        clue_on__year=year, status__in=["filed", "investigating", "notice"]
    )
    ids = list(qs.order_by().values_list("pk", flat=True)[:200])
    case = Case.objects.select_related("org_unit").get(pk=rng.choice(ids))
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_on=timezone.localdate(), updated_at=timezone.now()
    )
    return case.org_unit.name


def freshness_samples(supervisor: User, year: int, samples: int) -> list[float]:
    """Seconds from a committed case change to the dashboard showing it, with a real worker.

    Starts `fazhi worker` (queue + scheduler thread, as deployed) on the bench database, then
    repeatedly closes one case and polls the dashboard page every 0.5 s until its unit's closed
    count moves. Between samples it waits a random part of the refresh interval, so changes land
    at random points of the scheduler's cycle.
    """
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings.dev", "DEBUG": "0"}
    worker = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).with_name("fazhi")), "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rng = random.Random(11)
    client = dashboard_client(supervisor)
    out = []
    try:
        time.sleep(5)  # the worker's first scheduler tick
        for _ in range(samples):
            time.sleep(rng.uniform(0, conf.get("REFRESH_SECONDS")))
            before = closed_by_unit(client)
            unit = close_one_case(supervisor, year, rng)
            started = time.perf_counter()
            while closed_by_unit(client).get(unit, 0) <= before.get(unit, 0):
                if time.perf_counter() - started > 600:
                    raise RuntimeError("the dashboard did not show the change within 10 minutes")
                time.sleep(0.5)
            out.append(time.perf_counter() - started)
            sys.stderr.write(f"freshness sample: {out[-1]:.1f} s\n")
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return out


def vacuum_rollups() -> None:
    """What autovacuum would do after the refreshes (it is off on the bench server)."""
    with connection.cursor() as cursor:
        for table in (
            "analytics_caserollup",
            "analytics_penaltytyperollup",
            "analytics_anomalyflag",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--direct-reps", type=int, default=3)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--freshness", type=int, default=5, help="freshness samples (0: skip)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--load-only", action="store_true", help="load the cases and stop")
    args = parser.parse_args()

    supervisor, load_seconds = ensure_data(args.cases, args.units)
    if args.load_only:
        sys.stdout.write(f"loaded in {load_seconds or 0:.0f} s\n")
        return
    year = timezone.localdate().year
    loads = [load_average()]
    started = time.perf_counter()
    services.rollup_refresh(full=True)
    full_seconds = time.perf_counter() - started
    vacuum_rollups()
    rollup_rows = CaseRollup.objects.count()

    # incremental: K open cases anywhere close (as a service would: status, date, updated_at) …
    open_statuses = ["filed", "investigating", "notice"]
    rng = random.Random()  # fresh cases each run: a re-run on the same data must change numbers
    bounds = Case.objects.aggregate(low=Min("pk"), high=Max("pk"))
    ids = rng.sample(range(bounds["low"], bounds["high"] + 1), args.changes * 3)
    ids = list(
        Case.objects.filter(pk__in=ids, status__in=open_statuses).values_list("pk", flat=True)
    )[: args.changes]
    Case.objects.filter(pk__in=ids).update(
        status="closed", closed_on=timezone.localdate(), updated_at=timezone.now()
    )
    started = time.perf_counter()
    spread = services.rollup_refresh()
    spread_seconds = time.perf_counter() - started
    # … and a typical minute, one refresh interval later: 20 open cases of one unit close (the
    # run in between re-reads the burst's last OVERLAP_SECONDS, as the periodic job would)
    time.sleep(conf.get("OVERLAP_SECONDS") + 1)
    services.rollup_refresh()
    one_unit = Case.objects.get(pk=ids[0]).org_unit_id
    few = list(
        Case.objects.filter(org_unit_id=one_unit, status__in=open_statuses).values_list(
            "pk", flat=True
        )[:20]
    )
    Case.objects.filter(pk__in=few).update(
        status="closed", closed_on=timezone.localdate(), updated_at=timezone.now()
    )
    started = time.perf_counter()
    local = services.rollup_refresh()
    local_seconds = time.perf_counter() - started
    vacuum_rollups()

    client = dashboard_client(User.objects.get(pk=supervisor.pk))
    client.get(URL)  # warm (template loader, connection)
    hits, misses = [], []
    for _ in range(args.rounds):
        loads.append(load_average())
        hits.append(request_times(client, args.reps, miss=False))
        misses.append(request_times(client, max(args.reps // 4, 10), miss=True))
    direct_ms = timed(
        lambda: direct_dashboard(User.objects.get(pk=supervisor.pk), year), args.direct_reps
    )
    fresh = freshness_samples(supervisor, year, args.freshness) if args.freshness else []
    loads.append(load_average())

    def med(rounds: list[list[float]], p: float) -> float:
        return statistics.median(pct(r, p) for r in rounds)

    hit95, miss95 = med(hits, 95), med(misses, 95)
    fresh_line = (
        f"| Freshness: case change → dashboard shows it, real `fazhi worker`, median / max of "
        f"{len(fresh)} | {statistics.median(fresh):.1f} / {max(fresh):.1f} s | ≤ 60 s |"
        if fresh
        else "| Freshness | not measured (--freshness 0) | ≤ 60 s |"
    )
    lines = [
        "# Supervision analytics benchmark",
        "",
        f"Run {timezone.localtime():%Y-%m-%d %H:%M} on PostgreSQL {connection.pg_version // 10000}, "
        f"{os.cpu_count()} cores (shared with other work). Script: `bench/analytics/bench_dashboard.py "
        f"--cases {args.cases} --reps {args.reps} --rounds {args.rounds}`.",
        "",
        f"- Cases: {args.cases:,} over {2 * args.units} departments and 24 months"
        + (
            f" (server-side load {load_seconds:.0f} s)"
            if load_seconds
            else " (loaded in an earlier run)"
        ),
        f"- Rollup rows: {rollup_rows:,} case buckets (unit × month × kind); the supervisor's district "
        f"holds {args.units} departments",
        f"- Load average (1/5/15 min) at start, before each round, at end: {'; '.join(loads)}",
        "- Autovacuum is off on this server: the script runs VACUUM ANALYZE on the rollup tables "
        "after the refreshes, as autovacuum would",
        "",
        "| Measure | Result | Goal |",
        "|---|---|---|",
        f"| Dashboard request (whole HTTP request: session, grants, rollups, page), cached body, "
        f"p50 / p95 — median of {args.rounds} rounds × {args.reps} | {med(hits, 50):.1f} / {hit95:.1f} ms | p95 ≤ 50 ms |",
        f"| Same, first request after a refresh changed the numbers (cache empty), p50 / p95 — "
        f"median of {args.rounds} rounds × {max(args.reps // 4, 10)} | {med(misses, 50):.1f} / {miss95:.1f} ms | p95 ≤ 50 ms |",
        f"| Same numbers by direct GROUP BY on the case table (no page), p50 / p95 over {args.direct_reps} "
        f"| {pct(direct_ms, 50):.0f} / {pct(direct_ms, 95):.0f} ms | — |",
        f"| Ratio direct / dashboard request (p95; cached, uncached) | {pct(direct_ms, 95) / max(hit95, 0.001):.0f}×, "
        f"{pct(direct_ms, 95) / max(miss95, 0.001):.0f}× | — |",
        f"| Full rollup rebuild | {full_seconds:.1f} s | nightly / first run of a day |",
        f"| Incremental refresh after {len(ids)} cases closed all over ({spread.buckets} buckets changed) "
        f"| {spread_seconds:.1f} s | — |",
        f"| Incremental refresh after {len(few)} cases of one unit closed ({local.buckets} buckets changed) "
        f"| {local_seconds:.2f} s | — |",
        fresh_line,
        "",
        "Raw: freshness samples (s) "
        + ", ".join(f"{x:.1f}" for x in fresh)
        + "; cached-request p95 per round (ms) "
        + ", ".join(f"{pct(r, 95):.1f}" for r in hits)
        + "; uncached p95 per round (ms) "
        + ", ".join(f"{pct(r, 95):.1f}" for r in misses)
        + ".",
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
