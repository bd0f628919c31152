"""Portal document page under 32 concurrent clients (gunicorn, loopback) vs a bare Django view.

    DATABASE_URL=sqlite:////tmp/fazhi_bench_portal.sqlite3 \
        .venv/bin/python bench/normdocs/bench_portal_page.py --prepare --rounds 3

`--prepare` migrates an empty bench database, loads the demo and builds its search index. The
server is gunicorn (2 workers × 4 threads, as `fazhi serve`) with `bench_settings` (DEBUG off, plus
the bare view at /__bench__/bare/). Each round runs `wrk -c 32 -t 2 -d 15s` against the document
page, then against the bare view; the report gives per-round req/s and latency, the medians, and
the ratio page/bare (goal ≥ 0.5). Results are appended to bench/results/normdocs.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results" / "normdocs.md"
SETTINGS = "bench.normdocs.bench_settings"


def env() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url:
        sys.exit("DATABASE_URL must name a dedicated bench database (its name contains 'bench')")
    index = os.environ.get("FAZHI_SEARCH_INDEX_DIR", "/tmp/fazhi_bench_portal_index")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(ROOT),
        "FAZHI_SEARCH_INDEX_DIR": index,
        "TASK_BACKEND": "immediate",
    }


def fazhi(*args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [str(BIN / "fazhi"), *args], env=env(), check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare() -> None:
    """Migrate, load the demo and index it, unless the database already has documents."""
    fazhi("migrate", "--noinput", "-v0")
    fazhi("demo", "load", "--if-empty")
    fazhi("search", "rebuild")


def page_path() -> str:
    """The richest public page: the latest version of the demo's 立→改→改 chain."""
    code = (
        "from fazhi.normdocs.selectors import published_documents as p;"
        "d=p().filter(title='东湖区城市道路占用挖掘管理办法').order_by('-published_on').first();"
        "print(d.pk if d else '')"
    )
    pk = fazhi("shell", "-c", code).strip().splitlines()[-1]
    if not pk.isdigit():
        sys.exit("no demo document found: run with --prepare on an empty bench database")
    return f"/normdocs/{pk}/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int) -> subprocess.Popen[bytes]:
    cmd = [str(BIN / "gunicorn"), "fazhi.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env(), cwd=ROOT)  # noqa: S603
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/__bench__/bare/", timeout=2)  # noqa: S310
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    sys.exit("gunicorn did not start")


def wrk(url: str, duration: int, connections: int, threads: int) -> dict[str, float]:
    args = ["wrk", f"-c{connections}", f"-t{threads}", f"-d{duration}s", "--latency", url]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    opts = parser.parse_args()
    if opts.prepare:
        prepare()
    path = page_path()
    port = free_port()
    proc = serve(port)
    base = f"http://127.0.0.1:{port}"
    rows: list[tuple[int, dict[str, float], dict[str, float]]] = []
    try:
        for url in (base + path, base + "/__bench__/bare/"):  # warm both workers' caches
            wrk(url, 3, opts.connections, opts.threads)
        for r in range(1, opts.rounds + 1):
            page = wrk(base + path, opts.duration, opts.connections, opts.threads)
            bare = wrk(base + "/__bench__/bare/", opts.duration, opts.connections, opts.threads)
            rows.append((r, page, bare))
            sys.stdout.write(f"round {r}: page {page['rps']:.0f} req/s, bare {bare['rps']:.0f}\n")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    report = render(rows, path, opts)
    sys.stdout.write(report)
    if not opts.no_write:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(report)


def render(rows: list[tuple[int, dict[str, float], dict[str, float]]], path: str, opts) -> str:  # type: ignore[no-untyped-def]
    med = {
        k: statistics.median(r[i][k] for r in rows) for i, k in ((1, "rps"), (1, "p50"), (1, "p99"))
    }
    bare = {k: statistics.median(r[2][k] for r in rows) for k in ("rps", "p50", "p99")}
    ratio = med["rps"] / bare["rps"] if bare["rps"] else 0.0
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    lines = [
        f"\n### Portal document page vs bare view — {stamp}\n",
        f"`wrk -c{opts.connections} -t{opts.threads} -d{opts.duration}s`, gunicorn 2 workers × 4 "
        f"threads on loopback, SQLite demo copy, page `{path}`; {opts.rounds} rounds, "
        f"load average at the end {load:.1f} on {os.cpu_count()} cores.\n",
        "| round | page req/s | page p50 / p99 ms | bare req/s | bare p50 / p99 ms | ratio |",
        "|---:|---:|---|---:|---|---:|",
    ]
    for r, page, b in rows:
        lines.append(
            f"| {r} | {page['rps']:.0f} | {page['p50']:.1f} / {page['p99']:.1f} | {b['rps']:.0f} "
            f"| {b['p50']:.1f} / {b['p99']:.1f} | {page['rps'] / b['rps']:.2f} |"
        )
    lines.append(
        f"| **median** | **{med['rps']:.0f}** | {med['p50']:.1f} / {med['p99']:.1f} | "
        f"**{bare['rps']:.0f}** | {bare['p50']:.1f} / {bare['p99']:.1f} | **{ratio:.2f}** |"
    )
    errors = sum(r[1]["non2xx"] + r[2]["non2xx"] for r in rows)
    lines.append(f"\nNon-2xx responses: {errors:.0f}. Goal page/bare ≥ 0.5.\n")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
