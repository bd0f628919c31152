"""Read path for clocks, always scoped to the viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core import access
from fazhi.core.permissions import VIEW_CLOCKS

from . import conf
from .models import CalendarDay, CalendarYear, Clock

ACTIVE = [Clock.Status.RUNNING, Clock.Status.PAUSED]


def clock_list_visible_to(
    *, user: Any, status: str = "", urgency: str = "", q: str = "", mine: bool = False
) -> QuerySet[Clock]:
    """Clocks of units in the user's VIEW_CLOCKS scopes (plus those the user is responsible for)."""
    scope = access.scope_q(user, VIEW_CLOCKS)
    own = Q(responsible=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    if mine:
        qs = Clock.objects.filter(own)
    else:
        qs = Clock.objects.filter(own | scope) if scope is not None else Clock.objects.filter(own)
    qs = qs.distinct().select_related("org_unit")
    if status == "active":
        qs = qs.filter(status__in=ACTIVE)
    elif status:
        qs = qs.filter(status=status)
    if urgency:
        qs = qs.filter(urgency=urgency, status=Clock.Status.RUNNING)
    if q:
        qs = qs.filter(Q(label__icontains=q) | Q(target_repr__icontains=q))
    return qs.order_by("due_on", "pk")


def clock_get_visible(*, user: Any, pk: Any) -> Clock:
    """One clock the user may see, else 404 (missing and out of scope look the same)."""
    try:
        return clock_list_visible_to(user=user).get(pk=pk)
    except (Clock.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def clock_widgets_for(*, user: Any) -> dict[str, Any]:
    """Home-page widgets: the clocks the user is responsible for that are overdue or due soon."""
    mine = clock_list_visible_to(user=user, mine=True).filter(status=Clock.Status.RUNNING)
    overdue = mine.filter(urgency=Clock.Urgency.OVERDUE)
    due_soon = mine.filter(urgency=Clock.Urgency.DUE_SOON)
    return {
        "calendar_gap": calendar_gap(),
        "overdue": list(overdue[:8]),
        "due_soon": list(due_soon[:8]),
        "overdue_count": overdue.count(),
        "due_soon_count": due_soon.count(),
        "due_soon_days": conf.due_soon_working_days(),
    }


def calendar_gap(today: dt.date | None = None) -> int | None:
    """Next year, when it is late in the year and next year's calendar is still missing.

    Deadlines that end in an uncovered year are refused (never guessed), so from
    `calendar_warn_from_month()` on every user is told in advance, and calendar managers where to
    import the State Council's notice.
    """
    today = today or timezone.localdate()
    if today.month < conf.calendar_warn_from_month():
        return None
    year = today.year + 1
    return None if CalendarYear.objects.filter(year=year).exists() else year


def calendar_year(year: int) -> list[dict[str, Any]]:
    """Months of one year as week rows of CalendarDay (None pads), for the month-grid view."""
    import calendar as pycal

    days = {d.date: d for d in CalendarDay.objects.filter(date__year=year)}
    months = []
    for month in range(1, 13):
        weeks = [
            [days.get(day) if day and day.month == month else None for day in week]
            for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        months.append({"month": month, "weeks": weeks})
    return months


def covered_years() -> QuerySet[CalendarYear]:
    """Years in the calendar, newest first."""
    return CalendarYear.objects.order_by("-year")
