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


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


@pytest.fixture(autouse=True)
def _fresh_calendar(request, django_db_blocker):
    """Every database test sees the seeded working-day calendar, and no test leaks edited days.

    Transactional tests (browser, live server) end with a flush that also empties the calendar the
    migration seeded; the next test on that worker gets it back here (the migration's own seeding,
    so no audit entries). The per-process calendar cache is dropped before and after each test.
    """
    import importlib

    from django.apps import apps

    from fazhi.clocks import calendar
    from fazhi.clocks.models import CalendarYear

    if request.node.get_closest_marker("django_db") or _DB_FIXTURES & set(request.fixturenames):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            if not CalendarYear.objects.exists():
                migration = importlib.import_module(
                    "fazhi.clocks.migrations.0002_seed_calendar_2004_2026"
                )
                migration.seed(apps, None)
    calendar.invalidate()
    yield
    calendar.invalidate()
