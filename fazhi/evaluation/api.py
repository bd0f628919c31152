"""REST endpoints of the evaluation app (mounted at /api/evaluation/): read-only, scoped.

Campaigns the caller may see (by the organising unit, as on the web pages) and each campaign's
results per evaluated unit. Outside the scope a list is empty and a campaign is 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fazhi.core import access
from fazhi.core.api import page_bounds

from . import selectors
from .models import Campaign
from .permissions import VIEW

router = Router(tags=["案卷评查"])


class CampaignOut(Schema):
    """An evaluation campaign (评查活动)."""

    id: int
    title: str
    organiser_id: int
    organiser: str
    rubric: str
    rubric_version: int
    period_from: dt.date
    period_to: dt.date
    sample_mode: str
    sample_value: int
    seed: str
    status: str
    files: int
    scored: int


class ResultOut(Schema):
    """One evaluated unit's results in a campaign."""

    unit_id: int
    unit: str
    population: int
    drawn: int
    scored: int
    average: Decimal | None
    excellent: int
    passed: int
    failed: int
    vetoed: int
    pass_rate: float | None
    rectifying: int


def _campaign(c: Campaign) -> CampaignOut:
    return CampaignOut(
        id=c.pk,
        title=c.title,
        organiser_id=c.org_unit_id,
        organiser=c.org_unit.name,
        rubric=c.rubric.name,
        rubric_version=c.rubric.version,
        period_from=c.period_from,
        period_to=c.period_to,
        sample_mode=c.sample_mode,
        sample_value=c.sample_value,
        seed=c.seed,
        status=c.status,
        files=getattr(c, "file_count", 0),
        scored=getattr(c, "scored_count", 0),
    )


@router.get("/campaigns", response=list[CampaignOut], summary="授权范围内的评查活动")
def campaign_list(
    request: HttpRequest, q: str = "", limit: int = 100, offset: int = 0
) -> list[CampaignOut]:
    """Campaigns organised by units in the caller's scope, newest first."""
    if not access.has_perm(request.user, VIEW):
        return []
    start, stop = page_bounds(limit=limit, offset=offset)
    qs = selectors.campaign_list_visible_to(user=request.user, q=q[:100])
    return [_campaign(c) for c in qs.order_by("-created_at", "-pk")[start:stop]]


@router.get(
    "/campaigns/{campaign_id}/results", response=list[ResultOut], summary="评查活动各单位结果"
)
def campaign_results(request: HttpRequest, campaign_id: int) -> list[ResultOut]:
    """Per evaluated unit: population, files drawn and scored, average, grades, pass rate."""
    if not 0 < campaign_id < 2**63:  # beyond a database integer: missing, like any other
        raise Http404
    campaign = selectors.campaign_get_visible(user=request.user, pk=campaign_id)
    return [
        ResultOut(
            unit_id=r["org_unit_id"],
            unit=r["unit"],
            population=r["population"],
            drawn=r["drawn"],
            scored=r["scored"],
            average=r["average"],
            excellent=r["excellent"],
            passed=r["passed"],
            failed=r["failed"],
            vetoed=r["vetoed"],
            pass_rate=r["pass_rate"],
            rectifying=r["rectifying"],
        )
        for r in selectors.results_by_unit(campaign)
    ]
