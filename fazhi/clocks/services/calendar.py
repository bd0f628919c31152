"""Maintaining the working-day calendar: seeding, editing a day, importing next year's notice."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction

from fazhi.clocks import calendar as engine
from fazhi.clocks import seed
from fazhi.clocks.models import CalendarDay, CalendarYear
from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import User

_LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:\.\.|至|~|—|-{2})\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?\s+(?P<what>.+)$"
)
MAKEUP_WORDS = ("调休上班", "上班", "补班")


@dataclass(frozen=True)
class NoticeLine:
    """One parsed line of a holiday notice."""

    first: dt.date
    last: dt.date
    makeup: bool
    name: str


def calendar_seed(*, actor: User | None = None) -> list[int]:
    """Add every year the chinesecalendar package knows and the table lacks; returns the years added."""
    added = []
    for year in seed.package_years():
        if CalendarYear.objects.filter(year=year).exists():
            continue
        with transaction.atomic():
            CalendarDay.objects.bulk_create(
                [CalendarDay(source=seed.SOURCE, **row) for row in seed.year_rows(year)],
                batch_size=1000,
            )
            cy = CalendarYear.objects.create(
                year=year, source=seed.SOURCE, notice="国务院办公厅历年放假安排通知"
            )
            audit.record(
                actor=actor, verb="clocks.calendar_seed", target=cy, changes={"year": [None, year]}
            )
        added.append(year)
    engine.invalidate()
    return added


@transaction.atomic
def calendar_day_set(
    *, actor: User, day: dt.date, is_workday: bool, name: str, note: str
) -> CalendarDay:
    """Correct one day (e.g. a late local adjustment); the reason is required and audited."""
    if not (note or "").strip():
        raise DomainError("请填写修改原因", field="note")
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None:
        raise DomainError(f"{day.year} 年尚未纳入工作日历，请先导入该年度放假通知", field="date")
    weekend = day.weekday() >= 5
    kind = (
        ("makeup" if weekend else "weekday")
        if is_workday
        else ("weekend" if weekend and not name else "holiday")
    )
    before = audit.snapshot(row, ["is_workday", "kind", "name"])
    row.is_workday, row.kind, row.name = is_workday, kind, (name or "").strip()[:50]
    row.note, row.updated_by, row.source = note.strip()[:200], actor, "管理员"
    row.save()
    changes = audit.diff(before, audit.snapshot(row, ["is_workday", "kind", "name"]))
    audit.record(
        actor=actor,
        verb="clocks.calendar_day_set",
        target=row,
        changes={**changes, "note": [None, row.note]},
    )
    transaction.on_commit(engine.invalidate)
    return row


def parse_notice(text: str) -> tuple[list[NoticeLine], list[str]]:
    """Parse notice lines like `2027-02-05..2027-02-11 春节` or `2027-02-14 调休上班`; returns (lines, errors)."""
    lines: list[NoticeLine] = []
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            errors.append(
                f"第 {number} 行格式不正确：“{line[:40]}”（示例：2027-01-01..2027-01-03 元旦；2027-02-07 调休上班）"
            )
            continue
        try:
            first = dt.date.fromisoformat(_pad(match["first"]))
            last = dt.date.fromisoformat(_pad(match["last"])) if match["last"] else first
        except ValueError:
            errors.append(f"第 {number} 行日期无效：“{line[:40]}”")
            continue
        if last < first or (last - first).days > 15:
            errors.append(f"第 {number} 行日期范围无效（截止日早于起始日，或超过 15 天）")
            continue
        what = match["what"].strip()
        makeup = any(word in what for word in MAKEUP_WORDS)
        lines.append(NoticeLine(first, last, makeup, what.replace("调休上班", "").strip() or what))
    if not lines and not errors:
        errors.append("没有可导入的内容")
    return lines, errors


def _pad(raw: str) -> str:
    y, m, d = raw.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


@transaction.atomic
def calendar_import_notice(
    *, actor: User, year: int, notice: str, text: str, replace: bool = False
) -> CalendarYear:
    """Create (or with `replace`, rebuild) a whole year from the State Council's notice. All or nothing."""
    if not 2000 <= year <= 2100:
        raise DomainError("年度应在 2000—2100 之间", field="year")
    if not (notice or "").strip():
        raise DomainError("请填写放假通知文号，如 国办发明电〔2026〕7号", field="notice")
    lines, errors = parse_notice(text)
    outside = [
        f"{ln.first.isoformat()} 不属于 {year} 年"
        for ln in lines
        if ln.first.year != year or ln.last.year != year
    ]
    errors += [f"{msg}（各行日期须在所导入的年度内）" for msg in outside]
    if errors:
        raise DomainError("；".join(errors[:20]), field="text")
    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    if existing and not replace:
        raise DomainError(
            f"{year} 年已在工作日历中；如需按新通知重建，请勾选“覆盖该年度”", field="year"
        )
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarYear.objects.filter(year=year).delete()
    days: dict[dt.date, CalendarDay] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        weekend = day.weekday() >= 5
        days[day] = CalendarDay(
            date=day,
            is_workday=not weekend,
            kind="weekend" if weekend else "weekday",
            name="",
            source=notice.strip()[:50],
            updated_by=actor,
        )
        day += dt.timedelta(days=1)
    for ln in lines:
        for i in range((ln.last - ln.first).days + 1):
            row = days[ln.first + dt.timedelta(days=i)]
            row.is_workday, row.kind, row.name = (
                ln.makeup,
                "makeup" if ln.makeup else "holiday",
                ln.name[:50],
            )
    CalendarDay.objects.bulk_create(days.values(), batch_size=1000)
    cy = CalendarYear.objects.create(
        year=year, notice=notice.strip()[:100], source="国务院办公厅通知", imported_by=actor
    )
    audit.record(
        actor=actor,
        verb="clocks.calendar_import",
        target=cy,
        changes={
            "year": [None, year],
            "notice": [None, cy.notice],
            "holidays": [None, sum(1 for d in days.values() if d.kind == "holiday")],
            "makeup_workdays": [None, sum(1 for d in days.values() if d.kind == "makeup")],
            "replaced": [None, bool(existing)],
        },
    )
    transaction.on_commit(engine.invalidate)
    return cy
