"""Staff menu entry of the search app (shown to users who can see records of any indexed kind)."""

from typing import Any

from fazhi.core import access, navigation

from .permissions import SEARCH
from .registry import SPECS


def _can_search(user: Any) -> bool:
    return any(access.has_perm(user, perm) for spec in SPECS.values() for perm in spec.perms)


navigation.add("全文检索", "search:search", SEARCH, "工作台", check=_can_search)
