"""The verifiable random draw (双随机), specified in docs/random-draw.md. Pure Python, no Django.

Anyone can reimplement this from the document; `replay()` is what the CLI and the tests call.
Inputs and results are plain JSON-compatible dicts so the published file is the whole story.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

FORMAT = "fazhi-random-draw/1"
GRADES = ("A", "B", "C", "D")
_U32 = 2**32


class DrawError(ValueError):
    """The inputs cannot produce a draw (bad JSON, too few eligible inspectors, …)."""


def new_nonce() -> str:
    """A fresh secret: 32 random bytes, hex-encoded (64 lowercase hex digits)."""
    return secrets.token_hex(32)


def _nonce_bytes(nonce_hex: str) -> bytes:
    try:
        raw = bytes.fromhex(nonce_hex)
    except (ValueError, TypeError):
        raise DrawError("nonce 应为 64 位十六进制数") from None
    if len(raw) != 32:
        raise DrawError("nonce 应为 32 字节（64 位十六进制数）")
    return raw


def commitment_of(nonce_hex: str) -> str:
    """The published commitment: SHA-256 of the 32 raw nonce bytes, hex-encoded."""
    return hashlib.sha256(_nonce_bytes(nonce_hex)).hexdigest()


def canonical_json(value: Any) -> bytes:
    """Canonical serialisation: sorted keys, no spaces, UTF-8 (non-ASCII kept as is)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(value: Any) -> str:
    """SHA-256 (hex) of the canonical serialisation."""
    return hashlib.sha256(canonical_json(value)).hexdigest()


class Stream:
    """Uniform integers from HMAC-SHA256(nonce, "<label>:<counter>") blocks, 8 × uint32 each."""

    def __init__(self, key: bytes, label: str) -> None:
        self._key = key
        self._label = label
        self._words = self._generate()

    def _generate(self) -> Iterator[int]:
        counter = 0
        while True:
            message = f"{self._label}:{counter}".encode()
            block = hmac.new(self._key, message, hashlib.sha256).digest()
            for i in range(0, 32, 4):
                yield int.from_bytes(block[i : i + 4], "big")
            counter += 1

    def below(self, n: int) -> int:
        """A uniform integer in [0, n): rejection sampling, so there is no modulo bias."""
        if not 1 <= n <= _U32:
            raise DrawError("区间超出范围")
        limit = _U32 - (_U32 % n)
        for word in self._words:
            if word < limit:
                return word % n
        raise AssertionError("unreachable")  # pragma: no cover


def shuffle(items: list[Any], stream: Stream) -> list[Any]:
    """Fisher–Yates (Durstenfeld): i from len−1 down to 1, j = below(i+1), swap a[i] and a[j]."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = stream.below(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def sample_size(pool: int, ratio_bp: int) -> int:
    """ceil(pool × ratio_bp / 10000), never more than the pool (ratio in basis points, 万分比)."""
    return min(pool, (pool * ratio_bp + 9999) // 10000)


@dataclass(frozen=True)
class Inputs:
    """Validated draw inputs (see `parse_inputs`)."""

    objects: list[dict[str, Any]]
    inspectors: list[int]
    ratios_bp: dict[str, int]
    per_object: int
    recusals: set[tuple[int, int]]


def _int_list(value: Any, what: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise DrawError(f"{what} 应为整数列表")
    return value


def parse_inputs(raw: Any) -> Inputs:
    """Check the shape of the published `inputs` object; raise DrawError with a Chinese reason."""
    if not isinstance(raw, dict):
        raise DrawError("inputs 应为 JSON 对象")
    objects = raw.get("objects")
    if not isinstance(objects, list):
        raise DrawError("inputs.objects 应为列表")
    for obj in objects:
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), int):
            raise DrawError("inputs.objects 的每一项须有整数 id")
        if obj.get("grade") not in GRADES:
            raise DrawError(f"检查对象 {obj.get('id')} 的风险等级无效")
    ids = [obj["id"] for obj in objects]
    inspectors = _int_list(raw.get("inspectors"), "inputs.inspectors")
    if ids != sorted(set(ids)) or inspectors != sorted(set(inspectors)):
        raise DrawError("检查对象和检查人员编号须升序且不重复")
    ratios = raw.get("ratios_bp")
    if not isinstance(ratios, dict) or set(ratios) != set(GRADES):
        raise DrawError("inputs.ratios_bp 须给出 A、B、C、D 四个等级的比例")
    if not all(isinstance(v, int) and 0 <= v <= 10000 for v in ratios.values()):
        raise DrawError("抽查比例应为 0—10000 的整数（万分比）")
    per_object = raw.get("inspectors_per_object")
    if not isinstance(per_object, int) or per_object < 2:
        raise DrawError("每个对象的检查人员不得少于 2 人")
    recusals = raw.get("recusals")
    if not isinstance(recusals, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p) for p in recusals
    ):
        raise DrawError("inputs.recusals 应为 [对象编号, 人员编号] 列表")
    return Inputs(
        objects=objects,
        inspectors=inspectors,
        ratios_bp=ratios,
        per_object=per_object,
        recusals={(o, i) for o, i in recusals},
    )


def draw_objects(inputs: Inputs, key: bytes) -> list[dict[str, Any]]:
    """Stage 1: per grade A→D, shuffle that grade's pool (by id) and take the first k."""
    chosen: list[dict[str, Any]] = []
    for grade in GRADES:
        pool = [obj["id"] for obj in inputs.objects if obj["grade"] == grade]
        k = sample_size(len(pool), inputs.ratios_bp[grade])
        shuffled = shuffle(pool, Stream(key, f"objects:{grade}"))
        chosen += [{"object": oid, "grade": grade} for oid in shuffled[:k]]
    return chosen


