"""Browser tests: staff home, inbox, org tree, portal and phone layout (fixtures in tests/browser.py)."""

from __future__ import annotations

import pytest

from fazhi.core.services.notifications import notification_send
from fazhi.core.testing import ROLES, make_user
from tests.browser import login as _login
from tests.browser import shot as _shot

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_logs_in_and_browses_the_org_tree(page, live_server, world):
    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True, username="sysadmin")
    notification_send(recipient=admin, title="请于本周内完成年度用户权限复核")
    _login(page, live_server.url, "sysadmin")
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", name="我的工作台").is_visible()
    _shot(page, "home")
    page.get_by_role("link", name="站内消息").first.click()
    assert page.get_by_text("请于本周内完成年度用户权限复核").is_visible()
    _shot(page, "inbox")
    page.get_by_role("link", name="组织机构").click()
    assert page.get_by_role("link", name="东湖区人民政府").is_visible()
    # expanding a district loads its departments through htmx
    page.locator("summary", has_text="东湖区人民政府").click()
    page.get_by_role("link", name="东湖区市场监督管理局").wait_for()
    _shot(page, "org-tree")
    assert page.console_errors == []  # no CSP violations or script errors


@pytest.mark.django_db(transaction=True)
def test_portal_is_public_and_shows_audit_heads(page, live_server, world):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="审计日志校验").is_visible()
    _shot(page, "portal")
    page.get_by_role("link", name="查看每日链头哈希").click()
    assert page.get_by_text("当日进行中").first.is_visible()
    _shot(page, "portal-audit-heads")


@pytest.mark.django_db(transaction=True)
def test_phone_layout_has_a_menu_toggle(page, live_server, world):
    make_user(world.market_a, ROLES.CLERK, username="clerk_phone")
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, live_server.url, "clerk_phone")
    page.wait_for_url("**/staff/")
    nav = page.locator("#side-nav")
    assert not nav.is_visible()
    page.get_by_role("button", name="菜单").click()
    assert nav.is_visible()
    _shot(page, "home-phone")
