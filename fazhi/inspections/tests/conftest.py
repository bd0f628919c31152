"""District A's market bureau with certified officers, an object pool and a clerk and head."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from fazhi.core.models import OrgUnit, RoleGrant, User
from fazhi.core.testing import make_user
from fazhi.enforcement.models import Officer
from fazhi.enforcement.tests.factories import make_officer
from fazhi.inspections.models import InspectionObject

from .factories import make_objects

R = RoleGrant.Role
COMMIT_ON = dt.date(2024, 6, 3)
DRAW_ON = dt.date(2024, 6, 7)  # domain.md E7: result formed 2024-06-07 → 20 WD → 2024-07-08


@dataclass
class Bureau:
    unit: OrgUnit
    clerk: User
    head: User
    officer_user: User
    officers: list[Officer]
    objects: list[InspectionObject]


@pytest.fixture
def bureau(world) -> Bureau:
    unit = world.market_a
    officer_user = make_user(unit, R.OFFICER)
    officers = [make_officer(unit, user=officer_user)] + [make_officer(unit) for _ in range(4)]
    return Bureau(
        unit=unit,
        clerk=make_user(unit, R.CLERK),
        head=make_user(unit, R.UNIT_HEAD),
        officer_user=officer_user,
        officers=officers,
        objects=make_objects(unit, "AAAABBBBCCCDD"),
    )


@pytest.fixture
def district_supervisor(world) -> User:
    """A supervisor over the whole of district A (reads everything there, changes nothing)."""
    return make_user(world.district_a, R.SUPERVISOR, subtree=True)
