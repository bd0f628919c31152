"""Shared Playwright fixture and helpers for the browser tests (tests/test_browser*.py).

Test modules take the ``page`` fixture through tests/conftest.py.

Debian chromium driven by Playwright against the live server. Skipped when chromium is not installed,
unless FAZHI_REQUIRE_BROWSER=1 (CI), where that is a failure. Screenshots go to
$FAZHI_SCREENSHOT_DIR when it is set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fazhi.core.testing import PASSWORD

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


def require_chromium() -> None:
    """Skip the calling test when chromium is missing; under FAZHI_REQUIRE_BROWSER=1 (CI) fail instead."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            raise RuntimeError("FAZHI_REQUIRE_BROWSER=1 but Debian chromium is not installed")
        pytest.skip("Debian chromium is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture
def page(live_server):
    """A chromium page (1366×768, zh-CN) that records console errors and HTTP ≥ 400 responses."""
    from playwright.sync_api import sync_playwright

    require_chromium()

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


def shot(page, name: str) -> None:
    target = os.environ.get("FAZHI_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)


def login(page, base: str, username: str) -> None:
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
