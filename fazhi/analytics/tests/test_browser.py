"""Browser: the supervisor's dashboard draws its charts, and a table link drills down to records."""

from __future__ import annotations

import pytest

from fazhi.analytics import services
from fazhi.core.testing import ROLES, make_user
from tests.browser import (
    login,
    page,  # noqa: F401  (the browser fixture)
    shot,
)

from .conftest import NOW

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_supervisor_dashboard_draws_charts_and_drills_down(page, live_server, crafted, world):  # noqa: F811
    services.rollup_refresh(now=NOW)
    make_user(world.district_a, ROLES.SUPERVISOR, subtree=True, username="supervisor_dash")
    login(page, live_server.url, "supervisor_dash")
    page.wait_for_url("**/staff/")
    page.goto(live_server.url + "/staff/analytics/?year=2024")
    assert page.get_by_role("heading", name="执法监督看板").is_visible()
    # every chart is drawn (ECharts renders SVG) from the json_script data, without CSP errors
    page.locator('[data-chart="units"] svg').wait_for()
    assert page.locator(".chart svg").count() == 5
    shot(page, "analytics-supervisor")
    # the per-unit table's case count opens the records behind it
    row = page.locator("tr", has_text="东湖区市场监督管理局")
    row.locator("td.num a").first.click()
    page.wait_for_url("**/staff/analytics/cases/**")
    assert page.get_by_text("销售不合格产品案").first.is_visible()
    shot(page, "analytics-drilldown")
    assert page.console_errors == []
