"""REST endpoint of the search app (mounted at /api/search/): scoped, ranked, highlighted hits."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.core.errors import DomainError

from . import selectors
from .forms import SearchForm

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = ""
    kind: str = ""
    unit: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    limit: int = 20
    offset: int = 0


class HitOut(Schema):
    kind: str
    kind_label: str
    object_id: int
    title: str
    number: str
    status: str
    date: dt.date | None
    score: float
    snippet_html: str
    url: str


class ResultsOut(Schema):
    query: str
    total: int
    offset: int
    limit: int
    hits: list[HitOut]


@router.get("/", response=ResultsOut, summary="全文检索（仅返回调用者授权范围内的记录）")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, object]:
    form = SearchForm(
        {
            "q": params.q,
            "kind": params.kind,
            "unit": params.unit or "",
            "date_from": params.date_from or "",
            "date_to": params.date_to or "",
        }
    )
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise DomainError(str(errors[0]), field=field)
    if not 1 <= params.limit <= selectors.MAX_LIMIT:
        raise DomainError(f"limit 须在 1 至 {selectors.MAX_LIMIT} 之间", field="limit")
    if not 0 <= params.offset <= selectors.MAX_OFFSET:
        raise DomainError(f"offset 须在 0 至 {selectors.MAX_OFFSET} 之间", field="offset")
    data = form.cleaned_data
    results = selectors.search(
        data["q"],
        user=request.user,
        kinds=[data["kind"]] if data["kind"] else None,
        unit=data["unit_obj"],
        date_from=data["date_from"],
        date_to=data["date_to"],
        limit=params.limit,
        offset=params.offset,
    )
    return {
        "query": results.query,
        "total": results.total,
        "offset": results.offset,
        "limit": results.limit,
        "hits": [h.__dict__ for h in results.hits],
    }
