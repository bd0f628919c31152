"""People and registers of district A's market bureau for the case-flow tests."""

from dataclasses import dataclass

import pytest

from fazhi.core.models import RoleGrant, User
from fazhi.core.testing import make_user
from fazhi.enforcement.models import Officer, PowerItem

from .factories import make_benchmark, make_officer, make_power_item

R = RoleGrant.Role


@dataclass
class Team:
    handler: User
    head: User
    reviewer: User
    officers: list[Officer]
    item: PowerItem


@pytest.fixture
def team(world) -> Team:
    unit = world.market_a
    handler = make_user(unit, R.OFFICER, R.CLERK)
    head = make_user(unit, R.UNIT_HEAD)
    reviewer = make_user(unit, R.LEGAL_REVIEWER)
    make_officer(unit, user=reviewer, legal=True)
    officers = [make_officer(unit, user=handler), make_officer(unit)]
    item = make_power_item(unit)
    make_benchmark(item)
    return Team(handler, head, reviewer, officers, item)
