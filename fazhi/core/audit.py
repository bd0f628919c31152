"""Append entries to the hash-chained audit trail, and verify the chain.

Every service calls `record()` inside its own transaction, so the entry commits or rolls back
with the change it describes. The trail is FAZHI_AUDIT_LANES independent hash chains; an entry's
lane is its unit id modulo the lane count. Appends to one lane are serialised by a lock (a
PostgreSQL advisory lock per lane, or SQLite's single writer), so each lane's `seq` is contiguous
and each entry hashes its predecessor. One global chain would hold one lock through every commit
(measured: 0.25–0.36 of plain insert throughput with 8 writers); lanes let different units commit
in parallel. Each day's lane heads are combined into one published digest (`AuditCheckpoint`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditCheckpoint, AuditEntry, User
from .request_context import current_ip

GENESIS = "0" * 64
_ADVISORY_LOCK_CLASS = 7_310  # first key of pg_advisory_xact_lock(int, int); the lane is the second


def lane_count() -> int:
    """How many independent chains new entries are spread over."""
    return max(1, int(getattr(settings, "FAZHI_AUDIT_LANES", 32)))


def lane_for(unit_id: int | None) -> int:
    """The lane of an entry: its unit modulo the lane count (entries without a unit use lane 0)."""
    return (unit_id or 0) % lane_count()


def normalise(value: Any) -> Any:
    """Make a value JSON-native exactly as it will be stored (dates, decimals, etc. become strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical(entry: AuditEntry) -> bytes:
    """The canonical serialisation that the hash covers."""
    payload = {
        "lane": entry.lane,
        "seq": entry.seq,
        "at": entry.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": entry.actor_id,
        "actor_repr": entry.actor_repr,
        "unit_id": entry.unit_id,
        "verb": entry.verb,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_repr": entry.target_repr,
        "changes": entry.changes,
        "ip": entry.ip,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(prev_hash: str, entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and the canonical entry."""
    return hashlib.sha256(prev_hash.encode() + canonical(entry)).hexdigest()


def _lock_lane(lane: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_ADVISORY_LOCK_CLASS, lane])
    # SQLite: transactions are BEGIN IMMEDIATE (settings), so the writer already holds the lock.


def target_label(target: models.Model | str) -> tuple[str, str, str]:
    """(type, id, repr) for a model instance, or a free label for non-model targets."""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk), str(target)[:200]
    return "system", "", str(target)[:200]


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [before, after] for the fields whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def snapshot(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """Current values of `fields` on `obj` (foreign keys by id)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        values[name] = getattr(obj, getattr(field, "attname", name))
    return normalise(values)


def record(
    *,
    actor: User | None,
    verb: str,
    target: models.Model | str,
    changes: dict[str, Any] | None = None,
    unit_id: int | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction. `actor=None` means the system (a scheduled job)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "audit.record() must run inside the transaction of the change it records"
        )
    target_type, target_id, target_repr = target_label(target)
    if unit_id is None:
        unit_id = getattr(target, "org_unit_id", None) or (actor.org_unit_id if actor else None)
    lane = lane_for(unit_id)
    _lock_lane(lane)
    last = AuditEntry.objects.filter(lane=lane).order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = AuditEntry(
        lane=lane,
        seq=seq,
        at=timezone.now(),
        actor=actor,
        actor_repr=(str(actor) if actor else "系统")[:100],
        unit_id=unit_id,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        changes=normalise(changes or {}),
        ip=(ip if ip is not None else current_ip()) or "",
        prev_hash=prev_hash,
    )
    entry.hash = compute_hash(prev_hash, entry)
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the stored chain disagrees with a recomputation."""

    lane: int
    seq: int
    kind: str  # altered | inserted | deleted
    message: str


def iter_lane(lane: int, batch: int = 5000) -> Iterator[AuditEntry]:
    """One lane's entries in chain order, fetched in batches."""
    after = 0
    while True:
        rows = list(AuditEntry.objects.filter(lane=lane, seq__gt=after).order_by("seq")[:batch])
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def _verify_lane(lane: int) -> tuple[ChainProblem | None, tuple[int, str], int]:
    prev_hash, expected, count = GENESIS, 1, 0
    where = f"第 {lane} 号链"
    for entry in iter_lane(lane):
        count += 1
        if entry.seq > expected:
            message = f"{where}第 {expected} 条审计记录缺失（已被删除）"
            return (
                ChainProblem(lane, expected, "deleted", message),
                (expected - 1, prev_hash),
                count,
            )
        if compute_hash(entry.prev_hash, entry) != entry.hash:
            message = f"{where}第 {entry.seq} 条审计记录（编号 {entry.pk}）内容被篡改（哈希不符）"
            return (
                ChainProblem(lane, entry.seq, "altered", message),
                (expected - 1, prev_hash),
                count,
            )
        if entry.prev_hash != prev_hash:
            message = (
                f"{where}第 {entry.seq} 条审计记录（编号 {entry.pk}）与前一条不相连（被插入或替换）"
            )
            return (
                ChainProblem(lane, entry.seq, "inserted", message),
                (expected - 1, prev_hash),
                count,
            )
        prev_hash, expected = entry.hash, expected + 1
    return None, (expected - 1, prev_hash), count


def combine(heads: dict[int, tuple[int, str]]) -> str:
    """One digest over every lane head: SHA-256 of "lane:seq:hash" lines in lane order."""
    lines = "".join(f"{lane}:{seq}:{h}\n" for lane, (seq, h) in sorted(heads.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def verify_chain() -> tuple[ChainProblem | None, str, int]:
    """Re-walk every lane. Returns (first problem or None, combined head digest, entries checked)."""
    heads: dict[int, tuple[int, str]] = {}
    total = 0
    for lane in sorted(set(AuditEntry.objects.values_list("lane", flat=True).distinct())):
        problem, head, count = _verify_lane(lane)
        total += count
        if problem is not None:
            return problem, head[1], total
        heads[lane] = head
    return None, combine(heads), total


def heads_as_of(end: dt.datetime | None = None) -> dict[int, tuple[int, str]]:
    """(seq, hash) of the last entry of each lane written before `end` (None: now)."""
    heads: dict[int, tuple[int, str]] = {}
    for lane in set(AuditEntry.objects.values_list("lane", flat=True).distinct()):
        qs = AuditEntry.objects.filter(lane=lane)
        if end is not None:
            qs = qs.filter(at__lt=end)
        row = qs.order_by("-seq").values_list("seq", "hash").first()
        if row:
            heads[lane] = (row[0], row[1])
    return heads


def _day_end(day: dt.date) -> dt.datetime:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def checkpoint_day(day: dt.date) -> AuditCheckpoint | None:
    """Store the combined head digest at the end of a completed day (idempotent; None for today)."""
    if day >= timezone.localdate():
        return None
    existing = AuditCheckpoint.objects.filter(day=day).first()
    if existing is not None:
        return existing
    heads = heads_as_of(_day_end(day))
    if not heads:
        return None
    with transaction.atomic():
        return AuditCheckpoint.objects.create(
            day=day,
            digest=combine(heads),
            heads={str(lane): [seq, h] for lane, (seq, h) in sorted(heads.items())},
            entries=sum(seq for seq, _ in heads.values()),
        )


def checkpoint_recent(days: int = 7) -> int:
    """Write the missing checkpoints of the last `days` completed days (the daily job)."""
    today = timezone.localdate()
    made = 0
    for offset in range(days, 0, -1):
        day = today - dt.timedelta(days=offset)
        if not AuditCheckpoint.objects.filter(day=day).exists() and checkpoint_day(day):
            made += 1
    return made


def daily_heads(days: int = 30) -> list[dict[str, Any]]:
    """Published digests: stored checkpoints of completed days, newest first, plus today's live one."""
    live = heads_as_of()
    rows: list[dict[str, Any]] = []
    if live:
        rows.append(
            {
                "day": timezone.localdate(),
                "digest": combine(live),
                "entries": sum(seq for seq, _ in live.values()),
                "complete": False,
            }
        )
    for cp in AuditCheckpoint.objects.order_by("-day")[:days]:
        rows.append({"day": cp.day, "digest": cp.digest, "entries": cp.entries, "complete": True})
    return rows
