"""Staff search page: one box over every module, results limited to the user's scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import access

from . import selectors
from .forms import SearchForm
from .permissions import SEARCH

PER_PAGE = 20


@access.requires(SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    """Ranked, highlighted hits; empty query shows nothing."""
    form = SearchForm(request.GET or None)
    results = None
    page = 1
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        page = data.get("page") or 1
        if data["q"].strip():
            results = selectors.search(
                data["q"],
                user=request.user,
                kinds=[data["kind"]] if data["kind"] else None,
                unit=data["unit_obj"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                limit=PER_PAGE,
                offset=(page - 1) * PER_PAGE,
            )
    pages = 0
    if results is not None:
        pages = min(500, (results.total + PER_PAGE - 1) // PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "page": page,
            "pages": pages,
            "base_query": query.urlencode(),
        },
    )
