"""Drive a case through the services (shared by the flow tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fazhi.enforcement import services
from fazhi.enforcement.models import Case

from .factories import case_kwargs

S = Case.Status


def new_case(team: Any, world: Any, *, clue_on: dt.date, **extra: Any) -> Case:
    data = case_kwargs(world.market_a, team.item, clue_on=clue_on, **extra)
    data.pop("org_unit")
    return services.case_create(
        actor=team.handler, unit=world.market_a, power_item=data.pop("power_item"), **data
    )


def filed_case(
    team: Any, world: Any, *, filed_on: dt.date, officers: int = 2, **extra: Any
) -> Case:
    case = new_case(
        team, world, clue_on=filed_on, violation_on=filed_on - dt.timedelta(days=30), **extra
    )
    case = services.case_file(case=case, actor=team.head, filed_on=filed_on)
    for officer in team.officers[:officers]:
        services.case_assign_officer(case=case, officer=officer, actor=team.handler, on=filed_on)
    return case


def to_notice(
    team: Any,
    world: Any,
    *,
    filed_on: dt.date,
    notice_on: dt.date,
    amount: Decimal = Decimal(3000),
    **extra: Any,
) -> Case:
    case = filed_case(team, world, filed_on=filed_on, **extra)
    for target in (S.INVESTIGATING, S.INVESTIGATION_CLOSED):
        case = services.case_advance(case=case, actor=team.handler, target=target, on=filed_on)
    return services.case_advance(
        case=case,
        actor=team.handler,
        target=S.NOTICE,
        on=notice_on,
        penalty_types=["fine"],
        amount=amount,
    )


def decide(
    team: Any,
    case: Case,
    *,
    on: dt.date,
    amount: Decimal = Decimal(3000),
    tier: Any = None,
    reason: str = "",
) -> Case:
    from fazhi.enforcement.models import BenchmarkTier

    tier = tier or BenchmarkTier.objects.get(benchmark__power_item=case.power_item, tier="lighter")
    return services.case_decide(
        case=case,
        actor=team.head,
        decided_on=on,
        decision_number="东市监罚决〔2024〕1号",
        penalty_types=["fine"],
        amount=amount,
        benchmark_tier=tier,
        deviation_reason=reason,
        summary="对张三（电话13812345678）罚款。",
    )
