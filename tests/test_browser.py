"""Browser tests: Debian chromium driven by Playwright against the live server.

Skipped when chromium is not installed, unless FAZHI_REQUIRE_BROWSER=1 (CI), where that is a failure.
Screenshots go to $FAZHI_SCREENSHOT_DIR when it is set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fazhi.core.services.notifications import notification_send
from fazhi.core.testing import PASSWORD, ROLES, make_user

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
        raise RuntimeError("FAZHI_REQUIRE_BROWSER=1 but Debian chromium is not installed")
    pytest.skip("Debian chromium is not installed", allow_module_level=True)

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop
pytestmark = pytest.mark.browser


@pytest.fixture
def page(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        page = context.new_page()
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on(
            "response",
            lambda r: r.status >= 400 and page.console_errors.append(f"{r.status} {r.url}"),
        )
        yield page
        browser.close()


def _shot(page, name: str) -> None:
    target = os.environ.get("FAZHI_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)


def _login(page, base: str, username: str) -> None:
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


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
