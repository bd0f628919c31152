"""The registry of demo steps: core builds the jurisdiction and people, apps append their records.

An app adds demo records by defining `fazhi/<app>/demo.py`:

    from fazhi.core.demo import DemoContext, demo_step

    @demo_step("normdocs.documents", order=100)
    def documents(ctx: DemoContext) -> None:
        clerk = ctx.user("donghu.market.clerk")
        ...  # create records through the app's services, with ctx.rng for variety

`build()` imports every installed app's `demo` module, then runs the steps by (order, name)
inside one transaction, so a failing step leaves the database untouched.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.core.models import OrgUnit, User

CORE_ORDER = 10  # core steps run first; app steps default to 100


@dataclass
class DemoContext:
    """What the steps share: the seed's RNG, the units and users built so far, the acting admin."""

    seed: int
    rng: random.Random
    today: dt.date
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    actor: User | None = None  # the system administrator once created; None = 系统
    counts: dict[str, int] = field(default_factory=dict)

    def unit(self, key: str) -> OrgUnit:
        """A demo unit by key, e.g. ``donghu.market`` or ``city.justice``."""
        return self.units[key]

    def user(self, username: str) -> User:
        """A demo user by username, e.g. ``donghu.market.clerk``."""
        return self.users[username]

    def count(self, what: str, n: int = 1) -> None:
        """Tally created records for the load summary."""
        self.counts[what] = self.counts.get(what, 0) + n


StepFn = Callable[[DemoContext], None]


@dataclass(frozen=True)
class DemoStep:
    """One named step of the demo load."""

    name: str
    order: int
    fn: StepFn


STEPS: dict[str, DemoStep] = {}


def demo_step(name: str, *, order: int = 100) -> Callable[[StepFn], StepFn]:
    """Register a function as a demo step (re-registering a name replaces it, e.g. on reload)."""

    def register(fn: StepFn) -> StepFn:
        STEPS[name] = DemoStep(name=name, order=order, fn=fn)
        return fn

    return register


def ordered_steps() -> list[DemoStep]:
    """Registered steps in run order."""
    return sorted(STEPS.values(), key=lambda step: (step.order, step.name))
