"""Fixtures for the cross-app tests in this folder."""

from tests.browser import page  # noqa: F401  (the browser tests' fixture)
