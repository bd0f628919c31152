"""Rubric services: create, and revise (in place while unused, as a new version once used)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.evaluation.models import Rubric, RubricItem
from fazhi.evaluation.permissions import MANAGE

from .common import decimal_in, ensure_reach, record, text_in

FULL_MARKS = Decimal(100)


def parse_items(text: str) -> list[dict[str, Any]]:
    """Items from the form's text: one per line, `类别|评查内容|分值` or `类别|评查内容|否决`."""
    items = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if len(parts) != 3:
            raise DomainError(f"第 {number} 行应为“类别|评查内容|分值或否决”", field="items")
        category, title, points = parts
        veto = points in ("否决", "否决项", "veto")
        items.append(
            {"category": category, "title": title, "points": "0" if veto else points, "veto": veto}
        )
    return items


def clean_items(items: list[dict[str, Any]]) -> list[RubricItem]:
    """Validate rubric items: text, points per item, at least one scored item, total 100."""
    if not items:
        raise DomainError("评查标准至少应有一个评查项目", field="items")
    if len(items) > 100:
        raise DomainError("评查项目不能超过 100 项", field="items")
    cleaned = []
    for position, item in enumerate(items, start=1):
        where = f"第 {position} 项"
        veto = bool(item.get("veto"))
        points = decimal_in(
            item.get("points", 0),
            label=f"{where}分值",
            field="items",
            low=Decimal(0),
            high=FULL_MARKS,
        )
        if veto and points:
            raise DomainError(f"{where}为否决项，不应有分值", field="items")
        if not veto and not points:
            raise DomainError(f"{where}分值应大于 0（否决项请标“否决”）", field="items")
        cleaned.append(
            RubricItem(
                position=position,
                category=text_in(
                    item.get("category"), label=f"{where}类别", field="items", max_length=40
                ),
                title=text_in(
                    item.get("title"), label=f"{where}内容", field="items", max_length=300
                ),
                points=points,
                veto=veto,
                guidance=text_in(
                    item.get("guidance", ""),
                    label=f"{where}说明",
                    field="items",
                    max_length=2000,
                    required=False,
                ),
            )
        )
    total = sum((i.points for i in cleaned), Decimal(0))
    if total != FULL_MARKS:
        raise DomainError(f"各项分值合计应为 100 分，现为 {total} 分", field="items")
    return cleaned


def _thresholds(excellent_min: Any, pass_min: Any) -> tuple[Decimal, Decimal]:
    excellent = decimal_in(
        excellent_min, label="优秀线", field="excellent_min", low=Decimal("0.1"), high=FULL_MARKS
    )
    passing = decimal_in(
        pass_min, label="合格线", field="pass_min", low=Decimal("0.1"), high=FULL_MARKS
    )
    if passing >= excellent:
        raise DomainError("合格线应低于优秀线", field="pass_min")
    return excellent, passing


@transaction.atomic
def rubric_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    family: str,
    name: str,
    excellent_min: Any,
    pass_min: Any,
    items: list[dict[str, Any]],
    description: str = "",
) -> Rubric:
    """A new rubric (version 1) of `unit`."""
    ensure_reach(actor, MANAGE, unit)
    family = text_in(family, label="标准编码", field="family", max_length=40)
    if Rubric.objects.filter(family=family).exists():
        raise DomainError("该标准编码已存在，请修订原标准", field="family")
    excellent, passing = _thresholds(excellent_min, pass_min)
    rubric = Rubric.objects.create(
        org_unit=unit,
        family=family,
        name=text_in(name, label="名称", field="name", max_length=200),
        description=text_in(
            description, label="说明", field="description", max_length=5000, required=False
        ),
        excellent_min=excellent,
        pass_min=passing,
        created_by=actor,
    )
    _save_items(rubric, clean_items(items))
    record(actor, "rubric_create", rubric, _summary(rubric, None))
    return rubric


def _save_items(rubric: Rubric, items: list[RubricItem]) -> None:
    for item in items:
        item.rubric = rubric
    RubricItem.objects.bulk_create(items)


def _summary(rubric: Rubric, before: dict[str, Any] | None) -> dict[str, list[Any]]:
    items = [f"{i.category}|{i.title}|{'否决' if i.veto else i.points}" for i in rubric.items.all()]
    after = {
        "name": rubric.name,
        "version": rubric.version,
        "excellent_min": str(rubric.excellent_min),
        "pass_min": str(rubric.pass_min),
        "items": items,
    }
    before = before or {}
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@transaction.atomic
def rubric_revise(
    *,
    actor: User | None,
    rubric: Rubric,
    name: str,
    excellent_min: Any,
    pass_min: Any,
    items: list[dict[str, Any]],
    description: str = "",
) -> Rubric:
    """Change a rubric: in place while no campaign used it, else as the next version."""
    rubric = Rubric.objects.select_for_update().get(pk=rubric.pk)
    ensure_reach(actor, MANAGE, rubric.org_unit)
    if rubric.superseded:
        raise DomainError("该版本已被新版本取代，请修订最新版本")
    excellent, passing = _thresholds(excellent_min, pass_min)
    cleaned = clean_items(items)
    before = _summary(rubric, None)
    before = {k: v[1] for k, v in before.items()}
    fields = {
        "name": text_in(name, label="名称", field="name", max_length=200),
        "description": text_in(
            description, label="说明", field="description", max_length=5000, required=False
        ),
        "excellent_min": excellent,
        "pass_min": passing,
    }
    if rubric.used:
        rubric.superseded = True
        rubric.save(update_fields=["superseded", "updated_at"])
        record(actor, "rubric_supersede", rubric, {"superseded": [False, True]})
        rubric = Rubric.objects.create(
            org_unit=rubric.org_unit,
            family=rubric.family,
            version=rubric.version + 1,
            created_by=actor,
            **fields,
        )
        _save_items(rubric, cleaned)
        record(actor, "rubric_version", rubric, _summary(rubric, before))
        return rubric
    for key, value in fields.items():
        setattr(rubric, key, value)
    rubric.save()
    rubric.items.all().delete()
    _save_items(rubric, cleaned)
    record(actor, "rubric_update", rubric, _summary(rubric, before))
    return rubric
