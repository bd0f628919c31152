"""Benchmark the daily clock sweep over many open clocks (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres fazhi_bench_clocks
    DJANGO_SETTINGS_MODULE=fazhi.settings.dev \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_clocks \\
        .venv/bin/python bench/bench_clock_sweep.py [--clocks 1000000] [--days 5] [--no-write]

Loads N running clocks (COPY) with due dates spread over ±200 days of a fixed day and one
responsible user each, then runs the production `clock_sweep` on --days consecutive days: the first
day marks every past-due clock overdue and notifies (the worst case, after an outage); the following
days change only the clocks crossing a threshold that day (the normal case). Reports seconds per day.
Goal: ≤ 10 s at 1M open clocks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RESULTS = Path(__file__).resolve().parent / "results" / "foundation.md"
url = os.environ.get("DATABASE_URL", "")
if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
    sys.exit("DATABASE_URL must name a dedicated PostgreSQL bench database (name has 'bench').")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from fazhi.clocks.models import Clock  # noqa: E402
from fazhi.clocks.services.sweep import clock_sweep  # noqa: E402
from fazhi.core.models import Notification  # noqa: E402
from fazhi.core.testing import make_unit, make_user  # noqa: E402

DAY0 = dt.date(2026, 6, 1)


def load(n: int) -> None:
    call_command("migrate", verbosity=0)
    if Clock.objects.count() >= n:
        return
    unit = make_unit("基准测试单位")
    users = [make_user(unit, username=f"bench_sweep_{i}").pk for i in range(200)]
    rng = random.Random(1)
    now = "2026-01-01 00:00:00+08"
    buf = io.StringIO()
    for i in range(n):
        due = DAY0 + dt.timedelta(days=rng.randint(-200, 200))
        buf.write(
            f"probe.bench\t基准期限{i}\t\tbench\t{i}\t基准对象{i}\t\t{unit.pk}\t"
            f"{(due - dt.timedelta(days=28)).isoformat()}\t20wd\t"
            f"{due.isoformat()}\t说明\trunning\tok\t\\N\t{now}\t{now}\n"
        )
    cols = (
        "kind, label, legal_basis, target_type, target_id, target_repr, url, org_unit_id, "
        "start_on, rule, due_on, explanation, status, urgency, completed_on, created_at, updated_at"
    )
    with connection.cursor() as cur:
        with cur.copy(f"COPY clocks_clock ({cols}) FROM STDIN") as copy:
            copy.write(buf.getvalue())
        through = Clock.responsible.through._meta.db_table
        cur.execute(
            f"INSERT INTO {through} (clock_id, user_id) "
            f"SELECT id, (ARRAY{users})[1 + id % {len(users)}] FROM clocks_clock"
        )
        cur.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clocks", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    t = time.perf_counter()
    load(args.clocks)
    print(f"loaded in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    # start from a clean state so the first day is the worst case
    Clock.objects.update(urgency=Clock.Urgency.OK)
    Notification.objects.filter(dedupe_key__startswith="clock:").delete()
    rows = []
    for d in range(args.days):
        day = DAY0 + dt.timedelta(days=d)
        t = time.perf_counter()
        result = clock_sweep(today=day)
        took = time.perf_counter() - t
        rows.append((day, took, result))
        print(day, f"{took:.2f} s", result, file=sys.stderr)
    lines = [
        f"\n### Clock sweep, {Clock.objects.count():,} running clocks, PostgreSQL — "
        f"{time.strftime('%Y-%m-%d')}\n",
        "| day | seconds | → overdue | → due soon | → ok | notifications |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for day, took, r in rows:
        lines.append(
            f"| {day} | {took:.2f} | {r.overdue:,} | {r.due_soon:,} | {r.back_to_ok:,} | {r.notified:,} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
