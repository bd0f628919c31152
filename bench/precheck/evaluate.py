"""Precision, recall and throughput of the legality pre-check rules on the labelled clause set.

    .venv/bin/python bench/precheck/evaluate.py                 # figures for dev / held-out / all
    .venv/bin/python bench/precheck/evaluate.py --errors        # misses and false alarms (dev only)
    .venv/bin/python bench/precheck/evaluate.py --write bench/results/precheck.md

Each line of `clauses.jsonl` is {"id", "label", "text"}; `label` is a rule code or "lawful". A
clause is flagged when any rule fires on any of its sentences. The held-out third is chosen by a
fixed hash of the clause text (sha256 mod 3 == 0); rules are tuned on the other two thirds only, and
`--errors` never prints held-out clauses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fazhi.precheck.rules import BY_CODE, CATEGORIES, RULES, ruleset_version, scan  # noqa: E402

DATA = Path(__file__).with_name("clauses.jsonl")
# Written after the rules were frozen at e045b1d2ec3d and evaluated once there (recall 0.51); its
# misses were then used to tune the rules, so it is a tuning set now.
FRESH = Path(__file__).with_name("fresh.jsonl")
# Written by a second person without seeing the rules, after they were frozen at FROZEN_AT; never
# used for tuning, its errors are never printed.
FRESH2 = Path(__file__).with_name("fresh2.jsonl")
FROZEN_AT = "6641184b1ff1"
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"


@dataclass
class Clause:
    id: str
    label: str
    text: str
    fired: set[str] = field(default_factory=set)

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha256(self.text.encode()).hexdigest(), 16) % 3 == 0

    @property
    def category(self) -> str | None:
        return BY_CODE[self.label].category if self.label != "lawful" else None

    @property
    def fired_categories(self) -> set[str]:
        return {BY_CODE[c].category for c in self.fired}


def load(path: Path = DATA) -> list[Clause]:
    clauses = [Clause(**json.loads(line)) for line in path.read_text("utf-8").splitlines() if line]
    unknown = {c.label for c in clauses} - set(BY_CODE) - {"lawful"}
    if unknown:
        raise SystemExit(f"unknown labels: {sorted(unknown)}")
    for clause in clauses:
        clause.fired = {hit.rule.code for hit in scan(clause.text)}
    return clauses


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def detection(clauses: list[Clause]) -> dict[str, object]:
    """Clause-level: is a violation flagged at all, is a lawful clause left alone."""
    tp = sum(1 for c in clauses if c.category and c.fired)
    fp = sum(1 for c in clauses if not c.category and c.fired)
    fn = sum(1 for c in clauses if c.category and not c.fired)
    exact = sum(1 for c in clauses if c.category and c.label in c.fired)
    cat = sum(1 for c in clauses if c.category and c.category in c.fired_categories)
    n_viol = sum(1 for c in clauses if c.category)
    return {
        "clauses": len(clauses),
        "violations": n_viol,
        "lawful": len(clauses) - n_viol,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, tp + fn),
        "right_category": ratio(cat, n_viol),
        "right_rule": ratio(exact, n_viol),
    }


def per_category(clauses: list[Clause]) -> list[tuple[str, int, int, int, str, str]]:
    """For each category: a clause counts as predicted in it when one of its rules fired."""
    rows = []
    for cat in CATEGORIES:
        tp = sum(1 for c in clauses if c.category == cat and cat in c.fired_categories)
        fp = sum(1 for c in clauses if c.category != cat and cat in c.fired_categories)
        fn = sum(1 for c in clauses if c.category == cat and cat not in c.fired_categories)
        rows.append((cat, tp + fn, tp, fp, ratio(tp, tp + fp), ratio(tp, tp + fn)))
    return rows


def throughput(clauses: list[Clause], runs: int = 5) -> tuple[float, list[float]]:
    texts = [c.text for c in clauses]
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            scan(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    return statistics.median(rates), rates


def report(clauses: list[Clause], fresh: list[Clause], fresh2: list[Clause]) -> str:
    blind = f"fresh2 (written blind, after freezing {FROZEN_AT})"
    splits = {
        "dev (tuned on)": [c for c in clauses if not c.held_out],
        "held-out": [c for c in clauses if c.held_out],
        "all": clauses,
        "fresh (tuned on since e045b1d2ec3d)": fresh,
    }
    if fresh2:
        splits[blind] = fresh2
    lines = [
        f"Rule set `{ruleset_version()}` ({len(RULES)} rules), {len(clauses)} clauses.",
        "",
        "| split | clauses | violations | lawful | TP | FP | FN | precision | recall "
        "| right category | right rule |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, subset in splits.items():
        d = detection(subset)
        lines.append(
            f"| {name} | {d['clauses']} | {d['violations']} | {d['lawful']} | {d['tp']} "
            f"| {d['fp']} | {d['fn']} | {d['precision']} | {d['recall']} "
            f"| {d['right_category']} | {d['right_rule']} |"
        )
    for name in ("held-out", "all", blind):
        if name not in splits:
            continue
        lines += [
            "",
            f"Per category ({name}):",
            "",
            "| category | violations | TP | FP | precision | recall |",
            "|---|---|---|---|---|---|",
        ]
        for row in per_category(splits[name]):
            lines.append("| " + " | ".join(str(x) for x in row) + " |")
    median, rates = throughput(clauses)
    lines += [
        "",
        f"Throughput: median {median:,.0f} clauses/s over 5 runs of all {len(clauses)} clauses "
        f"(runs: {', '.join(f'{r:,.0f}' for r in rates)}); one CPU, Python "
        f"{sys.version.split()[0]}.",
    ]
    return "\n".join(lines)


def errors(clauses: list[Clause]) -> str:
    out = []
    for c in clauses:
        if c.held_out:
            continue
        if c.category and not c.fired:
            out.append(f"MISS  {c.id} {c.label}: {c.text}")
        elif not c.category and c.fired:
            out.append(f"FALSE {c.id} {sorted(c.fired)}: {c.text}")
        elif c.category and c.category not in c.fired_categories:
            out.append(f"WRONG {c.id} {c.label} got {sorted(c.fired)}: {c.text}")
    counts = Counter(line.split()[0] for line in out)
    return "\n".join(out) + f"\n{dict(counts)}"


def write(path: Path, text: str) -> None:
    current = path.read_text("utf-8") if path.exists() else f"{BEGIN}\n{END}\n"
    head, _, rest = current.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list dev-split errors")
    parser.add_argument("--write", type=Path, help="replace the figures block in this file")
    args = parser.parse_args()
    clauses = load()
    if args.errors:
        print(errors(clauses + load(FRESH)))
        return
    text = report(clauses, load(FRESH), load(FRESH2) if FRESH2.exists() else [])
    print(text)
    if args.write:
        write(args.write, text)


if __name__ == "__main__":
    main()
