"""District-A evaluation records for the platform-wide scoping and junk-input tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests import scoping
from tests.scoping import MARKER, Owned


def _evaluation_records(o: Owned) -> None:
    from fazhi.core.testing import ROLES, make_user
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.tests.factories import case_kwargs, make_power_item
    from fazhi.evaluation.models import (
        Campaign,
        CampaignUnit,
        Evaluation,
        Rectification,
        Rubric,
        RubricItem,
    )

    w = o.world
    organiser = make_user(w.district_a, ROLES.SUPERVISOR, subtree=True)
    rubric = Rubric.objects.create(
        org_unit=w.justice_a, family="PROBE", name=MARKER + "评查标准", used=True
    )
    RubricItem.objects.create(
        rubric=rubric, position=1, category="事实", title=MARKER, points=Decimal(100)
    )
    item = make_power_item(w.market_a)
    case = Case.objects.create(
        **case_kwargs(w.market_a, item, title=MARKER + "评查案卷"),
        number="东市监罚〔2024〕77号",
        status=Case.Status.CLOSED,
        closed_on=dt.date(2024, 8, 1),
    )
    campaign = Campaign.objects.create(
        org_unit=w.justice_a,
        title=MARKER + "评查活动",
        rubric=rubric,
        period_from=dt.date(2024, 1, 1),
        period_to=dt.date(2024, 12, 31),
        sample_mode="count",
        sample_value=1,
        status="sampled",
        created_by=organiser,
    )
    CampaignUnit.objects.create(campaign=campaign, unit=w.market_a, population=1, sampled=1)
    evaluation = Evaluation.objects.create(
        campaign=campaign,
        case=case,
        org_unit=w.market_a,
        status="scored",
        total=Decimal(50),
        grade="fail",
        comment=MARKER,
    )
    Rectification.objects.create(
        evaluation=evaluation,
        org_unit=w.market_a,
        requirement=MARKER + "整改",
        issued_on=dt.date(2024, 9, 2),
        due_on=dt.date(2024, 9, 30),
    )
    o.extra["evaluation"] = {"rubric": rubric, "campaign": campaign, "evaluation": evaluation}


scoping.EXTRA_BUILDERS.append(_evaluation_records)
scoping.URL_SAMPLES.update(
    {
        "evaluation:rubric-detail": lambda o: {"pk": o.extra["evaluation"]["rubric"].pk},
        "evaluation:campaign-detail": lambda o: {"pk": o.extra["evaluation"]["campaign"].pk},
        "evaluation:campaign-action": lambda o: {
            "pk": o.extra["evaluation"]["campaign"].pk,
            "action": "close",
        },
        "evaluation:evaluation-detail": lambda o: {"pk": o.extra["evaluation"]["evaluation"].pk},
        "evaluation:evaluation-action": lambda o: {
            "pk": o.extra["evaluation"]["evaluation"].pk,
            "action": "accept",
        },
    }
)
scoping.API_SAMPLES["/api/evaluation/campaigns/{campaign_id}/results"] = lambda o: {
    "campaign_id": o.extra["evaluation"]["campaign"].pk
}
