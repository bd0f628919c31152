"""Benchmark the hash-chained audit append under concurrency (PostgreSQL only).

8 writer processes each append N entries, one transaction per entry (like a service), through
`fazhi.core.audit.record` (advisory lock → read the head → hash → insert, lock held until commit),
vs 8 writers inserting the same rows, built and hashed the same way, into an unchained copy of the
table (`bench_audit_plain`, no lock, no head read). Reports entries/s for both and the ratio
(goal ≥ 0.5), median of --runs runs (interleaved).

Also measures one candidate improvement, `lanes`: L independent chains (lane = hash of the
record's unit mod L, each with its own advisory lock, contiguous per-lane seq and head); see
bench/results/foundation.md for the analysis.

Usage (a dedicated bench database — never the test or dev database; the name must contain "bench"):

    createdb -h 127.0.0.1 -U postgres fazhi_bench
    DJANGO_SETTINGS_MODULE=fazhi.settings.dev \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench \\
        .venv/bin/python bench/bench_audit.py [--writers 8] [--entries 400] [--runs 3] \\
        [--lanes 8] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
os.environ.setdefault("DEBUG", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RESULTS = Path(__file__).resolve().parent / "results" / "foundation.md"


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
from django.db import connection, connections, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.core import audit  # noqa: E402


class EntryColumns(models.Model):
    """The columns of AuditEntry (FKs as plain ids), for the bench-only copies."""

    seq = models.BigIntegerField()
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_repr = models.CharField(max_length=100)
    unit_id = models.BigIntegerField(null=True)
    verb = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)
    ip = models.CharField(max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        abstract = True


class PlainEntry(EntryColumns):
    """The same columns as AuditEntry, in a table without chaining or triggers."""

    class Meta:
        app_label = "core"
        managed = False
        db_table = "bench_audit_plain"


class LaneEntry(EntryColumns):
    """An entry of one of L independent chains."""

    lane = models.SmallIntegerField()

    class Meta:
        app_label = "core"
        managed = False
        db_table = "bench_audit_lanes"


DDL = [
    "DROP TABLE IF EXISTS bench_audit_plain",
    "DROP TABLE IF EXISTS bench_audit_lanes",
    "DROP SEQUENCE IF EXISTS bench_audit_plain_seq",
    # same columns, defaults, indexes and constraints (unique seq included), no triggers
    "CREATE TABLE bench_audit_plain (LIKE core_auditentry INCLUDING ALL)",
    "CREATE SEQUENCE bench_audit_plain_seq",
    # lanes: the same indexes, but seq is unique per lane
    "CREATE TABLE bench_audit_lanes (LIKE core_auditentry INCLUDING ALL)",
    "ALTER TABLE bench_audit_lanes DROP CONSTRAINT bench_audit_lanes_seq_key",
    "ALTER TABLE bench_audit_lanes ADD COLUMN lane smallint NOT NULL DEFAULT 0",
    "CREATE UNIQUE INDEX bench_audit_lanes_lane_seq ON bench_audit_lanes (lane, seq)",
]
LANE_LOCK_BASE = 7_320_000


def changes_for(writer: int, i: int) -> dict:
    """A typical service change set."""
    return {"status": ["draft", "review"], "title": [None, f"写入者{writer}的第{i}条记录"]}


def write_chained(writer: int, i: int, lanes: int) -> None:
    with transaction.atomic():
        audit.record(
            actor=None,
            verb="bench.write",
            target=f"基准测试 {writer}-{i}",
            changes=changes_for(writer, i),
            unit_id=writer * 1000 + i % 50,
            ip="127.0.0.1",
        )


def _entry(model: type[PlainEntry], writer: int, i: int, **extra: object) -> PlainEntry:
    return model(
        at=timezone.now(),
        actor_id=None,
        actor_repr="系统",
        unit_id=writer * 1000 + i % 50,
        verb="bench.write",
        target_type="system",
        target_id="",
        target_repr=f"基准测试 {writer}-{i}",
        changes=audit.normalise(changes_for(writer, i)),
        ip="127.0.0.1",
        **extra,
    )


def write_plain(writer: int, i: int, lanes: int) -> None:
    """Same row, same hashing work, but no lock, no head read: seq from a sequence."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('bench_audit_plain_seq')")
            seq = cursor.fetchone()[0]
        entry = _entry(PlainEntry, writer, i, seq=seq, prev_hash=audit.GENESIS)
        entry.hash = audit.compute_hash(entry.prev_hash, entry)  # type: ignore[arg-type]
        entry.save(force_insert=True)


