"""Crafted district-A enforcement data for the rollup and flag tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.enforcement.models import Case, PowerItem
from fazhi.enforcement.tests.factories import case_kwargs, make_officer, make_power_item

S = Case.Status
_n = itertools.count(1)
NOW = timezone.make_aware(dt.datetime(2024, 12, 20, 10, 0))  # as_of = 2024-12-20


def make_case(unit: OrgUnit, item: PowerItem, **fields: Any) -> Case:
    """A case created directly (rollups read data, not services); clue_on defaults to 2024-03-05."""
    data = case_kwargs(unit, item, clue_on=fields.pop("clue_on", dt.date(2024, 3, 5)))
    data.update(fields)
    data.setdefault("number", f"测〔2024〕{next(_n)}号")
    return Case.objects.create(**data)


@pytest.fixture
def crafted(world) -> dict[str, Any]:
    """District A: a busy market bureau with every kind of problem, a clean unit, an idle unit."""
    from fazhi.core.testing import make_unit

    market = world.market_a
    clean = make_unit("东湖区交通运输局", parent=world.district_a, short_name="东交")
    idle = make_unit("东湖区体育局", parent=world.district_a, short_name="东体")
    m_item, c_item = make_power_item(market), make_power_item(clean)
    make_power_item(idle)  # holds a penalty power, never uses it
    make_officer(market)
    d = dt.date
    cases = [
        # decided in time, published in time, reviewed, fine in tier
        make_case(
            market,
            m_item,
            status=S.CLOSED,
            filed_on=d(2024, 3, 5),
            decision_due_on=d(2024, 6, 3),
            decided_on=d(2024, 4, 1),
            closed_on=d(2024, 5, 1),
            penalty_types="fine",
            amount=Decimal("3000.00"),
            amount_in_tier=True,
            publicity="published",
            publish_due_on=d(2024, 4, 10),
            published_on=d(2024, 4, 8),
            legal_review_required=True,
            legal_review_done=True,
        ),
        # decided late (after its due date), published late, amount out of tier, uncertified officer
        make_case(
            market,
            m_item,
            status=S.SERVED,
            filed_on=d(2024, 3, 6),
            decision_due_on=d(2024, 6, 4),
            decided_on=d(2024, 6, 20),
            penalty_types="fine,confiscation",
            amount=Decimal("60000.00"),
            amount_in_tier=False,
            publicity="published",
            publish_due_on=d(2024, 6, 29),
            published_on=d(2024, 7, 3),
            officers_certified=False,
            legal_review_required=True,
        ),
        # still investigating long after its due date; publicity not yet due
        make_case(
            market,
            m_item,
            status=S.INVESTIGATING,
            filed_on=d(2024, 3, 7),
            decision_due_on=d(2024, 6, 5),
        ),
        # a warning, pending publicity past its due date, registered in May
        make_case(
            market,
            m_item,
            clue_on=d(2024, 5, 9),
            status=S.DECIDED,
            filed_on=d(2024, 5, 9),
            decision_due_on=d(2024, 8, 7),
            decided_on=d(2024, 5, 20),
            penalty_types="warning",
            publicity="pending",
            publish_due_on=d(2024, 5, 29),
        ),
        # an inspection, closed
        make_case(
            market,
            make_power_item(market, category="inspection"),
            kind="inspection",
            status=S.CLOSED,
            filed_on=d(2024, 3, 5),
            closed_on=d(2024, 3, 20),
        ),
    ]
    # the clean unit: six decided warnings only → single penalty type, nothing else wrong
    for i in range(6):
        cases.append(
            make_case(
                clean,
                c_item,
                clue_on=d(2024, 2, 1 + i),
                status=S.CLOSED,
                filed_on=d(2024, 2, 1 + i),
                decision_due_on=d(2024, 5, 1),
                decided_on=d(2024, 2, 20),
                closed_on=d(2024, 3, 1),
                penalty_types="warning",
            )
        )
    return {"market": market, "clean": clean, "idle": idle, "cases": cases, "m_item": m_item}
