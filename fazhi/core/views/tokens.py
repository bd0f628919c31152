"""My API tokens (数据接口令牌)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.forms import TokenForm
from fazhi.core.models import ApiToken
from fazhi.core.permissions import USE_API
from fazhi.core.services.tokens import token_create, token_revoke


@access.requires(USE_API)
def token_list(request: HttpRequest) -> HttpResponse:
    """My tokens; a new token's value is shown once."""
    form = TokenForm(request.POST or None)
    new_value = None
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data.get("expires_on")
        expires_at = (
            dt.datetime.combine(expires, dt.time.max, tzinfo=timezone.get_current_timezone())
            if expires
            else None
        )
        if expires and expires < timezone.localdate():
            form.add_error("expires_on", "有效期不能早于今天")
        else:
            try:
                _, new_value = token_create(
                    actor=staff_user(request),
                    name=form.cleaned_data["name"],  # type: ignore[arg-type]
                    expires_at=expires_at,
                )
            except DomainError as exc:
                form.add_error("name", exc.message)
            else:
                form = TokenForm()
    tokens = ApiToken.objects.filter(user=staff_user(request)).order_by("-created_at")
    return render(
        request, "core/tokens.html", {"form": form, "tokens": tokens, "new_value": new_value}
    )


@require_POST
@access.requires(USE_API)
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of my tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=staff_user(request))
    token_revoke(actor=staff_user(request), token=token)  # type: ignore[arg-type]
    messages.success(request, f"已吊销令牌“{token.name}”")
    return redirect("core:tokens")
