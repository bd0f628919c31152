"""Background refresh of the rollups: a nightly full rebuild and a self-renewing minute chain.

The platform's scheduler (`fazhi.clocks.schedule`) runs daily jobs; the one registered here
rebuilds everything and (re)starts a chain of deferred tasks that refresh incrementally every
REFRESH_SECONDS. `RefreshState.chain_next_at` is the chain's lease: a task continues the chain
only if the lease still names its own slot, so duplicate kicks die out after one run.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from . import services

log = logging.getLogger(__name__)


def _schedule(at: dt.datetime) -> None:
    if not default_task_backend.supports_defer:  # inline backends (tests) cannot wait
        return
    refresh_chain.using(run_after=at).enqueue(slot=at.isoformat())


@task()
def refresh_chain(*, slot: str) -> str:
    """One link of the minute chain: refresh, then schedule the next link if still the holder."""
    result = services.rollup_refresh()
    following = services.chain_claim(now=timezone.now(), expected=dt.datetime.fromisoformat(slot))
    if following is not None:
        _schedule(following)
    return f"{result.mode} {result.buckets} buckets in {result.seconds:.2f}s"


def ensure_chain() -> bool:
    """Start the chain when none is alive; True if this call started it."""
    now = timezone.now()
    if not services.chain_is_stale(now=now):
        return False
    current = services.state().chain_next_at
    following = services.chain_claim(now=now, expected=current)
    if following is None:
        return False
    _schedule(following)
    return True


def daily_rebuild() -> str:
    """The nightly job: full rebuild, then make sure the minute chain runs."""
    result = services.rollup_refresh(full=True)
    ensure_chain()
    log.info("analytics rollups rebuilt: %s buckets", result.buckets)
    return f"full {result.buckets} buckets in {result.seconds:.2f}s"
