"""Rows for the calendar table from the `chinesecalendar` package (holidays and 调休 2004–2026).

Pure functions (no ORM), shared by the seeding migration and `fazhi calendar seed`.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
SOURCE = "chinesecalendar"


def package_years() -> list[int]:
    """The years the installed package knows (both holidays and make-up workdays)."""
    return sorted({d.year for d in chinese_calendar.holidays})


def year_rows(year: int) -> list[dict[str, object]]:
    """One dict per day of `year`: date, is_workday, kind, name."""
    rows = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        workday = chinese_calendar.is_workday(day)
        weekend = day.weekday() >= 5
        if workday and weekend:
            kind = "makeup"
        elif workday:
            kind = "weekday"
        elif name and on_holiday:
            kind = "holiday"
        else:
            kind = "weekend"
        label = (
            HOLIDAY_NAMES.get(str(name), str(name or "")) if kind in ("holiday", "makeup") else ""
        )
        rows.append({"date": day, "is_workday": workday, "kind": kind, "name": label})
        day += dt.timedelta(days=1)
    return rows
