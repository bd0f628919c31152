"""Case pages: list (filters, sort, export), new clue, detail with timeline, gates and step forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.tables import Column, Table
from fazhi.enforcement import forms, policies, selectors, services
from fazhi.enforcement.attachments import EVIDENCE_STAGES, evidence_stage_for
from fazhi.enforcement.models import Case, CaseOfficer, Officer, PowerItem
from fazhi.enforcement.permissions import (
    APPROVE_CASES,
    HANDLE_CASES,
    MANAGE_PUBLICITY,
    REVIEW_CASES,
    VIEW_CASES,
)
from fazhi.enforcement.transitions import allowed_targets

S = Case.Status
COLUMNS = [
    Column("number", "案件编号", order_by="number"),
    Column("title", "案由", order_by="title"),
    Column("org_unit", "办案单位", order_by="org_unit__path", value=lambda c: c.org_unit.name),
    Column("kind", "类型", order_by="kind"),
    Column("procedure", "程序", order_by="procedure"),
    Column("status", "状态", order_by="status"),
    Column("filed_on", "立案日期", order_by="filed_on"),
    Column("decision_due_on", "决定期限", order_by="decision_due_on"),
    Column("amount", "罚没金额", order_by="amount"),
]


@access.requires(VIEW_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases in scope with search, filters, sorting, paging and Excel export."""
    q, status, kind = (request.GET.get(k, "").strip() for k in ("q", "status", "kind"))
    qs = selectors.case_list_visible_to(
        request.user,
        q=q,
        status=status if status in S.values else "",
        kind=kind if kind in Case.Kind.values else "",
    )
    table = Table(request, qs, COLUMNS, default_sort="-filed_on")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="执法案件", title="执法案件")
    return render(
        request,
        "enforcement/case_list.html",
        {
            "table": table,
            "page": table.page,
            "q": q,
            "status": status,
            "kind": kind,
            "statuses": S.choices,
            "kinds": Case.Kind.choices,
            "can_create": access.has_perm(request.user, HANDLE_CASES),
        },
    )


@access.requires(HANDLE_CASES)
def case_new(request: HttpRequest) -> HttpResponse:
    """Register a clue in one of the user's units."""
    user = staff_user(request)
    items = access.visible(
        PowerItem.objects.filter(
            active=True, category__in=[PowerItem.Category.PENALTY, PowerItem.Category.INSPECTION]
        ),
        user,
        HANDLE_CASES,
    )
    form = forms.CaseForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        item = data.pop("power_item")
        try:
            case = services.case_create(actor=user, unit=item.org_unit, power_item=item, **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已登记案件线索")
            return redirect(case)
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": "登记案件线索", "back": "enforcement:case-list"},
    )


