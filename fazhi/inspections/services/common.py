"""Helpers shared by the inspection services: scope checks and the local date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User


def ensure_reach(actor: User | None, perm: str, unit: OrgUnit) -> None:
    """Refuse unless the actor's scope for `perm` reaches `unit` (None = the system, trusted)."""
    if actor is not None and not access.can_reach_unit(actor, perm, unit):
        raise DomainError("记录不存在或无权操作")


def today() -> dt.date:
    """Today in the platform's time zone."""
    return timezone.localdate()


def moment(on: dt.date) -> dt.datetime:
    """The time an act took place: now, or 09:00 local of `on` when it is recorded afterwards."""
    if on >= today():
        return timezone.now()
    return dt.datetime.combine(on, dt.time(9), tzinfo=timezone.get_current_timezone())


def required(value: str, label: str, field: str, max_length: int) -> str:
    """Trimmed text that must be present and short enough."""
    text = (value or "").strip()
    if not text:
        raise DomainError(f"请填写{label}", field=field)
    if len(text) > max_length:
        raise DomainError(f"{label}不能超过 {max_length} 个字符", field=field)
    return text
