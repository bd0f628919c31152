"""Search benchmark: the production engine (fazhi.search) over synthetic Chinese government documents.

    DJANGO_SETTINGS_MODULE=fazhi.settings.dev .venv/bin/python bench/search/bench_search.py \
        --docs 100000 --index /tmp/fazhi-bench-search-100k [--reuse] [--reps 20] [--rounds 3]

Builds an index (unless --reuse and it exists) with exactly the documents and query code the app
uses (`services.to_document`, `selectors.search`), then measures p50/p95 per query class
(1-, 2-, 3-, 4-character, long, multi-term; with and without an issuer filter) and recall/precision
against an exact substring scan of the generated texts. No database is touched: documents are fed
straight to the index writer, and visibility is the public audience (published documents).
Prints a markdown table; `--out FILE` appends it.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import pickle
import random
import statistics
import sys
import time
from dataclasses import dataclass

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from fazhi.search import engine, selectors, services  # noqa: E402
from fazhi.search.registry import SPECS, SearchDoc  # noqa: E402
from fazhi.search.text import normalise  # noqa: E402

SUBJECTS = [
    "市场监督管理",
    "生态环境",
    "交通运输",
    "住房和城乡建设",
    "农业农村",
    "卫生健康",
    "应急管理",
    "自然资源",
    "文化和旅游",
    "教育",
    "民政",
    "人力资源和社会保障",
    "城市管理",
    "水务",
    "商务",
]
OBJECTS = [
    "食品安全",
    "消防安全",
    "道路运输",
    "建筑施工",
    "安全生产",
    "医疗机构",
    "养老服务",
    "校外培训",
    "网络餐饮",
    "电动自行车",
    "户外广告",
    "城市道路占用挖掘",
    "房屋租赁",
    "危险化学品",
    "特种设备",
    "农药经营",
    "医疗器械",
    "渣土运输",
]
VERBS = ["加强", "规范", "推进", "落实", "完善", "健全", "优化", "严格", "强化", "深化"]
PHRASES = [
    "依照《中华人民共和国行政处罚法》的规定予以处罚",
    "本办法自公布之日起施行，有效期五年",
    "县级以上人民政府应当加强对{o}工作的领导",
    "{s}部门负责本行政区域内{o}的监督管理工作",
    "违反本办法规定的，由{s}部门责令限期改正",
    "行政机关及其工作人员在{o}管理中玩忽职守、滥用职权的，依法给予处分",
    "鼓励社会力量参与{o}工作，对作出显著成绩的单位和个人给予表彰",
    "{v}{o}监管机制，建立健全信用评价体系",
    "申请人应当提交下列材料：营业执照、法定代表人身份证明、场所使用证明",
    "行政许可、行政处罚、行政强制等执法行为应当依法公开",
    "本规定所称{o}，是指在本市行政区域内从事相关经营活动的行为",
    "各级{s}部门应当按照职责分工做好{o}相关工作",
    "对举报属实的，按照有关规定给予奖励，并为举报人保密",
    "第{n}条 本办法由{s}部门负责解释",
]
NUMS = "一二三四五六七八九十"


def cn_num(i: int) -> str:
    if i <= 10:
        return NUMS[i - 1]
    if i < 20:
        return "十" + NUMS[i - 11]
    return NUMS[i // 10 - 1] + "十" + (NUMS[i % 10 - 1] if i % 10 else "")


def make_doc(rng: random.Random, i: int) -> tuple[str, str, int, int]:
    """(title, body, issuer id, year) of about 2 KB."""
    _s, o, v = rng.choice(SUBJECTS), rng.choice(OBJECTS), rng.choice(VERBS)
    title = f"关于{v}{o}管理的若干规定（{i}）"
    parts = []
    n = 1
    while sum(len(p) for p in parts) < 680:  # ~680 chars ≈ 2 KB UTF-8
        phrase = rng.choice(PHRASES).format(
            s=rng.choice(SUBJECTS), o=rng.choice(OBJECTS), v=rng.choice(VERBS), n=cn_num(n)
        )
        parts.append(f"第{cn_num(n)}条 {phrase}。")
        n += 1
    return title, "".join(parts), rng.randrange(1, 201), rng.randrange(2010, 2027)


class FakeUnit:
    def __init__(self, pk: int) -> None:
        self.pk = pk
        self.path = f"{1:08d}{pk:08d}"


@dataclass
class Corpus:
    titles: list[str]
    norms: list[str]  # normalised title + body, for the exact scan
    issuers: list[int]


def build(n: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    spec = SPECS["normdocs.document"]
    titles, norms, issuers = [], [], []
    start = time.perf_counter()
    batch = 0
    with engine.writer() as w:
        w.delete_all_documents()
        for i in range(1, n + 1):
            title, body, issuer, year = make_doc(rng, i)
            doc = SearchDoc(
                title=title,
                body=body,
                unit=FakeUnit(issuer),
                status="live",
                public=True,
                tags=[f"issuer:{issuer}", f"year:{year}"],
            )
            w.add_document(services.to_document(spec, i, doc))
            titles.append(title)
            norms.append(normalise(title + " " + body))
            issuers.append(issuer)
            batch += 1
            if batch == 50_000:
                w.commit()
                batch = 0
                print(f"  {i} docs, {time.perf_counter() - start:.0f} s", file=sys.stderr)
        w.commit()
    took = time.perf_counter() - start
    print(f"built {n} docs in {took:.0f} s ({n / took:.0f} docs/s)", file=sys.stderr)
    return Corpus(titles, norms, issuers)


def queries(corpus: Corpus, rng: random.Random) -> dict[str, list[str]]:
    """Query classes drawn from the corpus itself (so every query has at least one hit)."""

    def sub(length: int) -> str:
        while True:
            text = rng.choice(corpus.norms)
            start = rng.randrange(0, max(1, len(text) - length))
            q = text[start : start + length]
            if len(q) == length:
                return q

    return {
        "1-char": [sub(1) for _ in range(20)],
        "2-char": [sub(2) for _ in range(20)],
        "3-char": [sub(3) for _ in range(20)],
        "4-char": [sub(4) for _ in range(20)],
        "4-char frequent": ["行政处罚", "监督管理", "人民政府", "依法给予", "有关规定"],
        "long (10–16)": [sub(rng.randint(10, 16)) for _ in range(20)],
        "multi-term": [f"{sub(2)} {sub(3)}" for _ in range(20)],
    }


def measure(qs: list[str], reps: int, issuer: int | None) -> list[float]:
    times = []
    tags = [f"issuer:{issuer}"] if issuer else None
    for _ in range(reps):
        for q in qs:
            t = time.perf_counter()
            selectors.search(q, public=True, tags=tags, limit=20)
            times.append((time.perf_counter() - t) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def recall(
    corpus: Corpus, classes: dict[str, list[str]], sample: int
) -> dict[str, tuple[float, float]]:
    """Recall and precision of the total hit count per class vs an exact scan (first `sample` queries)."""
    out = {}
    for name, qs in classes.items():
        exp_total = got_total = inter = 0
        for q in qs[:sample]:
            terms = [normalise(t) for t in q.split()]
            expected = sum(1 for text in corpus.norms if all(t in text for t in terms))
            got = selectors.search(q, public=True, limit=1).total
            exp_total += expected
            got_total += got
            inter += min(expected, got)
        out[name] = (
            inter / exp_total if exp_total else 1.0,
            inter / got_total if got_total else 1.0,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--index", default="/tmp/fazhi-bench-search")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--recall-sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out")
    args = parser.parse_args()
    settings.FAZHI_SEARCH_INDEX_DIR = pathlib.Path(args.index)
    cache = pathlib.Path(args.index) / "corpus.pickle"
    if args.reuse and cache.exists():
        corpus = pickle.loads(cache.read_bytes())  # noqa: S301 — our own cache file
    else:
        corpus = build(args.docs, args.seed)
        cache.write_bytes(pickle.dumps(corpus))
    size = sum(f.stat().st_size for f in engine.index_dir().rglob("*") if f.is_file())
    rng = random.Random(args.seed + 1)
    classes = queries(corpus, rng)
    measure(classes["2-char"], 1, None)  # warm up
    rows = []
    for name, qs in classes.items():
        for issuer in (None, 17):
            p50s, p95s = [], []
            for _ in range(args.rounds):
                t = measure(qs, args.reps, issuer)
                p50s.append(pct(t, 50))
                p95s.append(pct(t, 95))
            rows.append(
                (
                    name,
                    "issuer" if issuer else "—",
                    statistics.median(p50s),
                    statistics.median(p95s),
                )
            )
    rec = recall(corpus, classes, args.recall_sample)
    lines = [
        f"\n### Search, {len(corpus.norms):,} documents (~2 KB each), index {size / 2**30:.2f} GiB — "
        f"{time.strftime('%Y-%m-%d')}\n",
        f"{args.rounds} rounds × {args.reps} reps per query; medians of per-round p50/p95, ms; "
        "top 20 by BM25 with total count; public audience.\n",
        "| query class | filter | p50 | p95 | recall | precision |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, filt, p50, p95 in rows:
        r, p = rec[name]
        lines.append(f"| {name} | {filt} | {p50:.1f} | {p95:.1f} | {r:.1%} | {p:.1%} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
