"""The working-day engine. Every statutory deadline in fazhi is computed here, from the calendar table.

Rules (domain.md §7): the start day is not counted. `Nwd` counts working days (a 调休 Saturday is
a working day); `Ncd` adds calendar days and rolls a last day that is a rest day to the next working
day; `Nm` takes the same day number N months later (or that month's last day) and rolls likewise.
A pause (both ends included) adds its working days back for `wd` and all its days for `cd`/`m`;
an extension continues counting from the due date; for calendar rules the roll happens once, at the
very end. A date in a year the calendar does not cover is refused, never guessed.
"""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fazhi.core.errors import DomainError

WEEKDAYS = "一二三四五六日"
_RULE_RE = re.compile(r"^\s*(\d{1,4})\s*(wd|cd|m)\s*$", re.IGNORECASE)
_CACHE_SECONDS = 60


class CalendarNotCovered(DomainError):
    """The calendar has no data for a year the computation needs."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year} 年的工作日历尚未维护（国务院办公厅放假通知发布后由管理员导入），无法计算期限",
            field="start",
        )
        self.year = year


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one day."""

    is_workday: bool
    kind: str
    name: str


class _Calendar:
    """Process-wide read cache of the calendar table, refreshed after edits or every minute."""

    def __init__(self) -> None:
        self._days: dict[dt.date, DayInfo] = {}
        self._years: set[int] = set()
        self._loaded_at = 0.0
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        self._loaded_at = 0.0

    def _ensure(self) -> None:
        if time.monotonic() - self._loaded_at < _CACHE_SECONDS and self._years:
            return
        from .models import CalendarDay, CalendarYear

        with self._lock:
            years = set(CalendarYear.objects.values_list("year", flat=True))
            days = {
                d: DayInfo(w, k, n)
                for d, w, k, n in CalendarDay.objects.values_list(
                    "date", "is_workday", "kind", "name"
                )
            }
            self._days, self._years, self._loaded_at = days, years, time.monotonic()

    def info(self, day: dt.date) -> DayInfo:
        self._ensure()
        found = self._days.get(day)
        if day.year not in self._years or found is None:
            raise CalendarNotCovered(day.year)
        return found

    def covered_years(self) -> set[int]:
        self._ensure()
        return set(self._years)


CALENDAR = _Calendar()


def invalidate() -> None:
    """Forget cached calendar data (call after editing the calendar)."""
    CALENDAR.invalidate()


def day_info(day: dt.date) -> DayInfo:
    """The calendar's entry for a day (refused if the year is not covered)."""
    return CALENDAR.info(day)


def is_workday(day: dt.date) -> bool:
    """Whether a day is a working day (weekdays that are not holidays, plus 调休 Saturdays/Sundays)."""
    return CALENDAR.info(day).is_workday


def fmt(day: dt.date) -> str:
    """2024-10-08（星期二）."""
    return f"{day.isoformat()}（星期{WEEKDAYS[day.weekday()]}）"


@dataclass(frozen=True)
class Rule:
    """A counting rule: N working days, N calendar days or N months."""

    count: int
    unit: str  # wd | cd | m

    @classmethod
    def parse(cls, text: str) -> Rule:
        """Parse `20wd`, `15cd`, `6m` (case-insensitive)."""
        match = _RULE_RE.match(text or "")
        if not match:
            raise DomainError(
                f"期限规则“{text}”无效：应为数字加 wd（工作日）、cd（自然日）或 m（月），如 20wd",
                field="rule",
            )
        count = int(match.group(1))
        if count <= 0:
            raise DomainError("期限天数应大于 0", field="rule")
        return cls(count, match.group(2).lower())

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    @property
    def label(self) -> str:
        """二十个工作日 style label: `20 个工作日`."""
        return f"{self.count} {'个工作日' if self.unit == 'wd' else '日' if self.unit == 'cd' else '个月'}"


@dataclass
class Due:
    """A computed due date and the Chinese explanation of how it was reached."""

    due_on: dt.date
    explanation: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.explanation)


def _describe_skips(days: Iterable[dt.date]) -> list[str]:
    """Group the rest days and 调休 working days met while counting into readable phrases."""
    holidays: dict[str, list[dt.date]] = {}
    weekends = 0
    makeups: list[dt.date] = []
    for day in days:
        info = day_info(day)
        if info.kind == "holiday":
            holidays.setdefault(info.name or "法定节假日", []).append(day)
        elif info.kind == "weekend":
            weekends += 1
        elif info.kind == "makeup":
            makeups.append(day)
    parts = []
    for name, items in holidays.items():
        span = (
            items[0].isoformat()
            if len(items) == 1
            else f"{items[0].isoformat()} 至 {items[-1].isoformat()}"
        )
        parts.append(f"跳过法定节假日 {span}（{name}，{len(items)} 天）")
    if weekends:
        parts.append(f"跳过周末 {weekends} 天")
    if makeups:
        parts.append("调休上班日 " + "、".join(fmt(d) for d in makeups) + " 计为工作日")
    return parts


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (start not counted)."""
    current, remaining = start, days
    day_info(start)
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def roll_forward(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the next working day."""
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    """start + days, rolled to the next working day if that is a rest day."""
    day_info(start)
    return roll_forward(start + dt.timedelta(days=days))


