"""Analytics thresholds, read from settings (FAZHI_ANALYTICS = {...}) with documented defaults."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # incremental refresh interval: worst-case freshness = this + a scheduler tick (15 s) + the
    # refresh itself, inside the 1-minute goal
    "REFRESH_SECONDS": 30,
    # re-read changes this far behind the watermark: clock skew between application servers
    # (late commits are covered by holding the watermark at the oldest open transaction)
    "OVERLAP_SECONDS": 10,
    "HOLD_BACK_SECONDS": 3600,  # at most this far is the watermark held for open transactions
    "CACHE_SECONDS": 600,  # dashboard cache lifetime (entries are keyed by rollup generation)
    "FEW_CASES_PER_YEAR": 2,  # a unit with penalty powers and ≤ this many penalty cases is flagged
    "SINGLE_TYPE_MIN_CASES": 5,  # only units with at least this many decisions are checked
}


def get(name: str) -> Any:
    """One analytics setting."""
    return getattr(settings, "FAZHI_ANALYTICS", {}).get(name, DEFAULTS[name])
