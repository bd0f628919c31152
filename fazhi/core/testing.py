"""Test helpers shared by every app's tests: a small jurisdiction and users per role."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from .models import OrgUnit, RoleGrant, User
from .services.org import unit_create
from .services.users import grant_role, user_create

PASSWORD = "Fazhi#2026test"  # noqa: S105  (test-only)
_counter = itertools.count(1)


def make_unit(
    name: str,
    *,
    parent: OrgUnit | None = None,
    kind: str = OrgUnit.Kind.DEPARTMENT,
    level: str = OrgUnit.Level.COUNTY,
    **extra: Any,
) -> OrgUnit:
    """Create a unit through the service (so it has a path and an audit entry)."""
    with transaction.atomic():
        return unit_create(actor=None, parent=parent, name=name, kind=kind, level=level, **extra)


def make_user(
    unit: OrgUnit,
    *roles: str,
    subtree: bool = False,
    username: str | None = None,
    must_change_password: bool = False,
) -> User:
    """Create a user in `unit` holding `roles` over `unit` (and its subtree if asked)."""
    with transaction.atomic():
        user = user_create(
            actor=None,
            username=username or f"user{next(_counter):03d}",
            full_name="测试用户",
            org_unit=unit,
            password=PASSWORD,
            must_change_password=must_change_password,
        )
        for role in roles:
            grant_role(actor=None, user=user, role=role, unit=unit, include_subtree=subtree)
    return user


@dataclass
class World:
    """City government with two districts; each district has a justice bureau and a market bureau."""

    city: OrgUnit
    district_a: OrgUnit
    district_b: OrgUnit
    justice_a: OrgUnit
    market_a: OrgUnit
    justice_b: OrgUnit
    market_b: OrgUnit


def make_world() -> World:
    """The standard two-district test jurisdiction."""
    city = make_unit(
        "江城市人民政府",
        kind=OrgUnit.Kind.GOVERNMENT,
        level=OrgUnit.Level.CITY,
        short_name="江城",
        division_code="360100",
    )
    a = make_unit(
        "东湖区人民政府",
        parent=city,
        kind=OrgUnit.Kind.GOVERNMENT,
        short_name="东湖",
        division_code="360102",
    )
    b = make_unit(
        "西湖区人民政府",
        parent=city,
        kind=OrgUnit.Kind.GOVERNMENT,
        short_name="西湖",
        division_code="360103",
    )
    return World(
        city=city,
        district_a=a,
        district_b=b,
        justice_a=make_unit("东湖区司法局", parent=a, short_name="东司"),
        market_a=make_unit("东湖区市场监督管理局", parent=a, short_name="东市监"),
        justice_b=make_unit("西湖区司法局", parent=b, short_name="西司"),
        market_b=make_unit("西湖区市场监督管理局", parent=b, short_name="西市监"),
    )


ROLES = RoleGrant.Role
