"""The staff navigation: each entry shows only to users holding its permission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from . import access


@dataclass(frozen=True)
class NavItem:
    """One menu entry."""

    label: str
    url_name: str
    perm: str
    section: str
    check: Callable[[Any], bool] | None = None


ITEMS: list[NavItem] = []


def add(
    label: str, url_name: str, perm: str, section: str, check: Callable[[Any], bool] | None = None
) -> None:
    """Register a menu entry (apps call this at import); `check(user)` can narrow who sees it."""
    ITEMS.append(NavItem(label, url_name, perm, section, check))


def menu_for(user: object, current_path: str) -> list[dict[str, object]]:
    """Sections with the entries this user may open, marking the current one."""
    sections: dict[str, list[dict[str, object]]] = {}
    entries = []
    for item in ITEMS:
        if not access.has_perm(user, item.perm) or (
            item.check is not None and not item.check(user)
        ):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entry = {"label": item.label, "url": url, "active": False}
        entries.append(entry)
        sections.setdefault(item.section, []).append(entry)
    # The entry whose URL is the longest prefix of the current path is the active one.
    matches = [e for e in entries if current_path.startswith(str(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(str(e["url"])))["active"] = True
    return [{"section": name, "items": items} for name, items in sections.items()]
