"""Template context for the staff shell: navigation and unread counts."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """Site name, the user's navigation and unread inbox count."""
    ctx: dict[str, Any] = {"site_name": settings.FAZHI_SITE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        ctx["nav"] = menu_for(user, request.path)
        ctx["unread_count"] = user.notifications.filter(read_at__isnull=True).count()
    return ctx
