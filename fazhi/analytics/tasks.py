"""Background refresh of the rollups, run by the platform's periodic scheduler.

`apps.py` registers `refresh_rollups` with `fazhi.clocks.schedule.every` (every REFRESH_SECONDS).
The first run of a day is a full rebuild (date-dependent measures move), the others are
incremental. Several workers may start it at once: the refresh locks its state row and a run that
finds it locked returns at once ("busy") instead of queueing behind it.
"""

from __future__ import annotations

import logging

from . import services

log = logging.getLogger(__name__)


def refresh_rollups() -> str:
    """The periodic job: refresh whatever changed since the last run."""
    result = services.rollup_refresh(wait=False)
    if result.mode in ("full", "incremental"):
        log.info("analytics rollups: %s, %s buckets", result.mode, result.buckets)
    return f"{result.mode} {result.buckets} buckets in {result.seconds:.2f}s"
