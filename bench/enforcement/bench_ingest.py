"""Benchmark the enforcement data exchange on PostgreSQL (issue #4).

(a) **API batch ingest vs raw COPY.** N case rows (default 20,000) are pushed through
`POST /api/enforcement/cases/batch` in batches of 5,000 (the API limit) with a bearer token —
HTTP request handling, JSON parsing, pydantic schema validation, the full row validation of
`enforcement.ingest` (units in scope, power items, identifiers with check digits, dates,
limitation, certificates valid on the filing date and covering the item's domain, tiers,
idempotency), COPY of cases and officer links, the batch record and one hash-chained audit entry
per batch. Then the rows the ingest stored are read back and `COPY`-ed raw into scratch
tables with the same columns and indexes (`LIKE … INCLUDING ALL`; no foreign keys, no checks in
Python): the cases alone, and the cases plus their officer links (everything the ingest wrote).
Rows/s for each, ratio = ingest / COPY (goal ≥ 0.5), medians of --runs runs (interleaved).
A third reference COPYs the same rows into the real tables and runs their deferred FK checks
(then rolls back): the database's own share of the ingest's writes.

(b) **Excel import of --excel-rows rows (default 100,000) end to end** (goal ≤ 10 s): a workbook
written with xlsxwriter in the template's layout is read (python-calamine), parsed column by
column, validated and saved by `case_import.import_rows` — the same path as the upload page.

Usage (a dedicated bench database; the name must contain "bench"):

    createdb -h 127.0.0.1 -U postgres fazhi_bench_enf
    DJANGO_SETTINGS_MODULE=fazhi.settings.dev \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_enf \\
        .venv/bin/python bench/enforcement/bench_ingest.py [--rows 20000] [--runs 3] \\
        [--excel-rows 100000] [--excel-runs 1] [--profile] [--no-write]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
os.environ.setdefault("DEBUG", "0")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "enforcement.md"


def guard_database() -> None:
    """Refuse to run anywhere but a dedicated PostgreSQL bench database."""
    url = os.environ.get("DATABASE_URL", "")
    name = url.rsplit("/", 1)[-1]
    if not url.startswith("postgres") or "bench" not in name or "test" in name:
        sys.exit("DATABASE_URL must name a dedicated PostgreSQL bench database (name has 'bench').")


guard_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from fazhi.core.models import OrgUnit, RoleGrant, User  # noqa: E402
from fazhi.core.services.tokens import token_create  # noqa: E402
from fazhi.core.testing import make_user, make_world  # noqa: E402
from fazhi.enforcement.models import Case, Certificate, PowerItem  # noqa: E402
from fazhi.enforcement.tests.factories import (  # noqa: E402
    make_benchmark,
    make_officer,
    make_power_item,
)
from fazhi.enforcement.views.exchange import COLUMNS, import_rows  # noqa: E402

PEOPLE = ["11010519491231002X", "110101199003070011", "360102198506120031"]
ORGS = ["91110000600037341L", "91350100M00000019W", "N2440100MA0000007C"]
STATUSES = ["closed", "closed", "archived", "decided", "served", "investigating", "filed"]


def setup_world() -> tuple[User, OrgUnit, PowerItem, list[str]]:
    """A city with two districts, a clerk of district A's market bureau, 20 certified officers."""
    existing = OrgUnit.objects.filter(name="东湖区市场监督管理局").first()
    if existing is not None:
        user = User.objects.get(username="bench_enf_clerk")
        item = PowerItem.objects.filter(org_unit=existing).order_by("pk").first()
        certs = list(
            Certificate.objects.filter(officer__org_unit=existing).values_list("number", flat=True)
        )
        return user, existing, item, certs  # type: ignore[return-value]
    with transaction.atomic():
        world = make_world()
        unit = world.market_a
        user = make_user(unit, RoleGrant.Role.CLERK, RoleGrant.Role.OFFICER)
        user.username = "bench_enf_clerk"
        user.save(update_fields=["username"])
        item = make_power_item(unit)
        make_benchmark(item)
        officers = [make_officer(unit) for _ in range(20)]
    certs = list(Certificate.objects.filter(officer__in=officers).values_list("number", flat=True))
    return user, unit, item, certs


