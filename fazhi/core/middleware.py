"""Request-level guards: forced password change, client IP for audit, and no 500 for bad input."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from .errors import DomainError
from .request_context import reset_ip, set_ip

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address (the proxy must set REMOTE_ADDR correctly, e.g. gunicorn --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "")[:45]


class PasswordChangeRequiredMiddleware:
    """Until a user with a temporary password sets a new one, every staff page redirects there."""

    ALLOWED = ("core:password-change", "core:logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_ip(client_ip(request))
        try:
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and user.must_change_password
                and request.path.startswith("/staff/")
                and request.path not in {reverse(name) for name in self.ALLOWED}
            ):
                return redirect("core:password-change")
            return self.get_response(request)
        finally:
            reset_ip(token)


class ErrorMiddleware:
    """Turn a refused business rule or malformed input into a clear Chinese 400 instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            message = exception.message
        elif isinstance(exception, ValidationError):
            message = "；".join(exception.messages)
        elif isinstance(exception, (ValueError, OverflowError, UnicodeError)) and not isinstance(
            exception, SuspiciousOperation
        ):
            log.warning("bad input on %s: %r", request.path, exception)
            message = "提交的数据格式不正确，请检查后重试"
        else:
            return None
        if request.path.startswith("/api/") or request.headers.get("Accept", "").startswith(
            "application/json"
        ):
            return JsonResponse({"detail": message}, status=400)
        response = render(request, "400.html", {"message": message}, status=400)
        return response or HttpResponseBadRequest(message)


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Deny by default for the staff site; the REST API authenticates with bearer tokens instead."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> Any:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ControlCharacterMiddleware:
    """Remove NUL characters from query strings and form fields before any view sees them.

    PostgreSQL text cannot hold NUL, so a stray `%00` in a filter would otherwise fail deep in a
    query; no legitimate form input contains it. (JSON API bodies are validated by their schemas.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.GET.urlencode() or "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = _without_nul(request.GET)  # type: ignore[assignment]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            post = request.POST
            if any("\x00" in value for _, values in post.lists() for value in values):
                request.POST = _without_nul(post)  # type: ignore[assignment]
        return self.get_response(request)


def _without_nul(data: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    clean._mutable = False
    return clean
