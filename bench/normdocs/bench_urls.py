"""The production URL map plus one bare public view, the baseline of the portal page benchmark."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from fazhi.core.access import PUBLIC, requires
from fazhi.urls import handler400, handler403, handler404, handler500
from fazhi.urls import urlpatterns as fazhi_urls

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@requires(PUBLIC)
def bare(request: HttpRequest) -> HttpResponse:
    """The cheapest page the same middleware stack can serve."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("__bench__/bare/", bare), *fazhi_urls]