@access.requires(VIEW_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about a case: facts, officers, deadlines, gates, timeline, step forms."""
    user = staff_user(request)
    case = selectors.case_get_visible(user, pk)
    can = {
        "handle": access.can_reach_unit(user, HANDLE_CASES, case.org_unit),
        "approve": access.can_reach_unit(user, APPROVE_CASES, case.org_unit),
        "review": access.can_reach_unit(user, REVIEW_CASES, case.org_unit),
        "publicity": access.can_reach_unit(user, MANAGE_PUBLICITY, case.org_unit),
    }
    targets = allowed_targets(case)
    panels = [
        (name, spec[0], spec[1], _form_for(name, case, None))
        for name, spec in ACTIONS.items()
        if _offered(name, case, targets, can)
    ]
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "assignments": CaseOfficer.objects.filter(case=case).select_related("officer"),
            "events": case.events.select_related("actor"),
            "reviews": case.legal_reviews.select_related("reviewer"),
            "extensions": case.extensions.all(),
            "transfer": getattr(case, "transfer", None),
            "blockers": policies.decision_blockers(case) if S.DECIDED in targets else [],
            "panels": panels,
            "can": can,
            "evidence_stages": EVIDENCE_STAGES,
            "evidence_stage": evidence_stage_for(case),
        },
    )


def _offered(name: str, case: Case, targets: set[str], can: dict[str, bool]) -> bool:
    label, perm_key, target = ACTIONS[name][0], ACTIONS[name][1], ACTIONS[name][2]
    del label
    if not can.get(perm_key):
        return False
    if target is None:
        return _extra_offered(name, case)
    return target in targets


def _extra_offered(name: str, case: Case) -> bool:
    transfer = getattr(case, "transfer", None)
    return {
        "assign": case.status
        not in (S.DECIDED, S.SERVED, S.EXECUTING, S.CLOSED, S.ARCHIVED, S.NOT_FILED),
        "extend": case.decision_due_on is not None
        and case.status
        in (
            S.FILED,
            S.INVESTIGATING,
            S.INVESTIGATION_CLOSED,
            S.NOTICE,
            S.STATEMENT,
            S.HEARING,
            S.LEGAL_REVIEW,
        ),
        "hearing_held": case.status == S.HEARING and not case.hearing_held,
        "review": case.status == S.LEGAL_REVIEW,
        "publish": case.publicity == Case.Publicity.PENDING,
        "withdraw": case.publicity == Case.Publicity.PUBLISHED,
        "transfer_resolve": transfer is not None and transfer.status == "reported",
        "transfer_send": transfer is not None and transfer.status == "approved",
        "police_result": transfer is not None and transfer.status == "transferred",
    }.get(name, False)


def _form_for(name: str, case: Case, data: Any) -> djforms.Form:
    """The step's form; ids carry the step name so the labels of the forms on one page stay unique."""
    kind = ACTIONS[name][3]
    auto_id = f"{name}-%s"
    if name == "assign":
        officers = Officer.objects.filter(case.org_unit.subtree_q("org_unit__path"), active=True)
        lead = CaseOfficer.objects.filter(case=case, role=CaseOfficer.Role.LEAD).exists()
        role = CaseOfficer.Role.ASSIST if lead else CaseOfficer.Role.LEAD
        return forms.AssignForm(data, officers=officers, auto_id=auto_id, initial={"role": role})
    if name == "decide":
        tiers = selectors.tiers_for_power_item(case.power_item)
        return forms.DecideForm(data, tiers=tiers, auto_id=auto_id)
    return kind(data, auto_id=auto_id)


def _advance(target: str) -> Callable[[Case, Any, dict[str, Any]], Any]:
    def run(case: Case, user: Any, d: dict[str, Any]) -> Any:
        extra = {k: d[k] for k in ("penalty_types", "amount", "paid_on") if d.get(k) is not None}
        return services.case_advance(
            case=case, actor=user, target=target, on=d["on"], note=d.get("note", ""), **extra
        )

    return run


# action → (label, permission key, graph target or None, form class, handler)
ACTIONS: dict[str, tuple[str, str, str | None, Any, Callable[[Case, Any, dict[str, Any]], Any]]] = {
    "file": (
        "立案",
        "approve",
        S.FILED,
        forms.DateOnlyForm,
        lambda c, u, d: services.case_file(case=c, actor=u, filed_on=d["on"]),
    ),
    "not_filed": ("不予立案", "approve", S.NOT_FILED, forms.DateOnlyForm, _advance(S.NOT_FILED)),
    "assign": (
        "指派执法人员",
        "handle",
        None,
        forms.AssignForm,
        lambda c, u, d: services.case_assign_officer(
            case=c, actor=u, officer=d["officer"], role=d["role"], on=d["on"]
        ),
    ),
    "investigate": (
        "开始调查取证",
        "handle",
        S.INVESTIGATING,
        forms.DateOnlyForm,
        _advance(S.INVESTIGATING),
    ),
    "close_investigation": (
        "调查终结",
        "handle",
        S.INVESTIGATION_CLOSED,
        forms.DateOnlyForm,
        _advance(S.INVESTIGATION_CLOSED),
    ),
    "notice": ("事先告知", "handle", S.NOTICE, forms.NoticeForm, _advance(S.NOTICE)),
    "statement": ("登记陈述申辩", "handle", S.STATEMENT, forms.DateOnlyForm, _advance(S.STATEMENT)),
    "hearing": ("登记听证申请", "handle", S.HEARING, forms.DateOnlyForm, _advance(S.HEARING)),
    "hearing_held": (
        "登记听证举行",
        "handle",
        None,
        forms.DateOnlyForm,
        lambda c, u, d: services.case_record_hearing(
            case=c, actor=u, held_on=d["on"], note=d.get("note", "")
        ),
    ),
    "submit_review": (
        "提交法制审核",
        "handle",
        S.LEGAL_REVIEW,
        forms.DateOnlyForm,
        _advance(S.LEGAL_REVIEW),
    ),
    "review": (
        "法制审核",
        "review",
        None,
        forms.ReviewForm,
        lambda c, u, d: services.legal_review_record(
            case=c,
            reviewer=u,
            result=d["result"],
            opinion=d["opinion"],
            reviewed_on=d["reviewed_on"],
        ),
    ),
    "extend": (
        "延长办案期限",
        "approve",
        None,
        forms.ExtendForm,
        lambda c, u, d: services.case_extend(
            case=c, actor=u, days=d["days"], reason=d["reason"], approved_on=d["approved_on"]
        ),
    ),
    "decide": (
        "作出处罚决定",
        "approve",
        S.DECIDED,
        forms.DecideForm,
        lambda c, u, d: services.case_decide(
            case=c,
            actor=u,
            decided_on=d["decided_on"],
            decision_number=d["decision_number"],
            penalty_types=d["penalty_types"],
            amount=d["amount"],
            benchmark_tier=d["benchmark_tier"],
            deviation_reason=d["deviation_reason"],
            summary=d["summary"],
        ),
    ),
    "no_penalty": (
        "决定不予处罚",
        "approve",
        S.NO_PENALTY,
        forms.DateOnlyForm,
        _advance(S.NO_PENALTY),
    ),
    "serve": (
        "送达",
        "handle",
        S.SERVED,
        forms.ServeForm,
        lambda c, u, d: services.case_serve(case=c, actor=u, served_on=d["served_on"]),
    ),
    "execute": ("进入执行", "handle", S.EXECUTING, forms.DateOnlyForm, _advance(S.EXECUTING)),
    "close": ("结案", "approve", S.CLOSED, forms.CloseForm, _advance(S.CLOSED)),
    "archive": ("归档", "handle", S.ARCHIVED, forms.DateOnlyForm, _advance(S.ARCHIVED)),
    "publish": (
        "公示",
        "publicity",
        None,
        forms.PublishForm,
        lambda c, u, d: services.case_publish(case=c, actor=u, published_on=d["on"]),
    ),
    "withdraw": (
        "撤回公示",
        "publicity",
        None,
        forms.PublishForm,
        lambda c, u, d: services.case_withdraw_publicity(
            case=c, actor=u, on=d["on"], reason=d.get("reason", "")
        ),
    ),
    "transfer": (
        "移送司法机关",
        "handle",
        S.TRANSFERRED,
        forms.TransferForm,
        lambda c, u, d: services.transfer_report(
            case=c,
            actor=u,
            reason=d["reason"],
            reported_on=d["reported_on"],
            materials=dict.fromkeys(d["materials"], True),
        ),
    ),
    "transfer_resolve": (
        "移送审批",
        "approve",
        None,
        forms.TransferResolveForm,
        lambda c, u, d: services.transfer_resolve(
            case=c, actor=u, approved=d["approved"], on=d["on"]
        ),
    ),
    "transfer_send": (
        "移送公安机关",
        "handle",
        None,
        forms.TransferSendForm,
        lambda c, u, d: services.transfer_send(
            case=c,
            actor=u,
            on=d["on"],
            agency=d["agency"],
            materials=dict.fromkeys(d["materials"], True),
        ),
    ),
    "police_result": (
        "公安机关决定",
        "handle",
        None,
        forms.PoliceResultForm,
        lambda c, u, d: services.transfer_police_result(
            case=c, actor=u, accepted=d["accepted"], on=d["on"]
        ),
    ),
}


@require_POST
@access.requires(VIEW_CASES)
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one step form posted from the case page; refusals come back as messages."""
    user = staff_user(request)
    case = selectors.case_get_visible(user, pk)
    if action not in ACTIONS:
        raise Http404("页面不存在")
    label, _, _, _, handler = ACTIONS[action]
    form = _form_for(action, case, request.POST)
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[f].label if f in form.fields else ''}：{'，'.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, f"{label}未完成：{errors}")
        return redirect(case)
    try:
        handler(case, user, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, f"{label}未完成：{exc.message}")
    else:
        messages.success(request, f"{label}：已办理")
    return redirect(case)


@access.requires(VIEW_CASES)
def publicity_queue(request: HttpRequest) -> HttpResponse:
    """Decisions to publish (due / overdue) and published ones to withdraw."""
    rows = selectors.publicity_queue_visible_to(user=request.user)
    table = Table(
        request,
        rows,
        [
            Column("number", "案件编号", order_by="number"),
            Column("title", "案由"),
            Column("org_unit", "办案单位", value=lambda c: c.org_unit.name),
            Column("decided_on", "决定日期", order_by="decided_on"),
            Column("publicity", "公示状态", order_by="publicity"),
            Column("publish_due_on", "公示期限", order_by="publish_due_on"),
            Column("withdraw_due_on", "撤回期限", order_by="withdraw_due_on"),
        ],
        default_sort="publish_due_on",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="公示队列", title="公示队列")
    return render(
        request,
        "enforcement/queue.html",
        {"table": table, "page": table.page, "title": "公示管理", "today": services.common.today()},
    )


@access.requires(REVIEW_CASES)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Cases waiting for legal review in the reviewer's scope."""
    rows = selectors.legal_review_queue_visible_to(user=request.user, perm=REVIEW_CASES)
    table = Table(
        request,
        rows,
        [
            Column("number", "案件编号", order_by="number"),
            Column("title", "案由"),
            Column("org_unit", "办案单位", value=lambda c: c.org_unit.name),
            Column("amount", "拟罚没金额", order_by="amount"),
            Column("decision_due_on", "决定期限", order_by="decision_due_on"),
        ],
        default_sort="decision_due_on",
    )
    return render(
        request,
        "enforcement/queue.html",
        {"table": table, "page": table.page, "title": "法制审核", "today": services.common.today()},
    )
