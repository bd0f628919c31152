"""Helpers shared by the evaluation services: permission checks, number parsing, audit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User


def ensure_reach(actor: User | None, perm: str, unit: OrgUnit) -> None:
    """Refuse (as not found) when the actor's scope for `perm` does not reach `unit`."""
    if actor is None:
        return  # the system (demo loader, jobs)
    if not access.can_reach_unit(actor, perm, unit):
        raise DomainError("记录不存在或无权操作")


def decimal_in(value: Any, *, label: str, field: str, low: Decimal, high: Decimal) -> Decimal:
    """A decimal with one place in [low, high], or a DomainError naming the field."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"{label}应为数字", field=field) from exc
    if not number.is_finite() or number < low or number > high:
        raise DomainError(f"{label}应在 {low} 到 {high} 之间", field=field)
    if number != number.quantize(Decimal("0.1")):
        raise DomainError(f"{label}最多保留一位小数", field=field)
    return number.quantize(Decimal("0.1"))


def text_in(value: Any, *, label: str, field: str, max_length: int, required: bool = True) -> str:
    """Stripped text within `max_length`, required unless told otherwise."""
    text = str(value or "").strip()
    if required and not text:
        raise DomainError(f"请填写{label}", field=field)
    if len(text) > max_length:
        raise DomainError(f"{label}不能超过 {max_length} 个字", field=field)
    return text


def record(
    actor: User | None,
    verb: str,
    target: models.Model,
    changes: dict[str, Any],
    unit_id: int | None = None,
) -> None:
    """One audit entry for an evaluation change (verb without the app prefix)."""
    audit.record(
        actor=actor, verb=f"evaluation.{verb}", target=target, changes=changes, unit_id=unit_id
    )
