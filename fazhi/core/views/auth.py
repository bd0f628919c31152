"""Login, logout, password change and lockout — each audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.core import audit
from fazhi.core.access import AUTHENTICATED, PUBLIC, requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.core.forms import LoginForm, PasswordChangeForm
from fazhi.core.models import User
from fazhi.core.services.users import user_set_password


def _record_failure(request: HttpRequest, username: str) -> None:
    target = User.objects.filter(username=username).first()
    with transaction.atomic():
        audit.record(
            actor=None,
            verb="core.login_failed",
            target=target or f"用户名 {username[:50]}",
            unit_id=target.org_unit_id if target else None,
            changes={"username": [None, username[:50]]},
        )


@requires(PUBLIC)
def login_view(request: HttpRequest) -> HttpResponse:
    """Sign in; five failures lock the username for 15 minutes (django-axes)."""
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            with transaction.atomic():
                audit.record(actor=user, verb="core.login", target=user)
            nxt = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(nxt, {request.get_host()}) and nxt.startswith(
                "/staff/"
            ):
                return redirect(nxt)
            return redirect("core:home")
        if not getattr(request, "axes_locked_out", False):
            _record_failure(request, request.POST.get("username", ""))
    return render(request, "core/login.html", {"form": form})


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes lockout response: audited, explained in Chinese."""
    username = (credentials or {}).get("username", "") if isinstance(credentials, dict) else ""
    _record_failure(request, username or request.POST.get("username", ""))
    form = AuthenticationForm(request)
    return render(request, "core/login.html", {"form": form, "locked": True}, status=429)


locked_out = login_not_required(locked_out)


@require_POST
@requires(AUTHENTICATED)
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (audited)."""
    user = request.user
    with transaction.atomic():
        audit.record(actor=user, verb="core.logout", target=user)  # type: ignore[arg-type]
    logout(request)
    messages.info(request, "您已安全退出")
    return redirect("core:login")


@requires(AUTHENTICATED)
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password (forced at first login)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                actor=staff_user(request),
                user=staff_user(request),
                password=form.cleaned_data["new_password1"],
                temporary=False,
            )
        except DomainError as exc:
            form.add_error("new_password1", exc.message)
        else:
            user = staff_user(request)
            user.refresh_from_db()
            update_session_auth_hash(request, user)
            messages.success(request, "密码已修改")
            return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form})
