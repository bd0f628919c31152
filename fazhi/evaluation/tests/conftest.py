"""A district-A evaluation setting: closed cases in two units, a rubric, an organiser, reviewers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from fazhi.core.models import OrgUnit, RoleGrant, User
from fazhi.core.testing import make_unit, make_user
from fazhi.enforcement.models import Case, PowerItem
from fazhi.enforcement.tests.factories import case_kwargs, make_power_item
from fazhi.evaluation import services
from fazhi.evaluation.models import Campaign, Rubric

R = RoleGrant.Role
ITEMS = [
    {"category": "主体合法", "title": "执法主体适格、人员持证", "points": "20"},
    {"category": "事实证据", "title": "事实清楚、证据充分", "points": "40"},
    {"category": "程序规范", "title": "程序合法", "points": "40"},
    {"category": "否决事项", "title": "执法人员未持证执法", "veto": True},
]


def closed_case(unit: OrgUnit, item: PowerItem, closed_on: dt.date, **extra: object) -> Case:
    data = case_kwargs(unit, item, **extra)
    return Case.objects.create(
        **data,
        number=f"测罚〔2024〕{Case.objects.count() + 1}号",
        status=Case.Status.CLOSED,
        filed_on=data["clue_on"],
        closed_on=closed_on,
        amount=Decimal(1000),
    )


@dataclass
class Setting:
    organiser: User
    reviewer_a: User  # justice bureau of district A (not the market bureau)
    market_reviewer: User  # legal reviewer inside the market bureau (same unit as its cases)
    market_clerk: User
    transport: OrgUnit
    rubric: Rubric
    market_cases: list[Case]
    transport_cases: list[Case]


@pytest.fixture
def setting(world) -> Setting:
    transport = make_unit("东湖区交通运输局", parent=world.district_a, short_name="东交")
    organiser = make_user(world.justice_a, R.SUPERVISOR, subtree=False)
    # the organiser's scope must reach the evaluated units: grant over the whole district
    organiser.grants.all().delete()
    organiser = make_user(world.district_a, R.SUPERVISOR, subtree=True)
    organiser.org_unit = world.justice_a
    organiser.save(update_fields=["org_unit"])
    reviewer_a = make_user(world.justice_a, R.LEGAL_REVIEWER)
    market_reviewer = make_user(world.market_a, R.LEGAL_REVIEWER)
    market_clerk = make_user(world.market_a, R.CLERK)
    m_item, t_item = make_power_item(world.market_a), make_power_item(transport)
    june = dt.date(2024, 6, 15)
    market = [closed_case(world.market_a, m_item, june + dt.timedelta(days=i)) for i in range(10)]
    trans = [closed_case(transport, t_item, june + dt.timedelta(days=i)) for i in range(4)]
    closed_case(world.market_a, m_item, dt.date(2023, 1, 5), clue_on=dt.date(2022, 12, 1))
    rubric = services.rubric_create(
        actor=organiser,
        unit=world.justice_a,
        family="PJ-T",
        name="行政处罚案卷评查标准",
        excellent_min="90",
        pass_min="70",
        items=ITEMS,
    )
    return Setting(
        organiser, reviewer_a, market_reviewer, market_clerk, transport, rubric, market, trans
    )


def make_campaign(s: Setting, world, *, mode: str = "count", value: int = 3) -> Campaign:
    return services.campaign_create(
        actor=s.organiser,
        unit=world.justice_a,
        title="2024年度行政处罚案卷评查",
        rubric=s.rubric,
        period_from=dt.date(2024, 1, 1),
        period_to=dt.date(2024, 12, 31),
        sample_mode=mode,
        sample_value=value,
        units=[world.market_a, s.transport],
    )


def full_marks(rubric: Rubric, **changes: dict) -> dict[int, dict]:
    scores = {}
    for item in rubric.items.all():
        scores[item.pk] = (
            {"veto": False, "note": ""} if item.veto else {"points": str(item.points), "note": ""}
        )
    for position, change in changes.items():
        item = rubric.items.get(position=int(position.removeprefix("p")))
        scores[item.pk].update(change)
    return scores
