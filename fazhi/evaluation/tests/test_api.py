"""REST API: campaigns and per-unit results, read-only and scoped to the token's owner."""

from __future__ import annotations

from decimal import Decimal

from fazhi.core.models import RoleGrant
from fazhi.core.services.tokens import token_create
from fazhi.core.testing import make_user
from fazhi.evaluation import services

from .conftest import full_marks
from .test_services import _assigned_market_file

R = RoleGrant.Role


def _headers(user):
    _, raw = token_create(actor=user, name="api")
    return {"Authorization": f"Bearer {raw}"}


def test_a_leader_reads_campaigns_and_results_per_unit(client, setting, world):
    # given a campaign with one market file scored 85 (合格)
    evaluation = _assigned_market_file(setting, world)
    scores = full_marks(setting.rubric, p2={"points": "25", "note": "证据链不完整"})
    services.evaluation_score(actor=setting.reviewer_a, evaluation=evaluation, scores=scores)
    headers = _headers(make_user(world.district_a, R.LEADER, subtree=True))
    # when
    campaigns = client.get("/api/evaluation/campaigns", headers=headers).json()
    # then
    assert [(c["id"], c["files"], c["scored"]) for c in campaigns] == [
        (evaluation.campaign_id, 6, 1)
    ]
    assert campaigns[0]["organiser"] == world.justice_a.name and campaigns[0]["seed"]
    results = client.get(
        f"/api/evaluation/campaigns/{evaluation.campaign_id}/results", headers=headers
    ).json()
    by_unit = {r["unit_id"]: r for r in results}
    market = by_unit[world.market_a.pk]
    assert (market["population"], market["drawn"], market["scored"]) == (10, 3, 1)
    assert (Decimal(market["average"]), market["passed"], market["pass_rate"]) == (
        Decimal("85.0"),
        1,
        100.0,
    )
    assert by_unit[setting.transport.pk]["scored"] == 0


def test_a_sibling_district_sees_no_campaign(client, setting, world):
    evaluation = _assigned_market_file(setting, world)
    for role in (R.LEADER, R.SUPERVISOR, R.CLERK):
        headers = _headers(make_user(world.district_b, role, subtree=True))
        assert client.get("/api/evaluation/campaigns", headers=headers).json() == []
        url = f"/api/evaluation/campaigns/{evaluation.campaign_id}/results"
        assert client.get(url, headers=headers).status_code == 404
    # and junk or missing ids are 404 as well, never an error
    headers = _headers(setting.organiser)
    for junk in ("99999999999999999999999", "0", "-5"):
        url = f"/api/evaluation/campaigns/{junk}/results"
        assert client.get(url, headers=headers).status_code in (400, 404)


def test_the_api_is_read_only(client, setting, world):
    evaluation = _assigned_market_file(setting, world)
    headers = _headers(setting.organiser)
    url = f"/api/evaluation/campaigns/{evaluation.campaign_id}/results"
    assert client.post(url, headers=headers).status_code == 405
    assert client.delete("/api/evaluation/campaigns", headers=headers).status_code == 405
