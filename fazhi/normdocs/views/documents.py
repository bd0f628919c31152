"""Document list, creation, detail with timeline and step forms, versions and diff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.core.tables import Column, Table
from fazhi.normdocs import gates, policies, selectors, services
from fazhi.normdocs import permissions as P
from fazhi.normdocs.diff import diff_articles, diff_summary
from fazhi.normdocs.forms import DocumentForm
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.selectors import staff as staff_selectors
from fazhi.normdocs.services.comments import HANDLING_STATUSES
from fazhi.normdocs.steps import BY_SLUG, available_steps, initial_for
from fazhi.normdocs.transitions import EDITABLE

COLUMNS = [
    Column("title", "标题", order_by="title"),
    Column("doc_number", "文号", order_by="doc_number"),
    Column("org_unit", "制定机关", order_by="org_unit__name"),
    Column("kind", "类别", order_by="kind"),
    Column("status", "状态", order_by="status"),
    Column("published_on", "公布日期", order_by="published_on"),
    Column("expires_on", "有效期至", order_by="expires_on"),
]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@requires(P.VIEW)
def document_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    g = request.GET
    filters = {
        "q": g.get("q", "")[:100],
        "status": g.get("status", "") if g.get("status") in NormativeDocument.Status.values else "",
        "issuer_id": _int(g.get("issuer")),
        "year": _int(g.get("year")),
        "kind": g.get("kind", "") if g.get("kind") in NormativeDocument.Kind.values else "",
        "expiring": g.get("expiring") == "1",
    }
    qs = staff_selectors.document_list_visible_to(user=user, **filters)
    table = Table(request, qs, COLUMNS, default_sort="-published_on")
    if g.get("export") == "xlsx":
        return table.export(filename="规范性文件", title="规范性文件")
    issuers = access.visible(OrgUnit.objects.all(), user, P.VIEW, "self")[:300]
    return render(
        request,
        "normdocs/document_list.html",
        {
            "table": table,
            "page": table.page,
            "filters": filters,
            "statuses": NormativeDocument.Status.choices,
            "kinds": NormativeDocument.Kind.choices,
            "issuers": issuers,
            "can_draft": access.has_perm(user, P.DRAFT),
        },
    )


@requires(P.DRAFT)
def document_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = access.visible(OrgUnit.objects.filter(active=True), user, P.DRAFT, "self")
    form = DocumentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.document_create(actor=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已创建草案")
            return redirect(doc)
    return render(request, "normdocs/document_form.html", {"form": form})


def _detail(
    request: HttpRequest, doc: NormativeDocument, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    """The detail page; `failed` = (step slug, bound form) re-opens a refused step with its input."""
    user = staff_user(request)
    steps = []
    for s in available_steps(user, doc):
        if failed and failed[0] == s.slug:
            steps.append((s, failed[1]))
        else:
            steps.append((s, s.form(initial=initial_for(s, doc), prefix=s.slug)))
    periods = doc.comment_periods.prefetch_related("comments")
    filings = list(doc.filings.select_related("filed_to"))
    return render(
        request,
        "normdocs/document_detail.html",
        {
            "doc": doc,
            "gate": gates.current_gate(doc),
            "steps": steps,
            "open_step": failed[0] if failed else "",
            "events": doc.events.select_related("actor"),
            "versions": doc.versions.all(),
            "periods": periods,
            "reviews": doc.legality_reviews.select_related("reviewer"),
            "fair_reviews": doc.fair_reviews.all(),
            "deliberations": doc.deliberations.all(),
            "filings": [(f, policies.can_handle_filing(user, f)) for f in filings],
            "can_comment": doc.status in HANDLING_STATUSES and policies.can(user, "comment", doc),
            "can_edit": doc.status in EDITABLE and policies.can(user, "edit", doc),
            "can_report": policies.can(user, "correction_report", doc),
            "public_status": selectors.public_status(doc) if doc.published_on else "",
            "successors": doc.successors.all(),
        },
    )


@requires(P.VIEW)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    return _detail(request, staff_selectors.document_get_visible(user=user, pk=pk))


@require_POST
@requires(P.VIEW)
def document_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Run one step; a refused or invalid one re-shows the page with the step open and its input kept."""
    user = staff_user(request)
    doc = staff_selectors.document_get_visible(user=user, pk=pk)
    spec = BY_SLUG.get(step)
    if spec is None or not policies.can(user, spec.action, doc):
        raise Http404("页面不存在")
    form = spec.form(request.POST, request.FILES, prefix=spec.slug)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(
                request, f"{spec.label}：{label}{'：' if label else ''}{'；'.join(errors)}"
            )
        return _refused(request, doc, spec.slug, form)
    try:
        result = spec.run(doc, user, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, f"{spec.label}：{exc.message}")
        if exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        return _refused(request, doc, spec.slug, form)
    except ObjectDoesNotExist:
        raise Http404("记录不存在") from None
    messages.success(request, f"{spec.label}：已完成")
    if isinstance(result, NormativeDocument) and result.pk != doc.pk:
        return redirect(result)
    return redirect(doc)


def _refused(request: HttpRequest, doc: NormativeDocument, slug: str, form: Any) -> HttpResponse:
    """Nothing was written: show the page again (fresh from the DB) with the step's form open."""
    if not any(s.slug == slug for s in available_steps(staff_user(request), doc)):
        return redirect(doc)  # a step posted from a table row (e.g. 处理意见): back to the page
    doc = staff_selectors.document_get_visible(user=staff_user(request), pk=doc.pk)
    return _detail(request, doc, failed=(slug, form))


@requires(P.VIEW)
def document_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Article-level differences between two versions, or against the amended predecessor."""
    user = staff_user(request)
    doc = staff_selectors.document_get_visible(user=user, pk=pk)
    versions = list(doc.versions.all())
    texts = {f"v{v.number}": (f"第{v.number}稿", v.text) for v in versions}
    if doc.supersedes_id:
        old = doc.supersedes
        texts["prev"] = (f"原文件 {old.doc_number or old.title}", old.body_text)
    keys = list(texts)
    a = (
        request.GET.get("a")
        if request.GET.get("a") in texts
        else (keys[-2] if len(keys) > 1 else None)
    )
    b = request.GET.get("b") if request.GET.get("b") in texts else (keys[-1] if keys else None)
    if "prev" in texts and not request.GET.get("a"):
        a, b = "prev", (f"v{versions[-1].number}" if versions else None)
    changes = diff_articles(texts[a][1], texts[b][1]) if a and b else []
    return render(
        request,
        "normdocs/document_diff.html",
        {
            "doc": doc,
            "options": [(k, v[0]) for k, v in texts.items()],
            "a": a,
            "b": b,
            "a_label": texts[a][0] if a else "",
            "b_label": texts[b][0] if b else "",
            "changes": changes,
            "summary": diff_summary(changes),
        },
    )
