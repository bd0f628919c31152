"""Public portal pages of enforcement publicity (执法公示): no login, published data only, masked.

Everything here reads `selectors_public`; nothing unpublished (drafts, withdrawn decisions,
abolished items) can reach these pages because those selectors filter it out first.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.access import PUBLIC, requires
from fazhi.core.models import OrgUnit
from fazhi.enforcement import selectors_public as public
from fazhi.enforcement.models import LenientListEntry, PowerItem

PER_PAGE = 20


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10**9 else None


def _filters(request: HttpRequest) -> dict[str, Any]:
    """Unit (only units with public data), keyword and year from the query string."""
    units = list(public.published_units())
    unit_id = _int(request.GET.get("unit"))
    unit: OrgUnit | None = next((u for u in units if u.pk == unit_id), None)
    return {
        "units": units,
        "unit": unit,
        "q": (request.GET.get("q") or "").strip()[:50],
        "year": _int(request.GET.get("year")),
    }


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


@requires(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    """执法公示 home: what is published, with counts."""
    counts = {
        "decisions": public.published_decisions().count(),
        "powers": public.published_power_items().count(),
        "benchmarks": public.published_benchmarks().count(),
        "lenient": public.published_lenient_lists().count(),
    }
    return render(request, "portal/enforcement/index.html", {"counts": counts})


@requires(PUBLIC)
def decisions(request: HttpRequest) -> HttpResponse:
    """Published penalty decisions (行政处罚决定公示), masked; filter by unit, year, keyword."""
    f = _filters(request)
    rows = public.published_decisions(unit=f["unit"], q=f["q"], year=f["year"])
    context = {**f, "page": _page(request, rows), "years": public.published_decision_years()}
    return render(request, "portal/enforcement/decisions.html", context)


@requires(PUBLIC)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """One published decision (404 when missing, never published or withdrawn)."""
    row = public.published_decision(pk)
    return render(request, "portal/enforcement/decision.html", {"d": row})


@requires(PUBLIC)
def powers(request: HttpRequest) -> HttpResponse:
    """Power and responsibility lists (权责清单) by unit."""
    f = _filters(request)
    category = request.GET.get("category", "")
    category = category if category in PowerItem.Category.values else ""
    rows = public.published_power_items(f["unit"], category=category, q=f["q"])
    context = {
        **f,
        "page": _page(request, rows),
        "category": category,
        "categories": PowerItem.Category.choices,
    }
    return render(request, "portal/enforcement/powers.html", context)


@requires(PUBLIC)
def benchmarks(request: HttpRequest) -> HttpResponse:
    """Discretion benchmarks (裁量基准) with their tiers."""
    f = _filters(request)
    rows = public.published_benchmarks(f["unit"], q=f["q"])
    return render(
        request, "portal/enforcement/benchmarks.html", {**f, "page": _page(request, rows)}
    )


@requires(PUBLIC)
def benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    bench = public.published_benchmark(pk)
    return render(request, "portal/enforcement/benchmark.html", {"bench": bench})


@requires(PUBLIC)
def lenient(request: HttpRequest) -> HttpResponse:
    """The four lists (不予处罚/从轻/减轻/免予强制), grouped by list."""
    f = _filters(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in LenientListEntry.ListKind.values else ""
    rows = public.published_lenient_lists(f["unit"], list_kind=kind)
    page = _page(request, rows)
    context = {**f, "page": page, "kind": kind, "kinds": LenientListEntry.ListKind.choices}
    return render(request, "portal/enforcement/lenient.html", context)
