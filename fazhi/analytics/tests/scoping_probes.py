"""District-A rollups and flags for the platform-wide scoping and junk-input tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests import scoping
from tests.scoping import MARKER, Owned


def _analytics_records(o: Owned) -> None:
    from fazhi.analytics.models import AnomalyFlag, CaseRollup, PenaltyTypeRollup, RegisterRollup

    unit = o.world.market_a
    year = timezone.localdate().year
    CaseRollup.objects.create(
        org_unit=unit,
        month=dt.date(year, 1, 1),
        kind="penalty",
        cases=987654,
        closed=3,
        amount_total=Decimal("123456789.00"),
    )
    PenaltyTypeRollup.objects.create(
        org_unit=unit, month=dt.date(year, 1, 1), penalty_type="fine", cases=987654
    )
    RegisterRollup.objects.create(
        org_unit=unit, year=year, officers=7, certified=6, penalty_items=3
    )
    AnomalyFlag.objects.create(
        org_unit=unit,
        year=year,
        kind="overdue",
        value=Decimal(5),
        detail=MARKER + "超期",
        raised_at=timezone.now(),
    )


scoping.EXTRA_BUILDERS.append(_analytics_records)