def make_rows(n: int, tag: str, unit: OrgUnit, item: PowerItem, certs: list[str]) -> list[dict]:
    """API rows (CaseIn) with realistic variety; every row is valid."""
    rng = random.Random(tag)
    rows = []
    for i in range(n):
        status = rng.choice(STATUSES)
        person = rng.random() < 0.5
        filed = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randint(0, 300))
        decided = status in ("closed", "archived", "decided", "served")
        amount = rng.randint(100, 20000) if decided else None
        tier = None if amount is None else ("lighter" if amount <= 5000 else "normal")
        rows.append(
            {
                "external_id": f"{tag}-{i:07d}",
                "unit_id": unit.pk,
                "status": status,
                "power_item_code": item.code,
                "number": f"东市监罚〔2024〕{i + 1}号",
                "title": "销售不合格产品案",
                "party_kind": "person" if person else "organisation",
                "party_name": "张三" if person else "江城某某有限公司",
                "party_id_number": rng.choice(PEOPLE if person else ORGS),
                "violation_on": (filed - dt.timedelta(days=rng.randint(1, 60))).isoformat(),
                "filed_on": filed.isoformat(),
                "decided_on": (filed + dt.timedelta(days=30)).isoformat() if decided else None,
                "closed_on": (
                    (filed + dt.timedelta(days=60)).isoformat()
                    if status in ("closed", "archived")
                    else None
                ),
                "decision_number": f"东市监罚决〔2024〕{i + 1}号" if decided else "",
                "penalty_types": ["fine"] if decided else [],
                "amount": str(amount) if amount is not None else None,
                "benchmark_tier": tier or "",
                "officer_certificates": rng.sample(certs, 2),
            }
        )
    return rows


def api_ingest(client: Client, headers: dict, rows: list[dict], tag: str) -> float:
    """Seconds to push `rows` through the batch API (bodies pre-encoded, outside the timing)."""
    bodies = [
        json.dumps({"source_system": tag, "cases": rows[i : i + 5000]}, ensure_ascii=False)
        for i in range(0, len(rows), 5000)
    ]
    start = time.perf_counter()
    for body in bodies:
        response = client.post(
            "/api/enforcement/cases/batch", body, content_type="application/json", **headers
        )
        if response.status_code != 200:
            raise SystemExit(f"ingest refused: {response.status_code} {response.content[:500]!r}")
    return time.perf_counter() - start


def columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
        return [r[0] for r in cursor.fetchall()]


def copy_same_rows(tag: str) -> tuple[float, float, float, int, int]:
    """COPY the stored rows of batch `tag`: into scratch tables (cases; cases+links), and into the
    real tables with their FK checks, rolled back: (s, s, s, n cases, n links)."""
    case_cols, link_cols = columns("enforcement_case"), columns("enforcement_caseofficer")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(case_cols)} FROM enforcement_case WHERE source_system = %s",  # noqa: S608
            [tag],
        )
        cases = cursor.fetchall()
        cursor.execute(
            f"SELECT {', '.join('l.' + c for c in link_cols)} FROM enforcement_caseofficer l "  # noqa: S608
            "JOIN enforcement_case c ON c.id = l.case_id WHERE c.source_system = %s",
            [tag],
        )
        links = cursor.fetchall()
    timings = []
    for with_links in (False, True):
        with transaction.atomic(), connection.cursor() as cursor:
            for scratch, source in (
                ("bench_case_copy", "enforcement_case"),
                ("bench_link_copy", "enforcement_caseofficer"),
            ):
                cursor.execute(f"DROP TABLE IF EXISTS {scratch}")
                cursor.execute(f"CREATE TABLE {scratch} (LIKE {source} INCLUDING ALL)")
            raw = cursor.cursor
            start = time.perf_counter()
            with raw.copy(f"COPY bench_case_copy ({', '.join(case_cols)}) FROM STDIN") as copy:
                for row in cases:
                    copy.write_row(row)
            if with_links:
                with raw.copy(f"COPY bench_link_copy ({', '.join(link_cols)}) FROM STDIN") as copy:
                    for row in links:
                        copy.write_row(row)
            timings.append(time.perf_counter() - start)
    timings.append(copy_into_real_tables(tag, case_cols, link_cols, cases, links))
    return timings[0], timings[1], timings[2], len(cases), len(links)


