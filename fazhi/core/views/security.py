"""Security administration (安全管理员): lockouts and sessions."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, audit
from fazhi.core.access import staff_user
from fazhi.core.models import User
from fazhi.core.permissions import MANAGE_SECURITY


def _usernames_in_scope(request: HttpRequest) -> set[str]:
    scoped = access.visible(User.objects.all(), request.user, MANAGE_SECURITY)
    return set(scoped.values_list("username", flat=True))


@access.requires(MANAGE_SECURITY)
def lockouts(request: HttpRequest) -> HttpResponse:
    """Accounts with failed logins (locked ones first) in the security administrator's scope."""
    names = _usernames_in_scope(request)
    attempts = [
        a
        for a in AccessAttempt.objects.order_by("-failures_since_start", "-attempt_time")
        if a.username in names
    ]
    return render(request, "core/security_lockouts.html", {"attempts": attempts})


@require_POST
@access.requires(MANAGE_SECURITY)
def unlock(request: HttpRequest) -> HttpResponse:
    """Clear the failure counter of one username in scope (audited)."""
    username = request.POST.get("username", "")
    if username not in _usernames_in_scope(request):
        messages.error(request, "该账号不存在或不在您的管理范围内")
        return redirect("core:security-lockouts")
    target = User.objects.get(username=username)
    with transaction.atomic():
        count = reset(username=username)
        audit.record(
            actor=staff_user(request),
            verb="core.account_unlock",
            target=target,  # type: ignore[arg-type]
            changes={"cleared_attempts": [count, 0]},
        )
    messages.success(request, f"已解除账号 {username} 的锁定")
    return redirect("core:security-lockouts")
