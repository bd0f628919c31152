"""Clock pages: list, detail with actions, the calculator, and calendar maintenance."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.permissions import MANAGE_CALENDAR, VIEW_CLOCKS
from fazhi.core.tables import Column, Table

from . import calendar as engine
from . import selectors, services
from .forms import (
    CalculatorForm,
    CompleteForm,
    DayForm,
    ExtendForm,
    NoticeForm,
    PauseForm,
    ResumeForm,
)
from .models import CalendarDay, Clock
from .permissions import MANAGE_CLOCKS, USE_CALCULATOR

COLUMNS = [
    Column("label", "期限", order_by="label"),
    Column("target_repr", "事项", order_by="target_repr"),
    Column("org_unit", "责任单位", order_by="org_unit__name", value=lambda c: c.org_unit.name),
    Column("start_on", "起算日", order_by="start_on"),
    Column("due_on", "届满日", order_by="due_on"),
    Column("status", "状态", order_by="status"),
    Column("urgency", "紧迫程度", order_by="urgency"),
]


@access.requires(VIEW_CLOCKS)
def clock_list(request: HttpRequest) -> HttpResponse:
    """Clocks in scope: filter by status, urgency, text; mine only; sort; export."""
    f = {k: request.GET.get(k, "") for k in ("status", "urgency", "q", "mine")}
    qs = selectors.clock_list_visible_to(
        user=request.user,
        status=f["status"] or "active",
        urgency=f["urgency"],
        q=f["q"].strip(),
        mine=f["mine"] == "1",
    )
    table = Table(request, qs, COLUMNS, default_sort="due_on", per_page=30)
    if request.GET.get("export") == "xlsx":
        return table.export(filename="法定期限", title="法定期限")
    return render(
        request,
        "clocks/list.html",
        {
            "table": table,
            "page": table.page,
            **f,
            "statuses": Clock.Status.choices,
            "urgencies": Clock.Urgency.choices,
        },
    )


@access.requires(VIEW_CLOCKS)
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A clock with its explanation, pauses, extensions and (for handlers) the actions."""
    clock = selectors.clock_get_visible(user=request.user, pk=pk)
    can_manage = access.can_reach_unit(request.user, MANAGE_CLOCKS, clock.org_unit)
    today = timezone.localdate()
    return render(
        request,
        "clocks/detail.html",
        {
            "clock": clock,
            "can_manage": can_manage,
            "explanation": clock.explanation.splitlines(),
            "pause_form": PauseForm(initial={"from_on": today}),
            "resume_form": ResumeForm(initial={"to_on": today}),
            "extend_form": ExtendForm(),
            "complete_form": CompleteForm(initial={"on": today}),
        },
    )


ACTIONS = {"pause": PauseForm, "resume": ResumeForm, "extend": ExtendForm, "complete": CompleteForm}


@require_POST
@access.requires(MANAGE_CLOCKS)
def clock_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Pause, resume, extend or complete a clock (handlers of its unit)."""
    clock = selectors.clock_get_visible(user=request.user, pk=pk)
    if action not in ACTIONS or not access.can_reach_unit(
        request.user, MANAGE_CLOCKS, clock.org_unit
    ):
        raise Http404("页面不存在")
    form = ACTIONS[action](request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(clock)
    actor, data = staff_user(request), form.cleaned_data
    try:
        if action == "pause":
            services.clock_pause(
                actor=actor, clock=clock, from_on=data["from_on"], reason=data["reason"]
            )
        elif action == "resume":
            services.clock_resume(actor=actor, clock=clock, to_on=data["to_on"])
        elif action == "extend":
            services.clock_extend(
                actor=actor,
                clock=clock,
                rule=data["rule"],
                reason=data["reason"],
                approved_by=data["approved_by"],
            )
        else:
            services.clock_complete(actor=actor, clock=clock, on=data["on"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect(clock)


@access.requires(USE_CALCULATOR)
def calculator(request: HttpRequest) -> HttpResponse:
    """Compute a statutory due date and show how it was counted."""
    form = CalculatorForm(request.GET or None)
    due = error = None
    if request.GET and form.is_valid():
        try:
            due = engine.compute_due(
                form.cleaned_data["start"],
                form.cleaned_data["rule"],
                pauses=form.cleaned_data["pauses"],
                extensions=form.cleaned_data["extensions"],
            )
        except DomainError as exc:
            error = exc.message
    return render(request, "clocks/calculator.html", {"form": form, "due": due, "error": error})


def _require_root(request: HttpRequest) -> None:
    """The calendar is jurisdiction-wide: only administrators of the whole tree maintain it."""
    if not access.has_root_scope(request.user, MANAGE_CALENDAR):
        raise Http404("页面不存在")


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@access.requires(MANAGE_CALENDAR)
def calendar_view(request: HttpRequest) -> HttpResponse:
    """One year as a month grid; which years are covered."""
    _require_root(request)
    year = _year(request)
    years = list(selectors.covered_years())
    return render(
        request,
        "clocks/calendar.html",
        {
            "year": year,
            "months": selectors.calendar_year(year),
            "years": years,
            "covered": any(y.year == year for y in years),
            "weekdays": "一二三四五六日",
        },
    )


@access.requires(MANAGE_CALENDAR)
def calendar_day(request: HttpRequest, day: str) -> HttpResponse:
    """Correct one day (reason required)."""
    _require_root(request)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404("日期无效") from None
    row = CalendarDay.objects.filter(date=date).first()
    form = DayForm(
        request.POST or None,
        initial={"is_workday": row.is_workday if row else False, "name": row.name if row else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_day_set(actor=staff_user(request), day=date, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已修改 {date.isoformat()}")
            return redirect(f"/staff/clocks/calendar/?year={date.year}")
    return render(request, "clocks/calendar_day.html", {"form": form, "day": date, "row": row})


@access.requires(MANAGE_CALENDAR)
def calendar_import(request: HttpRequest) -> HttpResponse:
    """Import a year from the State Council's notice (all or nothing)."""
    _require_root(request)
    form = NoticeForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            cy = services.calendar_import_notice(actor=staff_user(request), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已导入 {cy.year} 年工作日历（{cy.notice}）")
            return redirect(f"/staff/clocks/calendar/?year={cy.year}")
    return render(request, "clocks/calendar_import.html", {"form": form})
