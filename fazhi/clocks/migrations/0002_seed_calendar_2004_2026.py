"""Seed the working-day calendar with every day of 2004–2026 from the chinesecalendar package."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    import chinese_calendar

    names = {
        "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
    }
    CalendarDay = apps.get_model("clocks", "CalendarDay")
    CalendarYear = apps.get_model("clocks", "CalendarYear")
    years = sorted({d.year for d in chinese_calendar.holidays})
    for year in years:
        if CalendarYear.objects.filter(year=year).exists():
            continue
        rows = []
        day = dt.date(year, 1, 1)
        while day.year == year:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            workday = chinese_calendar.is_workday(day)
            weekend = day.weekday() >= 5
            kind = "makeup" if workday and weekend else "weekday" if workday else (
                "holiday" if name and on_holiday else "weekend")
            label = names.get(str(name), str(name or "")) if kind in ("holiday", "makeup") else ""
            rows.append(CalendarDay(date=day, is_workday=workday, kind=kind, name=label, source="chinesecalendar"))
            day += dt.timedelta(days=1)
        CalendarDay.objects.bulk_create(rows, batch_size=1000)
        CalendarYear.objects.create(year=year, source="chinesecalendar", notice="国务院办公厅历年放假安排通知")


class Migration(migrations.Migration):
    dependencies = [("clocks", "0001_calendar_and_clocks")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
