"""Demo step: build the supervision rollups and flags over the demo's enforcement data."""

from __future__ import annotations

from fazhi.analytics import services
from fazhi.core.demo import DemoContext, demo_step


@demo_step("analytics.rollups", order=900)
def rollups(ctx: DemoContext) -> None:
    """Runs after every app's records, so the dashboards open with data and flags."""
    result = services.rollup_refresh(actor=ctx.actor, full=True)
    ctx.count("统计汇总单元", result.buckets)
    ctx.count("异常线索", result.flags_raised)