class _RolledBack(Exception):
    pass


def copy_into_real_tables(tag: str, case_cols, link_cols, cases, links) -> float:  # type: ignore[no-untyped-def]
    """Seconds to COPY the same rows (new ids, another source system) into enforcement_case and
    enforcement_caseofficer and run their deferred FK checks; then roll back. What the database
    itself must do for the ingest's writes, however fast the Python side."""
    ci, si = case_cols.index("id"), case_cols.index("source_system")
    li, lc = link_cols.index("id"), link_cols.index("case_id")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('enforcement_case', 'id')) "
                "FROM generate_series(1, %s)",
                [len(cases)],
            )
            new_ids = {row[ci]: pk for row, (pk,) in zip(cases, cursor.fetchall(), strict=True)}
            moved = []
            for row in cases:
                row = list(row)
                row[ci], row[si] = new_ids[row[ci]], f"{tag}-raw"
                moved.append(row)
            moved_links = []
            for row in links:
                row = list(row)
                row[lc] = new_ids[row[lc]]
                moved_links.append([v for i, v in enumerate(row) if i != li])
            raw = cursor.cursor
            start = time.perf_counter()
            with raw.copy(f"COPY enforcement_case ({', '.join(case_cols)}) FROM STDIN") as copy:
                for row in moved:
                    copy.write_row(row)
            cols = ", ".join(c for c in link_cols if c != "id")
            with raw.copy(f"COPY enforcement_caseofficer ({cols}) FROM STDIN") as copy:
                for row in moved_links:
                    copy.write_row(row)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the FK checks a commit would run
            seconds = time.perf_counter() - start
            raise _RolledBack
    except _RolledBack:
        return seconds


