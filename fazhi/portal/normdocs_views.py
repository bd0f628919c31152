"""统一公开查询平台: public search, document pages, downloads and review suggestions (no login).

Everything here reads published documents only, through `fazhi.normdocs.selectors` (the DB) and
`fazhi.search` with `public=True` (the index). Search hits are re-read from the DB through the
public selector, so a stale index entry can never show an unpublished record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.access import PUBLIC, requires
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.core.tables import Column, xlsx_response
from fazhi.normdocs import export, pagecache, selectors
from fazhi.normdocs.articles import NUMERAL, Article, chinese_to_int, find_article, int_to_chinese
from fazhi.normdocs.diff import diff_articles, diff_summary
from fazhi.normdocs.models import CleanupItem, NormativeDocument
from fazhi.search import selectors as search
from fazhi.search.text import normalise, parse_query, snippet

KIND = "normdocs.document"
CLEANUP_OUTCOMES = [c for c in CleanupItem.Outcome.choices if c[0]]
PER_PAGE = 20
MAX_PAGE = 500  # the search engine pages up to offset 10,000
EXPORT_MAX = 5000
CITATION = re.compile(rf"第({NUMERAL})条")
STATUS_CHOICES = list(selectors.PUBLIC_STATUS_LABELS.items())
BADGE = {
    "current": "ok",
    "pending": "",
    "amended": "warn",
    "repealed": "danger",
    "expired": "muted",
}


@dataclass
class Filters:
    """The list page's query, parsed; `errors` says which inputs were ignored and why."""

    q: str = ""
    issuer_id: int | None = None
    year: int | None = None
    doc_number: str = ""
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    order: str = "score"
    errors: list[str] = field(default_factory=list)

    def querystring(self, **extra: Any) -> str:
        """The filters as a query string (for pagination and export links)."""
        values = {
            "q": self.q,
            "issuer": self.issuer_id or "",
            "year": self.year or "",
            "number": self.doc_number,
            "status": self.status,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "order": "" if self.order == "score" else self.order,
        } | extra
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _int(value: str, low: int, high: int) -> int | None:
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _date(value: str, label: str, errors: list[str]) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        errors.append(f"{label}格式应为“年-月-日”，已忽略")
        return None
    return day


def parse_filters(request: HttpRequest) -> Filters:
    """Read the list page's GET parameters; junk is ignored with a message, never a 500."""
    g = request.GET
    f = Filters(q=" ".join(g.get("q", "").replace("\x00", "").split())[:100])
    f.issuer_id = _int(g.get("issuer", ""), 1, 10**9)
    f.year = _int(g.get("year", ""), 1949, 2999)
    f.doc_number = g.get("number", "").replace("\x00", "").strip()[:60]
    status = g.get("status", "")
    by_label = {label: code for code, label in STATUS_CHOICES}
    f.status = status if status in selectors.PUBLIC_STATUS_LABELS else by_label.get(status, "")
    f.date_from = _date(g.get("date_from", ""), "公布日期起", f.errors)
    f.date_to = _date(g.get("date_to", ""), "公布日期止", f.errors)
    if f.date_from and f.date_to and f.date_from > f.date_to:
        f.errors.append("起始日期晚于截止日期，已互换")
        f.date_from, f.date_to = f.date_to, f.date_from
    f.order = "date" if g.get("order") == "date" else "score"
    return f


def citation_query(q: str) -> tuple[str, int | None]:
    """Rewrite 第12条 / 第１２条 as 第十二条 (the documents' own form) and return the article cited."""
    cited: list[int] = []

    def canonical(match: re.Match[str]) -> str:
        try:
            number = chinese_to_int(match.group(1))
        except ValueError:
            return match.group(0)
        if not 0 < number < 10000:
            return match.group(0)
        cited.append(number)
        return f"第{int_to_chinese(number)}条"

    return CITATION.sub(canonical, q), (cited[0] if cited else None)


@dataclass
class Row:
    """One result line: the document, its public status and the highlighted title/snippet."""

    doc: NormativeDocument
    status_code: str
    title_html: SafeString
    snippet_html: SafeString = mark_safe("")  # noqa: S308 — empty
    article: Article | None = None
    article_html: SafeString = mark_safe("")  # noqa: S308 — empty

    @property
    def status_label(self) -> str:
        return selectors.PUBLIC_STATUS_LABELS[self.status_code]

    @property
    def badge(self) -> str:
        return BADGE[self.status_code]


