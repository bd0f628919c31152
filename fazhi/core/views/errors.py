"""Error pages in Chinese. 403 is never shown for records: out-of-scope is 404."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400."""
    return render(request, "400.html", {"message": "请求无效"}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 (CSRF failures and the like)."""
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: missing or outside the user's scope — the same answer."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500."""
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF token missing or wrong."""
    return render(
        request, "403.html", {"message": "页面已过期或来源不明，请刷新页面后重新提交"}, status=403
    )