def add_months_raw(start: dt.date, months: int) -> dt.date:
    """The same day number `months` later, or that month's last day when it has none (no roll)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, pycal.monthrange(year, month)[1]))


def add_months(start: dt.date, months: int) -> dt.date:
    """Month rule with the month-end rule, then rolled to a working day."""
    day_info(start)
    return roll_forward(add_months_raw(start, months))


def _count_workdays(first: dt.date, last: dt.date) -> int:
    return sum(
        1 for i in range((last - first).days + 1) if is_workday(first + dt.timedelta(days=i))
    )


def _parse_pauses(pauses: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    for first, last in pauses:
        if last < first:
            raise DomainError(f"中止期间 {first}..{last} 的截止日早于起始日", field="pause")
    return list(pauses)


def compute_due(
    start: dt.date,
    rule: str | Rule,
    *,
    pauses: Sequence[tuple[dt.date, dt.date]] = (),
    extensions: Sequence[str | Rule] = (),
) -> Due:
    """The due date of `rule` counted from `start`, with pauses added back and extensions applied."""
    base = rule if isinstance(rule, Rule) else Rule.parse(rule)
    exts = [e if isinstance(e, Rule) else Rule.parse(e) for e in extensions]
    spans = _parse_pauses(pauses)
    day_info(start)
    lines = [f"起算：{fmt(start)}，起算日当日不计入；规则：{base.label}。"]
    if base.unit == "wd":
        due = add_working_days(start, base.count)
        skipped = _describe_skips(
            start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)
        )
        lines.append(
            f"向后逐日计算 {base.count} 个工作日，至 {fmt(due)}"
            + (f"；{'；'.join(skipped)}" if skipped else "")
            + "。"
        )
        for first, last in spans:
            extra = _count_workdays(first, last)
            if extra:
                new_due = add_working_days(due, extra)
                lines.append(
                    f"中止期间 {first.isoformat()} 至 {last.isoformat()}（含首尾）内有 {extra} 个工作日，顺延至 {fmt(new_due)}。"
                )
                due = new_due
        raw = due
    else:
        raw = (
            start + dt.timedelta(days=base.count)
            if base.unit == "cd"
            else add_months_raw(start, base.count)
        )
        how = (
            f"加 {base.count} 日"
            if base.unit == "cd"
            else f"加 {base.count} 个月（对应日；无对应日的取当月最后一日）"
        )
        lines.append(f"{start.isoformat()} {how}，为 {raw.isoformat()}。")
        for first, last in spans:
            extra = (last - first).days + 1
            raw += dt.timedelta(days=extra)
            lines.append(
                f"中止期间 {first.isoformat()} 至 {last.isoformat()}（含首尾）共 {extra} 日，顺延至 {raw.isoformat()}。"
            )
    for ext in exts:
        if ext.unit == "wd":
            base_day = roll_forward(raw)
            raw = add_working_days(base_day, ext.count)
            lines.append(f"经批准延长 {ext.label}，自 {base_day.isoformat()} 起算，至 {fmt(raw)}。")
        elif ext.unit == "cd":
            raw = raw + dt.timedelta(days=ext.count)
            lines.append(f"经批准延长 {ext.label}，至 {raw.isoformat()}。")
        else:
            raw = add_months_raw(raw, ext.count)
            lines.append(f"经批准延长 {ext.label}，至 {raw.isoformat()}。")
    due = roll_forward(raw)
    if due != raw:
        info = day_info(raw)
        reason = (
            f"{info.name}假期"
            if info.kind == "holiday" and info.name
            else ("周末" if info.kind == "weekend" else "休息日")
        )
        lines.append(f"期间届满日 {fmt(raw)} 为{reason}，依法顺延至其后第一个工作日 {fmt(due)}。")
    lines.append(f"到期日：{fmt(due)}，当日 24 时届满（有业务时间的，到停止业务活动的时间截止）。")
    return Due(due_on=due, explanation=lines)


def check_fixed_deadline(day: dt.date) -> str | None:
    """A warning when an "on or before date X" deadline falls on a rest day (it does not roll forward)."""
    info = day_info(day)
    if info.is_workday:
        return None
    previous = day - dt.timedelta(days=1)
    while not is_workday(previous):
        previous -= dt.timedelta(days=1)
    what = f"{info.name}假期" if info.kind == "holiday" and info.name else "休息日"
    return f"截止日 {fmt(day)} 为{what}；此类“于某日前”的期限不顺延，请在 {fmt(previous)}（前一个工作日）前办结。"


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Working days after `first` up to and including `last` (0 if last <= first)."""
    if last <= first:
        return 0
    return _count_workdays(first + dt.timedelta(days=1), last)