@dataclass
class PageInfo:
    """Enough of a Django Page for the template's pager."""

    number: int
    num_pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _search_kwargs(f: Filters, today: dt.date) -> dict[str, Any]:
    tags = [f"issuer:{f.issuer_id}"] if f.issuer_id else []
    if f.year:
        tags.append(f"year:{f.year}")
    kwargs: dict[str, Any] = {"tags": tags, "date_from": f.date_from, "date_to": f.date_to}
    if f.status == "current":
        kwargs |= {"status": ["live"], "valid_from_range": (dt.date(1900, 1, 1), today)}
    elif f.status == "pending":
        tomorrow = today + dt.timedelta(days=1)  # a filter bound, not a deadline
        kwargs |= {"status": ["live"], "valid_from_range": (tomorrow, None)}
    elif f.status:
        kwargs["status"] = [f.status]
    return kwargs


def _search_ids(f: Filters, query: str, page: int) -> tuple[list[int], int]:
    """Ranked ids of one page of hits, and the total (through the index)."""
    today = timezone.localdate()
    kwargs = _search_kwargs(f, today) | {"public": True, "kinds": [KIND], "order": f.order}
    if not f.doc_number:
        found = search.search(query, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, **kwargs)
        return [h.object_id for h in found.hits], found.total
    # 文号 filter: the number must match the 文号 field, not just any text; its term narrows the
    # hits to the few documents that mention it, which are then checked one by one.
    wanted = normalise(f.doc_number)
    ids: list[int] = []
    for offset in range(0, 1000, search.MAX_LIMIT):
        found = search.search(
            f'{query} "{f.doc_number}"', limit=search.MAX_LIMIT, offset=offset, **kwargs
        )
        ids += [h.object_id for h in found.hits if wanted in normalise(h.number)]
        if offset + search.MAX_LIMIT >= found.total:
            break
    start = (page - 1) * PER_PAGE
    return ids[start : start + PER_PAGE], len(ids)


def _rows(docs: list[NormativeDocument], query: str, cited: int | None) -> list[Row]:
    terms = parse_query(query)
    rows = []
    for doc in docs:
        row = Row(
            doc=doc,
            status_code=selectors.public_status_code(doc),
            title_html=mark_safe(snippet(doc.title, terms, width=200)),  # noqa: S308 — escaped
            snippet_html=mark_safe(snippet(doc.body_text, terms)) if terms else mark_safe(""),  # noqa: S308
        )
        if cited:
            row.article = find_article(doc.body_text, f"第{cited}条")
            if row.article is not None:
                text = row.article.text
                others = [t for t in terms if not CITATION.fullmatch(t.raw)]
                row.article_html = mark_safe(snippet(text, others, width=len(text) + 1))  # noqa: S308
        rows.append(row)
    return rows