def excel_file(n: int, unit: OrgUnit, item: PowerItem, certs: list[str], tag: str) -> str:
    """A workbook in the import template's layout (Chinese headers and labels)."""
    import xlsxwriter

    from fazhi.enforcement.models import BenchmarkTier

    labels = {
        "status": dict(Case.Status.choices),
        "kind": dict(Case.Kind.choices),
        "party_kind": dict(Case.PartyKind.choices),
        "benchmark_tier": dict(BenchmarkTier.Tier.choices),
    }
    path = os.path.join(tempfile.gettempdir(), f"{tag}.xlsx")
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("案件")
    sheet.write_row(0, 0, [c.header for c in COLUMNS])
    for i, r in enumerate(make_rows(n, tag, unit, item, certs), start=1):
        values = {
            **r,
            "unit": unit.name,
            "kind": labels["kind"]["penalty"],
            "procedure": "普通程序",
            "status": str(labels["status"][r["status"]]),
            "party_kind": str(labels["party_kind"][r["party_kind"]]),
            "safety_harm": "否",
            "penalty_types": "罚款" if r["penalty_types"] else "",
            "benchmark_tier": str(labels["benchmark_tier"].get(r["benchmark_tier"], "")),
            "officer_certificates": ";".join(r["officer_certificates"]),
        }
        sheet.write_row(i, 0, [values.get(c.key) or "" for c in COLUMNS])
    book.close()
    return path


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--excel-rows", type=int, default=100_000)
    parser.add_argument("--excel-runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile one API run")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user, unit, item, certs = setup_world()
    with transaction.atomic():
        _, raw = token_create(actor=user, name=f"bench {time.time()}")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_HOST": "127.0.0.1"}
    client = Client()
    client.get("/api/enforcement/cases", **headers)  # warm up: URLconf, API schema, imports
    from fazhi.clocks.calendar import CALENDAR

    CALENDAR.covered_years()  # warm up the process-wide calendar cache (loaded once a minute in service)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    ingest, copy_cases, copy_all, copy_real = [], [], [], []
    for run in range(args.runs):
        tag = f"bench-{stamp}-{run}"
        rows = make_rows(args.rows, tag, unit, item, certs)
        if args.profile and run == 0:
            profiler = cProfile.Profile()
            profiler.enable()
        seconds = api_ingest(client, headers, rows, tag)
        if args.profile and run == 0:
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats("enforcement|ninja|pydantic", 25)
            stats.sort_stats("tottime").print_stats(20)
        t_cases, t_all, t_real, n, n_links = copy_same_rows(tag)
        ingest.append(args.rows / seconds)
        copy_cases.append(n / t_cases)
        copy_all.append(n / t_all)
        copy_real.append(n / t_real)
        print(
            f"run {run + 1}: ingest {args.rows / seconds:,.0f} rows/s ({seconds:.2f} s); "
            f"COPY cases {n / t_cases:,.0f} rows/s; COPY cases+{n_links} links {n / t_all:,.0f} rows/s; "
            f"COPY into the real tables + FK checks {n / t_real:,.0f} rows/s",
            flush=True,
        )
    excel = []
    for run in range(args.excel_runs):
        tag = f"xlsx-{stamp}-{run}"
        path = excel_file(args.excel_rows, unit, item, certs, tag)
        start, cpu = time.perf_counter(), time.process_time()
        with open(path, "rb") as fh:
            result = import_rows(user=user, source=fh, source_system=tag)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        os.unlink(path)
        if not result.ok:
            raise SystemExit(f"excel import refused: {result.errors[:3]}")
        excel.append(seconds)
        # on a shared machine the wall time includes waiting for a CPU; the process CPU time is
        # this process's own work (the database server's work is not in it)
        print(
            f"excel run {run + 1}: {args.excel_rows:,} rows in {seconds:.2f} s (CPU {cpu:.1f} s)",
            flush=True,
        )
    report(args, ingest, copy_cases, copy_all, copy_real, excel)


def report(args, ingest, copy_cases, copy_all, copy_real, excel) -> None:  # type: ignore[no-untyped-def]
    m_ing, m_cases, m_all, m_real = (
        median(ingest),
        median(copy_cases),
        median(copy_all),
        median(copy_real),
    )
    lines = [
        f"\n### Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {args.rows:,} rows × {args.runs} runs, "
        f"Excel {args.excel_rows:,} rows × {args.excel_runs}\n",
        "| Measure | Median | Runs |",
        "|---|---|---|",
        f"| API batch ingest (rows/s) | {m_ing:,.0f} | {', '.join(f'{x:,.0f}' for x in ingest)} |",
        f"| COPY cases only (rows/s) | {m_cases:,.0f} | {', '.join(f'{x:,.0f}' for x in copy_cases)} |",
        f"| COPY cases + officer links (rows/s) | {m_all:,.0f} | {', '.join(f'{x:,.0f}' for x in copy_all)} |",
        f"| **Ratio ingest / COPY cases+links** (goal ≥ 0.5) | **{m_ing / m_all:.2f}** | |",
        f"| Ratio ingest / COPY cases only | {m_ing / m_cases:.2f} | |",
        f"| COPY into the real tables + their FK checks (rows/s) | {m_real:,.0f} | "
        f"{', '.join(f'{x:,.0f}' for x in copy_real)} |",
        f"| Ratio ingest / COPY into the real tables + FK checks | {m_ing / m_real:.2f} | |",
        f"| Load average (1 min) at the end | {os.getloadavg()[0]:.2f} | |",
    ]
    if excel:
        lines.append(
            f"| **Excel import {args.excel_rows:,} rows end to end (s)** (goal ≤ 10) | "
            f"**{median(excel):.1f}** | {', '.join(f'{x:.1f}' for x in excel)} |"
        )
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if not args.no_write:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
