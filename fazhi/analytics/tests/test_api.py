"""REST API: rollups, flags and freshness, read-only and scoped to the token's owner."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.analytics import services
from fazhi.core.models import RoleGrant
from fazhi.core.services.tokens import token_create
from fazhi.core.testing import make_user

from .conftest import NOW

R = RoleGrant.Role


def _headers(user):
    _, raw = token_create(actor=user, name="api")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def refreshed(crafted):
    services.rollup_refresh(now=NOW)
    return crafted


def test_a_supervisor_pulls_rollups_flags_and_freshness(client, refreshed, world):
    headers = _headers(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    rows = client.get("/api/analytics/rollups", {"year": 2024}, headers=headers).json()
    # one row per unit × month × kind, adding up to the crafted cases
    assert sum(r["cases"] for r in rows) == 11
    march = next(
        r
        for r in rows
        if r["unit_id"] == world.market_a.pk
        and r["month"] == "2024-03-01"
        and r["kind"] == "penalty"
    )
    assert (march["cases"], march["closed"], march["decision_overdue"]) == (3, 1, 2)
    assert Decimal(march["amount_total"]) == Decimal("63000.00")
    # filtered to a unit and a kind, and paged
    only = client.get(
        "/api/analytics/rollups",
        {"year": 2024, "unit": refreshed["clean"].pk, "kind": "penalty", "limit": 1},
        headers=headers,
    ).json()
    assert len(only) == 1 and only[0]["unit"] == "东湖区交通运输局"
    flags = client.get("/api/analytics/flags", {"year": 2024}, headers=headers).json()
    assert {(f["unit_id"], f["kind"]) for f in flags} >= {
        (world.market_a.pk, "overdue"),
        (refreshed["clean"].pk, "single_type"),
    }
    fresh = client.get("/api/analytics/freshness", headers=headers).json()
    assert fresh["as_of"] == "2024-12-20" and fresh["mode"] == "full" and fresh["version"]


def test_a_leader_reads_rollups_but_not_flags(client, refreshed, world):
    headers = _headers(make_user(world.district_a, R.LEADER, subtree=True))
    rows = client.get("/api/analytics/rollups", {"year": 2024}, headers=headers).json()
    assert sum(r["cases"] for r in rows) == 11
    assert client.get("/api/analytics/flags", headers=headers).json() == []


def test_a_sibling_district_gets_nothing_of_a(client, refreshed, world):
    for role in (R.SUPERVISOR, R.LEADER):
        headers = _headers(make_user(world.district_b, role, subtree=True))
        assert client.get("/api/analytics/rollups", {"year": 2024}, headers=headers).json() == []
        assert client.get("/api/analytics/flags", headers=headers).json() == []
        # naming A's unit is 404, like a unit that does not exist
        for unit in (world.market_a.pk, 987654321):
            response = client.get(
                "/api/analytics/rollups", {"year": 2024, "unit": unit}, headers=headers
            )
            assert response.status_code == 404
    # a clerk of A's own market bureau holds no dashboard permission
    clerk = _headers(make_user(world.market_a, R.CLERK))
    assert client.get("/api/analytics/rollups", {"year": 2024}, headers=clerk).json() == []
    assert client.get("/api/analytics/freshness", headers=clerk).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"year": 99999},
        {"year": "abc"},
        {"kind": "<x>"},
        {"unit": "9" * 40},
        {"limit": -5, "offset": 10**12},
    ],
)
def test_junk_parameters_get_a_clear_400_or_an_empty_answer(client, refreshed, world, query):
    headers = _headers(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    response = client.get("/api/analytics/rollups", query, headers=headers)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert response.json()["detail"]