def search_page(f: Filters, page_number: int) -> tuple[list[Row], PageInfo]:
    """One page of results: ranked by the index when there is a query, else listed from the DB."""
    query, cited = citation_query(f.q)
    if parse_query(query):
        page_number = max(1, min(page_number, MAX_PAGE))
        ids, total = _search_ids(f, query, page_number)
        found = selectors.published_documents().in_bulk(ids)
        docs = [found[i] for i in ids if i in found]
        if f.status:  # the index groups 现行有效/已失效 by status only; the DB has the dates
            docs = [d for d in docs if selectors.public_status_code(d) == f.status]
        pages = max(1, -(-total // PER_PAGE))
        return _rows(docs, query, cited), PageInfo(page_number, min(pages, MAX_PAGE), total)
    page = Paginator(_listing(f), PER_PAGE).get_page(page_number)
    info = PageInfo(page.number, page.paginator.num_pages, page.paginator.count)
    return _rows(list(page.object_list), "", None), info


def _listing(f: Filters) -> QuerySet[NormativeDocument]:
    return selectors.published_document_list(
        issuer_id=f.issuer_id,
        year=f.year,
        doc_number=f.doc_number,
        status=f.status or None,
        date_from=f.date_from,
        date_to=f.date_to,
    )


def _issuers() -> QuerySet[OrgUnit]:
    """Units that have published at least one document (the issuer select)."""
    ids = selectors.published_documents().values("org_unit_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def _years() -> list[int]:
    docs = selectors.published_documents()
    years = set(docs.exclude(number_year=None).values_list("number_year", flat=True))
    years |= {d.year for d in docs.filter(number_year=None).dates("published_on", "year")}
    return sorted(years, reverse=True)


@require_GET
@requires(PUBLIC)
def document_list(request: HttpRequest) -> HttpResponse:
    """Search and filter the published documents; `?export=xlsx` downloads the filtered catalogue."""
    f = parse_filters(request)
    if request.GET.get("export") == "xlsx":
        return _export(f)
    page_number = _int(request.GET.get("page", ""), 1, MAX_PAGE) or 1
    rows, page = search_page(f, page_number)
    context = {
        "f": f,
        "rows": rows,
        "page": page,
        "cited": citation_query(f.q)[1],
        "issuers": _issuers(),
        "years": _years(),
        "statuses": STATUS_CHOICES,
        "qs": f.querystring(),
        "searching": bool(parse_query(f.q)),
    }
    return render(request, "portal/normdocs/list.html", context)


EXPORT_COLUMNS = [
    Column("title", "标题"),
    Column("doc_number", "文号"),
    Column("org_unit", "制定机关", value=lambda d: d.org_unit.name),
    Column("published_on", "公布日期"),
    Column("effective_on", "施行日期"),
    Column("expires_on", "有效期至"),
    Column("status", "效力状态", value=selectors.public_status),
    Column("url", "网址", value=lambda d: f"/normdocs/{d.pk}/"),
]


def _export(f: Filters) -> HttpResponse:
    """The filtered catalogue (search order when searching), up to EXPORT_MAX rows."""
    query, _ = citation_query(f.q)
    if not parse_query(query):
        docs: Any = _listing(f)[:EXPORT_MAX].iterator(chunk_size=1000)
    else:
        ids: list[int] = []
        for page in range(1, EXPORT_MAX // PER_PAGE + 1):
            chunk, total = _search_ids(f, query, page)
            ids += chunk
            if len(ids) >= total or not chunk:
                break
        found = selectors.published_documents().in_bulk(ids)
        docs = [found[i] for i in ids if i in found]
        if f.status:
            docs = [d for d in docs if selectors.public_status_code(d) == f.status]
    return xlsx_response(
        filename="规范性文件目录", title="规范性文件目录", columns=EXPORT_COLUMNS, rows=docs
    )


# ---- the document page --------------------------------------------------------------------------


class SuggestionForm(forms.Form):
    """审查建议 from the public."""

    TOO_LONG = "不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）"
    REQUIRED = "请填写此项"

    name = forms.CharField(
        label="姓名或单位名称",
        max_length=50,
        error_messages={"max_length": TOO_LONG, "required": REQUIRED},
    )
    contact = forms.CharField(
        label="联系方式（电话或电子邮箱）",
        max_length=100,
        error_messages={"max_length": TOO_LONG, "required": REQUIRED},
    )
    content = forms.CharField(
        label="建议内容（写明认为违法或不当的条款及理由）",
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "min_length": "建议内容过短，请写明问题及理由（至少 10 个字）",
            "max_length": TOO_LONG,
            "required": REQUIRED,
        },
    )


def _chain(doc: NormativeDocument, versions: list[NormativeDocument]) -> list[dict[str, Any]]:
    """立/改/废 history: the published amendment chain, then the document that repealed it."""
    rows: list[dict[str, Any]] = []
    for i, version in enumerate(versions):
        rows.append(
            {
                "doc": version,
                "relation": "立" if i == 0 else "改",
                "current": version.pk == doc.pk,
                "previous": versions[i - 1] if i else None,
                "status": selectors.public_status(version),
            }
        )
    last = versions[-1] if versions else doc
    if last.repealed_by_id and last.status == NormativeDocument.Status.REPEALED:
        repeal = selectors.published_documents().filter(pk=last.repealed_by_id).first()
        if repeal is not None:
            rows.append(
                {"doc": repeal, "relation": "废", "current": False, "previous": None, "status": ""}
            )
    return rows


PAGE_CACHE_SECONDS = 300
HTML_CACHE_SECONDS = 60


def _document_context(doc: NormativeDocument) -> dict[str, Any]:
    """What the document page shows; the DB part is cached per document version for 5 minutes.

    The key holds `updated_at`, which every service that changes the document touches, so its own
    changes show at once; changes elsewhere in its chain or in citing documents show within 5 min.
    """
    key = f"portal.normdocs.page.{doc.pk}.{doc.updated_at.isoformat() if doc.updated_at else ''}"
    parts = cache.get(key)
    if parts is None:
        versions = selectors.published_versions(doc)
        parts = {
            "blocks": export.text_blocks(doc.body_text, title=doc.title),
            "interpretation": selectors.published_interpretation(doc),
            "chain": _chain(doc, versions),
            "related": selectors.published_related(doc, versions=versions),
            "filing": selectors.published_filing_info(doc),
        }
        # Rendering the text and the history is most of the page's cost: keep them as HTML.
        parts["text_html"] = render_to_string("portal/normdocs/_text.html", parts)
        parts["aside_html"] = render_to_string("portal/normdocs/_aside.html", parts | {"doc": doc})
        cache.set(key, parts, PAGE_CACHE_SECONDS)
    code = selectors.public_status_code(doc)  # depends on today: never cached
    return parts | {
        "doc": doc,
        "status_code": code,
        "status_label": selectors.PUBLIC_STATUS_LABELS[code],
        "badge": BADGE[code],
    }


@require_GET
@requires(PUBLIC)
def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Full text with article anchors, interpretation, validity, history, related documents.

    The page holds nothing per visitor (the suggestion form has its own page), so the rendered HTML
    is kept for a minute and served without touching the database; only published documents are
    ever rendered, and a published document never becomes unpublished. A status change drops the
    cached page (`fazhi.normdocs.pagecache`), so 已修改/已废止/已失效 show at once.
    """
    key = pagecache.html_key(pk, timezone.localdate())
    html = cache.get(key)
    if html is None:
        doc = selectors.published_document_get(pk=pk)
        html = render_to_string("portal/normdocs/document.html", _document_context(doc), request)
        cache.set(key, html, HTML_CACHE_SECONDS)
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
@requires(PUBLIC)
def suggestion_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a 审查建议; the answer shows the tracking code. Bad input re-renders with errors."""
    doc = selectors.published_document_get(pk=pk)
    if request.method != "POST":
        return render(
            request, "portal/normdocs/suggest.html", {"doc": doc, "form": SuggestionForm()}
        )
    form = SuggestionForm(request.POST)
    if form.is_valid():
        try:
            item = selectors.review_suggestion_submit(document=doc, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            context = {"doc": doc, "code": item.tracking_code}
            return render(request, "portal/normdocs/suggestion_done.html", context)
    context = {"doc": doc, "form": form}
    return render(request, "portal/normdocs/suggest.html", context, status=400)


@require_GET
@requires(PUBLIC)
def suggestion_track(request: HttpRequest) -> HttpResponse:
    """Follow a suggestion by its tracking code: status and the public reply, nothing internal."""
    code = request.GET.get("code", "").strip()[:32]
    found = selectors.review_suggestion_track(code) if code else None
    context = {"code": code, "found": found, "searched": bool(code)}
    return render(request, "portal/normdocs/track.html", context)


@require_GET
@requires(PUBLIC)
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Article-level differences between two published versions of one amendment chain."""
    doc = selectors.published_document_get(pk=pk)
    versions = selectors.published_versions(doc)
    by_pk = {v.pk: v for v in versions}
    position = next((i for i, v in enumerate(versions) if v.pk == doc.pk), 0)
    default = versions[position - 1] if position > 0 else None
    other = by_pk.get(_int(request.GET.get("from", ""), 1, 10**12) or 0, default)
    if other is not None and other.pk == doc.pk:
        other = default
    old, new = other, doc
    if other is not None and versions.index(other) > position:
        old, new = doc, other
    changes = diff_articles(old.body_text, new.body_text) if old is not None else []
    context = {
        "doc": doc,
        "old": old,
        "new": new,
        "versions": versions,
        "other_pk": other.pk if other else None,
        "changes": [c for c in changes if c.kind != "same" or c.renumbered],
        "summary": diff_summary(changes),
    }
    return render(request, "portal/normdocs/diff.html", context)


@require_GET
@requires(PUBLIC)
def download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The document as Word (.docx)."""
    doc = selectors.published_document_get(pk=pk)
    data = export.docx_bytes(doc, issuer=doc.org_unit.name)
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _attachment(data, mime, export.filename(doc, "docx"))


@require_GET
@requires(PUBLIC)
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The document as PDF; a clear message (503) when the PDF engine is not installed."""
    doc = selectors.published_document_get(pk=pk)
    context = _document_context(doc) | {"issuer": doc.org_unit.name}
    html = render_to_string("portal/normdocs/print.html", context)
    try:
        data = export.pdf_bytes(doc, html=html)
    except export.PdfUnavailable:
        message = {
            "doc": doc,
            "message": "PDF 生成组件暂不可用（服务器未安装 WeasyPrint 所需的系统字体排版库），"
            "请改为下载 Word 版本或稍后再试。",
        }
        return render(request, "portal/normdocs/unavailable.html", message, status=503)
    return _attachment(data, "application/pdf", export.filename(doc, "pdf"))


def _attachment(data: bytes, mime: str, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# ---- cleanup results (清理结果) -------------------------------------------------------------------


@require_GET
@requires(PUBLIC)
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Published cleanup campaigns (清理结果公布)."""
    page = Paginator(selectors.published_campaigns(), PER_PAGE).get_page(
        _int(request.GET.get("page", ""), 1, MAX_PAGE) or 1
    )
    return render(request, "portal/normdocs/campaigns.html", {"page": page})


@require_GET
@requires(PUBLIC)
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The result list of one published cleanup: each document's outcome and the reason."""
    campaign = selectors.published_campaign_get(pk=pk)
    items = list(selectors.published_campaign_items(campaign))
    counts = {label: 0 for code, label in CLEANUP_OUTCOMES}
    for item in items:
        counts[item.get_outcome_display()] += 1
    context = {"campaign": campaign, "items": items, "counts": counts}
    return render(request, "portal/normdocs/campaign.html", context)