def assign_inspectors(
    inputs: Inputs, key: bytes, chosen: list[dict[str, Any]], excluded: set[int]
) -> list[dict[str, Any]]:
    """Stage 2: per drawn object, least-loaded eligible inspectors first, ties broken at random."""
    load = {i: 0 for i in inputs.inspectors if i not in excluded}
    result = []
    for row in chosen:
        oid = row["object"]
        eligible = [i for i in load if (oid, i) not in inputs.recusals]
        if len(eligible) < inputs.per_object:
            raise DrawError(
                f"检查对象 {oid} 可选检查人员仅 {len(eligible)} 人（需回避或无有效执法证者已排除），"
                f"少于每个对象 {inputs.per_object} 人"
            )
        shuffled = shuffle(eligible, Stream(key, f"inspectors:{oid}"))
        team = sorted(shuffled, key=lambda i: load[i])[: inputs.per_object]  # stable sort
        for i in team:
            load[i] += 1
        result.append({**row, "inspectors": sorted(team)})
    return result


def run(inputs: Inputs, nonce_hex: str, excluded: set[int] | frozenset[int] = frozenset()) -> list:
    """The whole draw: drawn objects in draw order, each with its sorted inspector ids."""
    key = _nonce_bytes(nonce_hex)
    unknown = set(excluded) - set(inputs.inspectors)
    if unknown:
        raise DrawError("排除的检查人员不在检查人员名录中")
    return assign_inspectors(inputs, key, draw_objects(inputs, key), set(excluded))


@dataclass(frozen=True)
class Verdict:
    """What a replay of a published file found."""

    result: list[dict[str, Any]]
    commitment_ok: bool
    inputs_ok: bool
    result_ok: bool

    @property
    def ok(self) -> bool:
        return self.commitment_ok and self.inputs_ok and self.result_ok


def replay(document: Any) -> Verdict:
    """Replay a published draw file: commitment, inputs digest and result must all agree."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DrawError(f"不是 {FORMAT} 格式的抽取文件")
    draw = document.get("draw")
    if not isinstance(draw, dict) or not isinstance(draw.get("nonce"), str):
        raise DrawError("文件中没有已揭示的 nonce（结果公开后才能复核）")
    inputs = parse_inputs(document.get("inputs"))
    excluded = set(_int_list(draw.get("excluded_inspectors", []), "draw.excluded_inspectors"))
    result = run(inputs, draw["nonce"], excluded)
    return Verdict(
        result=result,
        commitment_ok=commitment_of(draw["nonce"]) == document.get("commitment"),
        inputs_ok=digest(document["inputs"]) == document.get("inputs_sha256"),
        result_ok=result == draw.get("result"),
    )
