"""Demo data: the fictional 江城市 with two districts, accounts for every role, and app records.

`build(seed)` runs every registered demo step in one transaction (see `registry` for how an app
adds its own step). Everything is created through the services, so the audit chain is real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from fazhi.core.models import OrgUnit, User

from . import org, people  # noqa: F401  (register the core steps)
from .data import DEMO_PASSWORD, KEY_LOGINS, STAFF_URL
from .registry import STEPS, DemoContext, DemoStep, demo_step, ordered_steps

__all__ = [
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "KEY_LOGINS",
    "STAFF_URL",
    "STEPS",
    "DemoContext",
    "DemoStep",
    "KeyLogin",
    "build",
    "demo_step",
    "is_empty",
    "key_logins",
]

DEFAULT_SEED = 2026


def is_empty() -> bool:
    """Whether the database has no org unit yet (the demo only loads into an empty one)."""
    return not OrgUnit.objects.exists()


@transaction.atomic
def build(seed: int = DEFAULT_SEED) -> DemoContext:
    """Load the demo into the database: every registered step, in order, in one transaction."""
    autodiscover_modules("demo")  # each app's fazhi/<app>/demo.py registers its steps
    ctx = DemoContext(seed=seed, rng=random.Random(seed), today=timezone.localdate())
    for step in ordered_steps():
        step.fn(ctx)
    return ctx


@dataclass(frozen=True)
class KeyLogin:
    """One row of `fazhi demo logins`."""

    username: str
    full_name: str
    unit: str
    roles: str


def key_logins() -> list[KeyLogin]:
    """The training logins that exist in the database, in `KEY_LOGINS` order."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=KEY_LOGINS)
        .select_related("org_unit__parent")
        .prefetch_related("grants__unit")
    }
    rows = []
    for username in KEY_LOGINS:
        user = users.get(username)
        if user is None:
            continue
        roles = "、".join(str(grant) for grant in user.grants.all())
        rows.append(KeyLogin(username, user.full_name, unit_label(user.org_unit), roles))
    return rows


def unit_label(unit: OrgUnit | None) -> str:
    """A unit's name; an internal office is prefixed with its parent (行政执法协调监督科 alone says little)."""
    if unit is None:
        return ""
    if unit.kind == OrgUnit.Kind.INTERNAL and unit.parent is not None:
        return f"{unit.parent.name}{unit.name}"
    return unit.name
