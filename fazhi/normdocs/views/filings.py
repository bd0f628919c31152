"""Filing dashboard (due/overdue filings) and the filing body's registration and review."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.access import requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.normdocs import forms as F
from fazhi.normdocs import permissions as P
from fazhi.normdocs import policies, services
from fazhi.normdocs.selectors import staff as staff_selectors

STATES = [
    ("pending", "待登记"),
    ("reviewing", "待审查"),
    ("correction_overdue", "纠正报告逾期"),
    ("late", "逾期报备"),
]


@requires(P.FILE_REVIEW)
def filing_dashboard(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    state = request.GET.get("state", "")
    state = state if state in dict(STATES) else ""
    filings = staff_selectors.filing_list_visible_to(user=user, state=state).order_by(
        "due_on", "pk"
    )[:500]
    unfiled = staff_selectors.unfiled_overdue(user=user)[:200]
    return render(
        request,
        "normdocs/filing_dashboard.html",
        {
            "filings": filings,
            "unfiled": unfiled,
            "states": STATES,
            "state": state,
            "today": timezone.localdate(),
        },
    )


ACTIONS = {
    "register": (F.FilingRegisterForm, "备案登记"),
    "review": (F.FilingReviewForm, "备案审查"),
    "resubmit": (F.EmptyForm, "补充材料"),
    "correction": (F.CorrectionForm, "报告纠正情况"),
}


@require_POST
@requires(P.VIEW)
def filing_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    filing = staff_selectors.filing_get_visible(user=user, pk=pk)
    if action not in ACTIONS:
        raise Http404("页面不存在")
    if action in ("register", "review") and not policies.can_handle_filing(user, filing):
        raise Http404("页面不存在")
    if action in ("resubmit", "correction") and not policies.can(user, "file", filing.document):
        raise Http404("页面不存在")
    form_class, label = ACTIONS[action]
    form = form_class(request.POST, prefix=f"filing{filing.pk}")
    if not form.is_valid():
        messages.error(request, f"{label}：请检查填写内容")
        return redirect(filing.document)
    data = form.cleaned_data
    try:
        if action == "register":
            services.filing_register(
                actor=user, filing=filing, outcome=data["outcome"], notes=data["notes"]
            )
        elif action == "review":
            services.filing_review_record(
                actor=user, filing=filing, outcome=data["outcome"], notes=data["notes"]
            )
        elif action == "resubmit":
            services.filing_resubmit(actor=user, filing=filing)
        else:
            services.correction_report_submit(actor=user, filing=filing, report=data["report"])
    except DomainError as exc:
        messages.error(request, f"{label}：{exc.message}")
    else:
        messages.success(request, f"{label}：已完成")
    return redirect(filing.document)
