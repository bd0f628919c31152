"""Validity-period rules (有效期 ≤ 5 years; 暂行/试行 ≤ 2 years; configurable)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from fazhi.core.errors import DomainError
from fazhi.normdocs import conf


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar date `years` later (29 Feb → 28 Feb)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's length (a date, not a deadline)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def validate_validity(
    effective_on: dt.date | None, expires_on: dt.date | None, *, is_provisional: bool
) -> None:
    """Refuse an expiry before the start or beyond the maximum validity."""
    if effective_on is None or expires_on is None:
        return
    if expires_on <= effective_on:
        raise DomainError("有效期届满日期应晚于施行日期", field="expires_on")
    years = conf.provisional_validity_max_years() if is_provisional else conf.validity_max_years()
    if expires_on >= add_years(effective_on, years):
        kind = "暂行、试行的文件" if is_provisional else "规范性文件"
        raise DomainError(f"{kind}有效期不得超过 {years} 年", field="expires_on")


def validate_issuer(kind: str, org_unit: Any) -> None:
    """An internal unit issues nothing (37号 §一); a 政府规范性文件 is issued by a government."""
    from fazhi.core.models import OrgUnit
    from fazhi.normdocs.models import NormativeDocument

    if org_unit.kind == OrgUnit.Kind.INTERNAL:
        raise DomainError("内设机构不得以自身名义制定规范性文件，请选择所属机关", field="org_unit")
    if kind == NormativeDocument.Kind.GOVERNMENT and org_unit.kind != OrgUnit.Kind.GOVERNMENT:
        raise DomainError(f"“{org_unit.name}”不是人民政府，其文件应为部门规范性文件", field="kind")
