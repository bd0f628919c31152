"""Fixtures for the attachments tests: an isolated blob store and a case of district A."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fazhi.core.models import RoleGrant, User
from fazhi.core.testing import make_user
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_kwargs, make_power_item

R = RoleGrant.Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test gets its own MEDIA_ROOT, so files on disk are the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Scene:
    case: Case
    handler: User
    leader: User
    sibling: User


@pytest.fixture
def scene(world) -> Scene:
    unit = world.market_a
    item = make_power_item(unit)
    case = Case.objects.create(
        **case_kwargs(unit, item, title="无照经营案"),
        number="东市监罚〔2024〕7号",
        status=Case.Status.INVESTIGATING,
    )
    return Scene(
        case=case,
        handler=make_user(unit, R.OFFICER, R.CLERK),
        leader=make_user(unit, R.LEADER),
        sibling=make_user(world.market_b, R.OFFICER, R.CLERK, R.UNIT_HEAD),
    )
