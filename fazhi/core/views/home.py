"""The staff home page and the inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import selectors
from fazhi.core.access import AUTHENTICATED, has_root_scope, requires, staff_user
from fazhi.core.permissions import MANAGE_CALENDAR
from fazhi.core.services.notifications import notification_mark_read


@requires(AUTHENTICATED)
def home(request: HttpRequest) -> HttpResponse:
    """My work: overdue and due-soon items, unread messages."""
    from fazhi.clocks.selectors import clock_widgets_for

    ctx = clock_widgets_for(user=request.user)
    ctx["can_manage_calendar"] = has_root_scope(request.user, MANAGE_CALENDAR)
    ctx["notifications"] = selectors.inbox_of(user=request.user, unread_only=True)[:8]
    return render(request, "core/home.html", ctx)


@requires(AUTHENTICATED)
def inbox(request: HttpRequest) -> HttpResponse:
    """All my messages, newest first."""
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox_of(user=request.user, unread_only=unread_only), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "core/inbox.html", {"page": page, "unread_only": unread_only})


@require_POST
@requires(AUTHENTICATED)
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark one message (pk) or all messages read."""
    raw = request.POST.get("pk", "")
    pk = int(raw) if raw.isdigit() else None
    count = notification_mark_read(recipient=staff_user(request), pk=pk)  # type: ignore[arg-type]
    if pk is None:
        messages.success(request, f"已将 {count} 条消息标为已读")
    note = selectors.inbox_of(user=request.user).filter(pk=pk).first() if pk else None
    if note and note.url:
        return redirect(note.url)
    return redirect("core:inbox")
