"""Staff pages of the pre-check: pasted-text check, a run's findings, decisions, rule statistics."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.core.tables import Column, xlsx_response
from fazhi.precheck import selectors, services
from fazhi.precheck.forms import CheckForm
from fazhi.precheck.models import CheckRun, Finding
from fazhi.precheck.permissions import CHECK, DECIDE, STATS, VIEW
from fazhi.precheck.rules import BY_CODE

STAT_COLUMNS = [
    Column("code", "规则"),
    Column("title", "名称", value=lambda s: s.rule.title),
    Column("category", "类别", value=lambda s: s.rule.category),
    Column("citation", "依据", value=lambda s: s.rule.citation),
    Column("total", "提示数"),
    Column("accepted", "采纳"),
    Column("dismissed", "不采纳"),
    Column("pending", "待确认"),
    Column("acceptance", "采纳率", value=lambda s: s.acceptance_label),
]


@requires(CHECK)
def check(request: HttpRequest) -> HttpResponse:
    """Paste a draft and see what the rules flag (stored as a run of the user's unit)."""
    user = staff_user(request)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.adhoc_check(actor=user, text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error("text" if exc.field == "text" else None, exc.message)
        else:
            return redirect("precheck:run-detail", pk=run.pk)
    return render(
        request, "precheck/check.html", {"form": form, "can_stats": access.has_perm(user, STATS)}
    )


@requires(VIEW)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    run = selectors.run_get_visible(user=user, pk=pk)
    return render(
        request,
        "precheck/run_detail.html",
        {"run": run, **panel_context(user, run)},
    )


def panel_context(user: object, run: CheckRun | None) -> dict[str, object]:
    """What `_panel.html` needs for one run."""
    if run is None:
        return {"run": None, "rows": [], "can_decide": False}
    return {
        "run": run,
        "rows": selectors.finding_rows(run),
        "can_decide": selectors.can_decide(user=user, run=run),
    }


def _back(run: CheckRun, finding_pk: int) -> str:
    if run.document_id:
        url = reverse("normdocs:document-detail", kwargs={"pk": run.document_id})
    else:
        url = reverse("precheck:run-detail", kwargs={"pk": run.pk})
    return f"{url}#finding-{finding_pk}"


def _decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    user = staff_user(request)
    finding = selectors.finding_get_for_decision(user=user, pk=pk)
    try:
        finding = services.finding_decide(
            actor=user, finding=finding, decision=decision, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, f"预审提示：{exc.message}")
    else:
        messages.success(request, f"预审提示已标记为“{finding.get_status_display()}”")
    return redirect(_back(finding.run, finding.pk))


@require_POST
@requires(DECIDE)
def finding_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, Finding.Status.ACCEPTED)


@require_POST
@requires(DECIDE)
def finding_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, Finding.Status.DISMISSED)


@requires(STATS)
def rule_stats(request: HttpRequest) -> HttpResponse:
    """Per-rule acceptance rates in the user's scope, and the reasons given for dismissals."""
    user = staff_user(request)
    stats = selectors.rule_stats(user=user)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="预审规则采纳率", title="预审规则采纳率", columns=STAT_COLUMNS, rows=stats
        )
    code = request.GET.get("rule", "")
    rule = BY_CODE.get(code)
    dismissals = selectors.recent_dismissals(user=user, rule_code=code) if rule else []
    return render(
        request,
        "precheck/rule_stats.html",
        {"stats": stats, "rule": rule, "dismissals": dismissals},
    )
