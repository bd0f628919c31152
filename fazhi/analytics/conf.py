"""Analytics thresholds, read from settings (FAZHI_ANALYTICS = {...}) with documented defaults."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "REFRESH_SECONDS": 60,  # incremental refresh interval (freshness goal ≤ 1 min)
    "OVERLAP_SECONDS": 300,  # re-read changes this far behind the watermark (late commits)
    "FEW_CASES_PER_YEAR": 2,  # a unit with penalty powers and ≤ this many penalty cases is flagged
    "SINGLE_TYPE_MIN_CASES": 5,  # only units with at least this many decisions are checked
}


def get(name: str) -> Any:
    """One analytics setting."""
    return getattr(settings, "FAZHI_ANALYTICS", {}).get(name, DEFAULTS[name])
