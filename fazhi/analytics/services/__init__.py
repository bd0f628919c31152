"""Analytics services: refresh the rollups and flags (the only writers of analytics tables)."""

from __future__ import annotations

import datetime as dt
import time
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

    mode: str  # full | incremental | idle
    buckets: int
    flags_raised: int
    flags_cleared: int
    seconds: float


def state() -> RefreshState:
    """The refresh state row (created on first use)."""
    row, _ = RefreshState.objects.get_or_create(pk=1)
    return row


@transaction.atomic
def rollup_refresh(
    *, actor: User | None = None, full: bool = False, now: dt.datetime | None = None
) -> RefreshResult:
    """Bring the rollups up to date: incremental when possible, full on a new day or on request."""
    started = time.perf_counter()
    now = now or timezone.now()
    today = timezone.localdate(now)
    RefreshState.objects.get_or_create(pk=1)
    row = RefreshState.objects.select_for_update().get(pk=1)  # one refresher at a time
    if full or row.watermark is None or row.as_of != today:
        newest = rollups.newest_update()
        buckets, mode = rollups.rebuild_all(today), "full"
        row.last_full_at = now
    else:
        since = row.watermark - dt.timedelta(seconds=conf.get("OVERLAP_SECONDS"))
        changed, newest = rollups.changed_buckets(since)
        buckets = rollups.recompute(changed, today)
        mode = "incremental" if changed else "idle"
    registers.rebuild_registers(today)
    raised, cleared = registers.refresh_flags(today)
    row.watermark = max(filter(None, [row.watermark, newest]), default=None) or now
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
    return RefreshResult(mode, buckets, raised, cleared, seconds)


def chain_claim(*, now: dt.datetime, expected: dt.datetime | None) -> dt.datetime | None:
    """Take the minute chain: move `chain_next_at` from `expected` to now + interval.

    Returns the next run time, or None when another chain already holds it (conditional update:
    however many workers or kicks race, one chain survives).
    """
    state()
    following = now + dt.timedelta(seconds=conf.get("REFRESH_SECONDS"))
    updated = RefreshState.objects.filter(pk=1, chain_next_at=expected).update(
        chain_next_at=following
    )
    return following if updated else None


def chain_is_stale(*, now: dt.datetime) -> bool:
    """Whether no chain has been scheduled recently (none yet, or its worker died)."""
    row = state()
    grace = dt.timedelta(seconds=3 * conf.get("REFRESH_SECONDS"))
    return row.chain_next_at is None or row.chain_next_at < now - grace
