"""The only read path of search: scoped, filtered, ranked hits with highlighted snippets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import tantivy
from django.utils.safestring import SafeString, mark_safe

from fazhi.core import access

from . import engine
from .registry import SPECS
from .text import Term, parse_query, snippet

MAX_LIMIT = 100
MAX_OFFSET = 10_000
Occur = tantivy.Occur


@dataclass
class Hit:
    """One search result."""

    kind: str
    kind_label: str
    object_id: int
    title: str
    number: str
    status: str
    date: dt.date | None
    score: float
    title_html: SafeString
    snippet_html: SafeString
    url: str


@dataclass
class Results:
    """A page of results and the total number of matches."""

    query: str
    terms: list[Term]
    total: int
    hits: list[Hit] = field(default_factory=list)
    offset: int = 0
    limit: int = 20


def _term(field_name: str, value: Any) -> tantivy.Query:
    return tantivy.Query.term_query(engine.SCHEMA, field_name, value)


def _any_of(field_name: str, values: list[str]) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Should, _term(field_name, v)) for v in values])


_GRAM_FIELDS = {1: "uni", 2: "bi", 3: "tri", 4: "quad"}


def _term_query(term: Term) -> tantivy.Query:
    """A term matches title or body exactly as a substring.

    Up to four characters it is one term of the matching n-gram field (posting lists without
    positions, ranked top-k without touching every match); longer, a phrase of its covering 4-grams.
    """
    n = len(term.norm)
    if n in _GRAM_FIELDS:
        suffix = _GRAM_FIELDS[n]
        title, body = _term(f"title_{suffix}", term.norm), _term(f"body_{suffix}", term.norm)
    else:
        cover = term.cover
        title = tantivy.Query.phrase_query(engine.SCHEMA, "title_quad", cover)
        body = tantivy.Query.phrase_query(engine.SCHEMA, "body_quad", cover)
    return tantivy.Query.boolean_query(
        [(Occur.Should, tantivy.Query.boost_query(title, 3.0)), (Occur.Should, body)]
    )


def _date_range(name: str, lo: dt.date | None, hi: dt.date | None) -> tantivy.Query:
    """Days from `lo` through `hi` (either side open)."""
    return tantivy.Query.range_query(
        engine.SCHEMA,
        name,
        tantivy.FieldType.Date,
        engine.to_datetime(lo) if lo else None,
        engine.to_datetime(hi) if hi else None,
    )


def _scope_query(user: Any, kinds: list[str]) -> tantivy.Query | None:
    """Which records of `kinds` the user may see; None when nothing."""
    clauses = []
    for kind in kinds:
        spec = SPECS[kind]
        terms = [
            f"{perm}|p:{s.path}" if s.subtree else f"{perm}|u:{s.unit_id}"
            for perm in spec.perms
            for s in access.scopes(user, perm)
        ]
        if not terms:
            continue
        clauses.append(
            (
                Occur.Should,
                tantivy.Query.boolean_query(
                    [(Occur.Must, _term("kind", kind)), (Occur.Must, _any_of("scope", terms))]
                ),
            )
        )
    if not clauses:
        return None
    return tantivy.Query.boolean_query(clauses)


def search(
    query: str,
    *,
    user: Any = None,
    public: bool = False,
    kinds: list[str] | None = None,
    unit: Any = None,
    status: list[str] | None = None,
    tags: list[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    valid_from_range: tuple[dt.date | None, dt.date | None] | None = None,
    limit: int = 20,
    offset: int = 0,
    order: str = "score",
) -> Results:
    """Search the index.

    Exactly one audience: `public=True` (portal: published records only) or a staff `user` (records
    inside the user's scope for each kind's view permission). Terms are AND-ed; each term matches as an
    exact substring of title, 文号 or body. An empty query lists the filtered records by date.
    `valid_from_range` filters on the record's `valid_from` day (e.g. 施行日期 ≤ today for 现行有效).
    """
    terms = parse_query(query)
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    kinds = [k for k in (kinds or list(SPECS)) if k in SPECS]
    results = Results(query=query, terms=terms, total=0, offset=offset, limit=limit)
    if not kinds:
        return results
    must: list[tuple[Any, tantivy.Query]] = [(Occur.Must, _term_query(t)) for t in terms]
    if public:
        must.append((Occur.Must, _term("public", 1)))
        must.append((Occur.Must, _any_of("kind", kinds)))
    else:
        if user is None:
            return results
        scope = _scope_query(user, kinds)
        if scope is None:
            return results
        must.append((Occur.Must, scope))
    if unit is not None:
        must.append((Occur.Must, _term("scope", f"p:{unit.path}")))
    if status:
        must.append((Occur.Must, _any_of("status", list(status))))
    for tag in tags or []:
        must.append((Occur.Must, _term("tag", tag)))
    if date_from or date_to:
        must.append((Occur.Must, _date_range("date", date_from, date_to)))
    if valid_from_range and any(valid_from_range):
        must.append((Occur.Must, _date_range("valid_from", *valid_from_range)))
    if not terms:
        must.append((Occur.Must, tantivy.Query.all_query()))
    q = tantivy.Query.boolean_query(must)
    searcher = engine.searcher()
    if terms and order == "score":
        found = searcher.search(q, limit=limit, offset=offset, count=True)
    else:
        found = searcher.search(q, limit=limit, offset=offset, count=True, order_by_field="date")
    results.total = found.count or 0
    for score, address in found.hits:
        results.hits.append(_hit(searcher.doc(address), score, terms, public=public))
    return results


def _first(doc: tantivy.Document, name: str, default: Any = "") -> Any:
    values = doc.get_all(name)
    return values[0] if values else default


def _hit(doc: tantivy.Document, score: Any, terms: list[Term], *, public: bool) -> Hit:
    kind = _first(doc, "kind")
    spec = SPECS.get(kind)
    object_id = int(_first(doc, "object_id", 0))
    title = _first(doc, "title")
    when = _first(doc, "date", None)
    if spec is None:
        url = ""
    elif public and spec.public_url:
        url = spec.public_url(object_id)
    else:
        url = spec.staff_url(object_id)
    return Hit(
        kind=kind,
        kind_label=spec.label if spec else kind,
        object_id=object_id,
        title=title,
        number=_first(doc, "number"),
        status=_first(doc, "status"),
        date=when.date() if isinstance(when, dt.datetime) else None,
        score=float(score) if isinstance(score, float) else 0.0,
        title_html=mark_safe(snippet(title, terms, width=200)),  # noqa: S308 — escaped in snippet()
        snippet_html=mark_safe(snippet(_first(doc, "body"), terms)),  # noqa: S308
        url=url,
    )