def write_lanes(writer: int, i: int, lanes: int) -> None:
    """Chained, but L independent chains: lane = the record's unit mod L."""
    unit_id = writer * 1000 + i % 50
    lane = zlib.crc32(str(unit_id).encode()) % lanes  # a stable hash of the record's unit
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LANE_LOCK_BASE + lane])
        last = (
            LaneEntry.objects.filter(lane=lane).order_by("-seq").values_list("seq", "hash").first()
        )
        seq, prev = (last[0] + 1, last[1]) if last else (1, audit.GENESIS)
        entry = _entry(LaneEntry, writer, i, seq=seq, prev_hash=prev, lane=lane)
        entry.hash = audit.compute_hash(prev, entry)  # type: ignore[arg-type]
        entry.save(force_insert=True)


MODES: dict[str, Callable[[int, int, int], None]] = {
    "chained": write_chained,
    "plain": write_plain,
    "lanes": write_lanes,
}


def worker(mode: str, writer: int, n: int, lanes: int, start: mp.Barrier, done: mp.Queue) -> None:
    connections.close_all()  # a fresh connection per process
    fn = MODES[mode]
    fn(writer, -1, lanes)  # connect and warm up outside the timed window
    start.wait()
    began = time.perf_counter()
    for i in range(n):
        fn(writer, i, lanes)
    done.put((began, time.perf_counter()))


def run_once(mode: str, writers: int, n: int, lanes: int) -> float:
    """Entries per second for `writers` processes × `n` entries (wall time of the slowest)."""
    ctx = mp.get_context("fork")
    connections.close_all()
    start, done = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [
        ctx.Process(target=worker, args=(mode, w, n, lanes, start, done)) for w in range(writers)
    ]
    for p in procs:
        p.start()
    start.wait()
    spans = [done.get() for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode:
            sys.exit(f"{mode} writer failed with exit code {p.exitcode}")
    elapsed = max(end for _, end in spans) - min(began for began, _ in spans)
    return writers * n / elapsed


def setup() -> None:
    call_command("migrate", "core", verbosity=0)
    with connection.cursor() as cursor:
        for ddl in DDL:
            cursor.execute(ddl)


def lock_hold_ms(samples: int = 200) -> tuple[float, float]:
    """Single writer: median ms of one chained append + commit, and of the commit alone."""
    totals, commits = [], []
    for i in range(samples):
        began = time.perf_counter()
        block = transaction.atomic()
        block.__enter__()
        audit.record(actor=None, verb="bench.write", target="单写入者", changes={"i": i})
        before_commit = time.perf_counter()
        block.__exit__(None, None, None)  # COMMIT
        end = time.perf_counter()
        totals.append((end - began) * 1000)
        commits.append((end - before_commit) * 1000)
    return statistics.median(totals), statistics.median(commits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--entries", type=int, default=400, help="per writer per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lanes", type=int, default=8)
    parser.add_argument("--modes", default="chained,plain,lanes")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    modes = args.modes.split(",")
    setup()
    rates: dict[str, list[float]] = {m: [] for m in modes}
    for r in range(args.runs):
        for mode in random.Random(r).sample(modes, len(modes)):
            rates[mode].append(run_once(mode, args.writers, args.entries, args.lanes))
        print(f"run {r + 1}: " + ", ".join(f"{m} {rates[m][-1]:.0f}/s" for m in modes), flush=True)
    hold, commit = lock_hold_ms()
    problem, _, checked = audit.verify_chain()
    text = report(args, rates, hold, commit, problem is None, checked)
    print(text)
    if not args.no_write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


def report(args, rates, hold: float, commit: float, intact: bool, checked: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        sync = cursor.fetchone()[0]
        version = cursor.connection.info.server_version
    plain = statistics.median(rates["plain"]) if "plain" in rates else None
    lines = [
        f"**PostgreSQL {version // 10000}.{version % 100}**, synchronous_commit={sync};"
        f" {args.writers} writer processes × {args.entries} entries, one transaction per entry;"
        f" median of {args.runs} interleaved runs; {dt.date.today().isoformat()}",
        "",
        "| writers | mode | entries/s (median) | runs | ratio vs plain |",
        "|---:|---|---:|---|---:|",
    ]
    for mode, values in rates.items():
        median = statistics.median(values)
        ratio = f"{median / plain:.2f}" if plain else "—"
        runs = ", ".join(f"{v:.0f}" for v in values)
        label = f"lanes (L={args.lanes})" if mode == "lanes" else mode
        lines.append(f"| {args.writers} | {label} | {median:.0f} | {runs} | {ratio} |")
    lines += [
        "",
        f"Single writer, chained: one append + commit {hold:.2f} ms (median), of which COMMIT"
        f" {commit:.2f} ms — the advisory lock is held for all of it."
        f" Chain after the run: {'intact' if intact else 'BROKEN'} ({checked:,} entries).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
