"""Builders for inspection tests: entities with valid credit codes, items, tasks through services."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import transaction

from fazhi.core.identifiers import uscc_check_char
from fazhi.core.models import OrgUnit, User
from fazhi.inspections import services
from fazhi.inspections.models import InspectionItem, InspectionObject, InspectionTask

_seq = itertools.count(1)


def uscc(n: int | None = None) -> str:
    """A valid 统一社会信用代码 (企业, 东湖区) numbered `n`."""
    body = f"91360102MA{(n if n is not None else next(_seq)):07d}"
    return body + uscc_check_char(body)


def make_objects(unit: OrgUnit, grades: str, *, prefix: str = "企业") -> list[InspectionObject]:
    """One entity per letter of `grades` (e.g. "AABBCD")."""
    return [
        InspectionObject.objects.create(
            org_unit=unit,
            name=f"{prefix}{n}有限公司",
            uscc=uscc(),
            risk_grade=grade,
            industry="食品销售",
        )
        for n, grade in enumerate(grades, start=1)
    ]


def make_item(unit: OrgUnit, **extra: Any) -> InspectionItem:
    data = {"name": "食品经营者落实主体责任情况检查", "basis": "《食品安全法》第一百一十条"}
    return InspectionItem.objects.create(org_unit=unit, **(data | extra))


def make_task(
    actor: User | None,
    unit: OrgUnit,
    *,
    ratios: dict[str, Any] | None = None,
    per_object: int = 2,
    title: str = "2024年食品经营者双随机抽查",
) -> InspectionTask:
    with transaction.atomic():
        return services.task_create(
            actor=actor,
            unit=unit,
            title=title,
            items=[make_item(unit)],
            planned_from=dt.date(2024, 6, 1),
            planned_to=dt.date(2024, 8, 31),
            ratios=ratios or {"A": "50", "B": "50", "C": "100", "D": "100"},
            inspectors_per_object=per_object,
        )
