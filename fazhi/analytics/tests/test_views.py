"""Dashboards: scoped to the viewer, freshness shown, charts as json_script, drill-down, bad input."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from fazhi.analytics import services
from fazhi.core.models import RoleGrant
from fazhi.core.testing import make_user

from .conftest import NOW

R = RoleGrant.Role
CASE_LINK = re.compile(r'href="/staff/enforcement/cases/\d+/"')


@pytest.fixture
def refreshed(crafted):
    services.rollup_refresh(now=NOW)
    return crafted


def _chart_data(response) -> dict:
    found = re.search(
        rb'<script id="chart-data" type="application/json">(.*?)</script>', response.content, re.S
    )
    assert found, "chart data missing"
    return json.loads(found.group(1))


def test_supervisor_sees_its_district_with_freshness_charts_and_drilldown(refreshed, client, world):
    supervisor = make_user(world.district_a, R.SUPERVISOR, subtree=True)
    client.force_login(supervisor)
    response = client.get(reverse("analytics:supervisor"), {"year": 2024})
    assert response.status_code == 200
    body = response.content.decode()
    assert "数据更新于 2024-12-20" in body
    assert "echarts.min.js" in body and "<script>" not in body  # no inline script (CSP)
    data = _chart_data(response)
    assert sum(data["trend"]["cases"]) == 11
    assert "东湖区市场监督管理局" in data["units"]["labels"]
    assert "无执法证人员执法" in body and "处罚种类单一" in body
    # the drill-down link of a unit lists exactly the records behind its number
    link = (
        data["units"]["links"][data["units"]["labels"].index("东湖区体育局")]
        if "东湖区体育局" in data["units"]["labels"]
        else None
    )
    assert link is None  # the idle unit has no cases, so no bar
    market = data["units"]["labels"].index("东湖区市场监督管理局")
    listing = client.get(data["units"]["links"][market])
    assert listing.status_code == 200
    assert len(CASE_LINK.findall(listing.content.decode())) == data["units"]["cases"][market]
    # and the Excel export carries the per-unit table
    export = client.get(reverse("analytics:supervisor"), {"year": 2024, "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_sibling_districts_supervisor_sees_none_of_a(refreshed, client, world):
    sibling = make_user(world.district_b, R.SUPERVISOR, subtree=True)
    client.force_login(sibling)
    for name in ("analytics:supervisor", "analytics:leader", "analytics:flags"):
        response = client.get(reverse(name), {"year": 2024})
        assert response.status_code == 200
        body = response.content.decode()
        assert "东湖区" not in body, name
    assert (
        sum(
            _chart_data(client.get(reverse("analytics:supervisor"), {"year": 2024}))["trend"][
                "cases"
            ]
        )
        == 0
    )
    # and naming A's unit in the filter does not widen the scope
    response = client.get(
        reverse("analytics:supervisor"), {"year": 2024, "unit": world.market_a.pk}
    )
    assert "东湖区" not in response.content.decode()
    drill = client.get(reverse("analytics:cases"), {"year": 2024, "unit": world.market_a.pk})
    assert CASE_LINK.findall(drill.content.decode()) == []


def test_leader_opens_the_leader_dashboard_but_not_the_supervisors(refreshed, client, world):
    leader = make_user(world.district_a, R.LEADER, subtree=True)
    client.force_login(leader)
    assert client.get(reverse("analytics:leader"), {"year": 2024}).status_code == 200
    assert client.get(reverse("analytics:supervisor")).status_code == 404
    assert client.get(reverse("analytics:flags")).status_code == 404
    clerk = make_user(world.market_a, R.CLERK)
    client.force_login(clerk)
    assert client.get(reverse("analytics:leader")).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"year": "2024", "unit": "-1"},
        {"year": "2024", "unit": "x" * 300},
        {"kind": "<script>"},
        {"month": "13", "measure": "nonsense"},
        {"year": "2024", "month": "0", "sort": "';drop"},
    ],
)
def test_junk_filters_never_fail(refreshed, client, world, query):
    client.force_login(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    for name in ("analytics:supervisor", "analytics:leader", "analytics:flags", "analytics:cases"):
        assert client.get(reverse(name), query).status_code == 200


def test_dashboard_before_any_refresh_says_so(world, client):
    client.force_login(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    response = client.get(reverse("analytics:supervisor"))
    assert "统计汇总尚未生成" in response.content.decode()


def test_a_wide_scope_filters_by_subquery_with_the_same_numbers(
    refreshed, client, world, monkeypatch
):
    from fazhi.analytics import selectors

    client.force_login(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    url = reverse("analytics:supervisor")
    by_list = _chart_data(client.get(url, {"year": 2024}))
    # when the scope counts as too wide for an id list (and the cache is bypassed)
    monkeypatch.setattr(selectors, "IN_LIST_MAX", 1)
    monkeypatch.setattr("fazhi.analytics.views.cache.get", lambda key, *a, **k: None)
    by_subquery = _chart_data(client.get(url, {"year": 2024}))
    assert by_subquery == by_list and sum(by_list["trend"]["cases"]) == 11
