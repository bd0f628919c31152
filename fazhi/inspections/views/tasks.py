"""Task pages: list, new task, the task page (commit, draw, cancel, publish), result forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.core.tables import Column, Table
from fazhi.inspections import forms, selectors, services
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.permissions import DRAW, MANAGE, PUBLISH, RECORD_RESULTS, VIEW
from fazhi.inspections.transitions import ALLOWED

from .registers import form_error, managed_units

S = InspectionTask.Status
COLUMNS = [
    Column("number", "任务编号", order_by="number"),
    Column("title", "任务名称", order_by="title"),
    Column("org_unit", "实施单位", order_by="org_unit__path", value=lambda t: t.org_unit.name),
    Column("status", "状态", order_by="status"),
    Column("drawn_count", "抽中户数", order_by="drawn_count"),
    Column("drawn_on", "抽取日期", order_by="drawn_on"),
    Column("results_due_on", "结果公示期限", order_by="results_due_on"),
    Column("published_on", "公开日期", order_by="published_on"),
]


@access.requires(VIEW)
def task_list(request: HttpRequest) -> HttpResponse:
    q, status = (request.GET.get(k, "").strip() for k in ("q", "status"))
    qs = selectors.task_list_visible_to(
        user=request.user, q=q, status=status if status in S.values else ""
    )
    table = Table(request, qs, COLUMNS, default_sort="-drawn_on")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="抽查任务", title="抽查任务")
    return render(
        request,
        "inspections/task_list.html",
        {
            "table": table,
            "page": table.page,
            "q": q,
            "status": status,
            "statuses": S.choices,
            "can_create": access.has_perm(request.user, MANAGE),
        },
    )


@access.requires(MANAGE)
def task_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = managed_units(user)
    items = selectors.items_for_units(units)
    form = forms.TaskForm(request.POST or None, units=units, items=items)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ratios = {g: data.pop(f"ratio_{g.lower()}") for g in "ABCD"}
        try:
            task = services.task_create(actor=user, ratios=ratios, **data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已创建抽查任务（草稿）")
            return redirect(task)
    context = {"form": form, "title": "新建抽查任务", "back": "inspections:task-list"}
    return render(request, "inspections/form.html", context)


def _can(user: User, task: InspectionTask) -> dict[str, bool]:
    reach = lambda perm: access.can_reach_unit(user, perm, task.org_unit)  # noqa: E731
    targets = ALLOWED.get(task.status, set())
    return {
        "commit": S.COMMITTED in targets and reach(DRAW),
        "draw": S.DRAWN in targets and reach(DRAW),
        "cancel": S.CANCELLED in targets and reach(MANAGE),
        "publish": S.PUBLISHED in targets and reach(PUBLISH),
        "record": task.status in (S.DRAWN, S.RESULTS_ENTERED) and reach(RECORD_RESULTS),
    }


@access.requires(VIEW)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Inputs, commitment, draw button, drawn entities with inspectors and results."""
    user = staff_user(request)
    task = selectors.task_get_visible(user=user, pk=pk)
    inputs = task.inputs or {}
    names = inputs.get("inspector_names", {})
    can = _can(user, task)
    rows = list(selectors.drawn_rows(task))
    if can["record"]:
        recordable = {r.pk for r in rows}
    elif task.status in (S.DRAWN, S.RESULTS_ENTERED) and access.has_perm(user, RECORD_RESULTS):
        recordable = set(
            selectors.drawn_for_inspector(user).filter(task=task).values_list("pk", flat=True)
        )
    else:
        recordable = set()
    return render(
        request,
        "inspections/task_detail.html",
        {
            "task": task,
            "items": task.items.all(),
            "rows": rows,
            "recordable": recordable,
            "pool_objects": len(inputs.get("objects", [])),
            "pool_inspectors": len(inputs.get("inspectors", [])),
            "excluded": [names.get(str(i), str(i)) for i in task.excluded_inspectors],
            "can": can,
            "cancel_form": forms.CancelForm(),
            "is_public": bool(task.commitment),
            "replay": selectors.task_replay(task),
        },
    )


def _commit(task: InspectionTask, user: User, data: dict[str, Any]) -> str:
    services.task_commit_seed(actor=user, task=task)
    return "已公布种子承诺值，抽取输入已冻结"


def _draw(task: InspectionTask, user: User, data: dict[str, Any]) -> str:
    task = services.task_draw(actor=user, task=task)
    return f"已完成随机抽取，共抽中 {task.drawn.count()} 户；结果须于 {task.results_due_on} 前公示"


def _cancel(task: InspectionTask, user: User, data: dict[str, Any]) -> str:
    form = forms.CancelForm(data)
    if not form.is_valid():
        raise DomainError("请填写撤销原因（200 字以内）", field="reason")
    services.task_cancel(actor=user, task=task, reason=form.cleaned_data["reason"])
    return "已撤销抽查任务"


def _publish(task: InspectionTask, user: User, data: dict[str, Any]) -> str:
    services.task_publish(actor=user, task=task)
    return "已向社会公开抽查结果，并揭示种子原文"


ACTIONS: dict[str, Callable[[InspectionTask, User, dict[str, Any]], str]] = {
    "commit": _commit,
    "draw": _draw,
    "cancel": _cancel,
    "publish": _publish,
}


@require_POST
@access.requires(VIEW)
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one lifecycle step; the service checks permission and state, refusals become messages."""
    user = staff_user(request)
    task = selectors.task_get_visible(user=user, pk=pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("页面不存在")
    try:
        message = handler(task, user, request.POST)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect(task)


@access.requires(VIEW)
def task_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The draw file as published (the nonce only once the results are public)."""
    task = selectors.task_get_visible(user=request.user, pk=pk)
    if not task.commitment:
        raise Http404("草稿任务尚未冻结抽取输入")
    document = selectors.task_document(task, reveal=task.status == S.PUBLISHED)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="inspection-task-{task.pk}.json"'
    return response


@access.requires(RECORD_RESULTS)
def result_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter or correct the result for one drawn entity."""
    user = staff_user(request)
    drawn = selectors.drawn_get_visible(user=user, pk=pk, perm=RECORD_RESULTS)
    initial = {
        "result": drawn.result,
        "inspected_on": drawn.inspected_on,
        "finding": drawn.finding,
        "case_number": drawn.case_number,
    }
    form = forms.ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_record(actor=user, drawn=drawn, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已录入“{drawn.inspection_object}”的检查结果")
            return redirect(drawn.task)
    return render(
        request,
        "inspections/result_form.html",
        {"form": form, "drawn": drawn, "task": drawn.task, "inspectors": drawn.inspectors.all()},
    )
