"""Fixtures shared by every test package."""

import pytest

from fazhi.core.testing import ROLES, World, make_user, make_world


@pytest.fixture
def world(db) -> World:
    """Two districts under one city, each with a justice and a market bureau."""
    return make_world()


@pytest.fixture
def clerk_a(world):
    """A clerk (经办人) of district A's market bureau."""
    return make_user(world.market_a, ROLES.CLERK)


@pytest.fixture
def clerk_b(world):
    """A clerk of district B's market bureau: the sibling unit that must see nothing of A."""
    return make_user(world.market_b, ROLES.CLERK)


@pytest.fixture
def supervisor_a(world):
    """District A's justice bureau supervisor over the whole district."""
    return make_user(world.justice_a, ROLES.SUPERVISOR, subtree=True)


@pytest.fixture
def sysadmin(world):
    """System administrator of the whole city."""
    return make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)


@pytest.fixture
def auditor(world):
    """Audit administrator of the whole city."""
    return make_user(world.city, ROLES.AUDIT_ADMIN, subtree=True)


@pytest.fixture(autouse=True)
def _fresh_search_index(settings, tmp_path_factory):
    """Every test gets an empty search index directory (created lazily on first use)."""
    from fazhi.search import engine

    settings.FAZHI_SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    engine.forget()
    yield
    engine.forget()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The working-day calendar is cached per process; a test that edits days must not leak them."""
    from fazhi.clocks import calendar

    calendar.invalidate()
    yield
    calendar.invalidate()
