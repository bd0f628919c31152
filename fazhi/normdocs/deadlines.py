"""Statutory clocks of normative documents, computed and registered through `fazhi.clocks`.

Every due date in this app comes from here; the rules (e.g. ``30cd``, ``15wd``, ``6m``) come from
`normdocs.conf`. The clocks app (`fazhi.clocks.calendar.compute_due`, `fazhi.clocks.services`) owns
the calendar, the explanation and the sweep.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from fazhi.clocks import services as clocks
from fazhi.clocks.calendar import compute_due


def compute(start: dt.date, rule: str) -> dt.date:
    """The due date of `rule` counted from `start` (start day not counted)."""
    return compute_due(start, rule).due_on


def register(
    *,
    target: models.Model,
    org_unit: Any,
    label: str,
    legal_basis: str,
    start_on: dt.date,
    rule: str,
    responsible: list[Any],
    actor: Any,
) -> Any:
    """Register a generic clock for `target` (the clocks app sweeps it and notifies)."""
    return clocks.clock_register(
        actor=actor,
        target=target,
        kind=f"normdocs.{label}"[:64],
        org_unit=org_unit,
        label=label,
        legal_basis=legal_basis,
        start_on=start_on,
        rule=rule,
        responsible=[u for u in responsible if u is not None],
    )


def complete(*, target: models.Model, on: dt.date, actor: Any) -> None:
    """Stop every running clock of `target` (the step it measured was done on `on`)."""
    clocks.clock_complete_for(actor=actor, target=target, on=on)
