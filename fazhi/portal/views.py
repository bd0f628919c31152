"""Public portal pages (no login). The portal reads only published data through selectors."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fazhi.core.access import PUBLIC, requires
from fazhi.core.audit import daily_heads


@requires(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    """Portal home."""
    return render(request, "portal/home.html", {"heads": daily_heads(days=7)[:3]})


@requires(PUBLIC)
def audit_heads(request: HttpRequest) -> HttpResponse:
    """Daily head hashes of the audit chain, so outsiders can check history was not rewritten."""
    heads = daily_heads(days=60)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"heads": [{**h, "day": h["day"].isoformat()} for h in heads]},
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "portal/audit_heads.html", {"heads": heads})
