"""Analytics services: refresh the rollups and flags (the only writers of analytics tables)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.analytics import conf
from fazhi.analytics.models import RefreshState
from fazhi.core import audit
from fazhi.core.models import User

from . import registers, rollups


@dataclass(frozen=True)
class RefreshResult:
    """What one refresh did."""

    mode: str  # full | incremental | idle | busy (another refresh holds the lock)
    buckets: int
    flags_raised: int
    flags_cleared: int
    seconds: float
    version: str = ""


def state() -> RefreshState:
    """The refresh state row (created on first use)."""
    row, _ = RefreshState.objects.get_or_create(pk=1)
    return row


def _lock(*, wait: bool) -> RefreshState | None:
    """The state row, locked for this transaction; None when another refresh holds it."""
    state()
    return RefreshState.objects.select_for_update(skip_locked=not wait).filter(pk=1).first()


@transaction.atomic
def rollup_refresh(
    *,
    actor: User | None = None,
    full: bool = False,
    now: dt.datetime | None = None,
    wait: bool = True,
) -> RefreshResult:
    """Bring the rollups up to date: incremental when possible, full on a new day or on request.

    One refresher at a time (the state row is locked); with `wait=False` a run that finds another
    one in progress returns at once with mode "busy" (the periodic job: the next tick catches up).
    """
    started = time.perf_counter()
    now = now or timezone.now()
    today = timezone.localdate(now)
    row = _lock(wait=wait)
    if row is None:
        return RefreshResult("busy", 0, 0, 0, 0.0)
    # both before reading any case: the next watermark, and the stale-bucket log (a change
    # committed after these reads is read again next time, or stays logged)
    watermark = rollups.next_watermark()
    stale_ids, stale = rollups.stale_buckets()
    if full or row.watermark is None or row.as_of != today:
        buckets, mode = rollups.rebuild_all(today), "full"
        row.last_full_at = now
    else:
        since = row.watermark - dt.timedelta(seconds=conf.get("OVERLAP_SECONDS"))
        buckets = rollups.recompute(rollups.changed_buckets(since) | stale, today)
        mode = "incremental" if buckets else "idle"
    rollups.forget_stale(stale_ids)
    registers_changed = registers.rebuild_registers(today)
    raised, cleared, updated = registers.refresh_flags(today)
    row.watermark = watermark
    changed_anything = mode != "idle" or registers_changed or raised or cleared or updated
    if changed_anything or not row.version:
        row.version = uuid.uuid4().hex
    row.as_of, row.last_run_at, row.last_mode, row.last_buckets = today, now, mode, buckets
    seconds = time.perf_counter() - started
    row.last_duration_ms = int(seconds * 1000)
    row.save()
    if mode != "idle" or raised or cleared:
        audit.record(
            actor=actor,
            verb="analytics.rollup_refresh",
            target=row,
            changes={
                "mode": [None, mode],
                "buckets": [None, buckets],
                "flags": [None, [raised, cleared]],
            },
        )
    return RefreshResult(mode, buckets, raised, cleared, seconds, row.version)
