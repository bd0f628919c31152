"""Register services: the inspection-item list, the object pool (with Excel import), recusals."""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.identifiers import validate_uscc
from fazhi.core.imports import ImportColumn, ImportResult, RowError, run_import, text
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import DOMAINS, Officer, PowerItem
from fazhi.inspections.models import InspectionItem, InspectionObject, RecusalLink, RiskGrade
from fazhi.inspections.permissions import MANAGE

from .common import ensure_reach, required

OBJECT_FIELDS = ["name", "address", "industry", "risk_grade", "active"]


@transaction.atomic
def item_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    name: str,
    basis: str,
    domain: str = "",
    power_item: PowerItem | None = None,
) -> InspectionItem:
    """Add an entry to the unit's inspection-item list, optionally tied to its 行政检查 power."""
    ensure_reach(actor, MANAGE, unit)
    if domain and domain not in DOMAINS:
        raise DomainError("执法领域无效", field="domain")
    if power_item is not None:
        if power_item.org_unit_id != unit.pk or not power_item.active:
            raise DomainError("只能关联本单位有效的权责清单事项", field="power_item")
        if power_item.category != PowerItem.Category.INSPECTION:
            raise DomainError("抽查事项应对应“行政检查”类权责事项", field="power_item")
    item = InspectionItem.objects.create(
        org_unit=unit,
        name=required(name, "抽查事项名称", "name", 200),
        basis=required(basis, "检查依据", "basis", 2000),
        domain=domain,
        power_item=power_item,
    )
    audit.record(
        actor=actor,
        verb="inspections.item_create",
        target=item,
        changes={"name": [None, item.name], "power_item": [None, power_item and power_item.pk]},
    )
    return item


def clean_uscc(value: str) -> str:
    """The normalised 统一社会信用代码, or DomainError with the validator's reason."""
    code = (value or "").strip().upper()
    problem = validate_uscc(code)
    if problem:
        raise DomainError(problem, field="uscc")
    return code


@transaction.atomic
def object_save(
    *,
    actor: User | None,
    unit: OrgUnit,
    name: str,
    uscc: str,
    risk_grade: str,
    address: str = "",
    industry: str = "",
    active: bool = True,
) -> tuple[InspectionObject, bool]:
    """Create an entity in the unit's pool, or update the one with the same code. (obj, created)."""
    ensure_reach(actor, MANAGE, unit)
    code = clean_uscc(uscc)
    if risk_grade not in RiskGrade.values:
        raise DomainError("风险等级应为 A、B、C、D 之一", field="risk_grade")
    values = {
        "name": required(name, "名称", "name", 200),
        "address": (address or "").strip()[:300],
        "industry": (industry or "").strip()[:100],
        "risk_grade": risk_grade,
        "active": active,
    }
    obj = InspectionObject.objects.select_for_update().filter(org_unit=unit, uscc=code).first()
    if obj is None:
        obj = InspectionObject.objects.create(org_unit=unit, uscc=code, **values)
        changes = {k: [None, v] for k, v in values.items()} | {"uscc": [None, code]}
        audit.record(actor=actor, verb="inspections.object_create", target=obj, changes=changes)
        return obj, True
    before = audit.snapshot(obj, OBJECT_FIELDS)
    for key, value in values.items():
        setattr(obj, key, value)
    changes = audit.diff(before, audit.snapshot(obj, OBJECT_FIELDS))
    if changes:
        obj.save()
        audit.record(actor=actor, verb="inspections.object_update", target=obj, changes=changes)
    return obj, False


# ---- Excel import (all-or-nothing through fazhi.core.imports) --------------------------------


def _uscc_cell(value: Any) -> str:
    code = ("" if value is None else str(value)).strip().upper()
    problem = validate_uscc(code)
    if problem:
        raise ValueError(problem)
    return code


def _grade_cell(value: Any) -> str:
    raw = ("" if value is None else str(value)).strip().upper().removesuffix("级")
    if raw not in RiskGrade.values:
        raise ValueError(f"“{value}”不是有效的风险等级（可选：A、B、C、D）")
    return raw


OBJECT_COLUMNS = [
    ImportColumn("名称", "name", text(200), required=True),
    ImportColumn("统一社会信用代码", "uscc", _uscc_cell, required=True),
    ImportColumn("住所（经营场所）", "address", text(300)),
    ImportColumn("所属行业", "industry", text(100)),
    ImportColumn("风险等级", "risk_grade", _grade_cell, required=True, help="A/B/C/D"),
]
OBJECT_EXAMPLE = [
    "江城市东湖区示例商贸有限公司",
    "91360102MA0000000M",
    "东湖区示例路 1 号",
    "批发和零售业",
    "B",
]


def object_import(
    *, actor: User | None, unit: OrgUnit, source: IO[bytes] | str | list[list[Any]]
) -> ImportResult:
    """Import entities into the unit's pool: every row valid → all saved; any error → none."""
    ensure_reach(actor, MANAGE, unit)

    def save(rows: list[dict[str, Any]]) -> int:
        seen: dict[str, int] = {}
        for row in rows:
            if row["uscc"] in seen:
                raise RowError(row["_row"], "统一社会信用代码", f"与第 {seen[row['uscc']]} 行重复")
            seen[row["uscc"]] = row["_row"]
            try:
                object_save(
                    actor=actor,
                    unit=unit,
                    name=row["name"],
                    uscc=row["uscc"],
                    risk_grade=row["risk_grade"],
                    address=row.get("address", ""),
                    industry=row.get("industry", ""),
                )
            except DomainError as exc:
                raise RowError(row["_row"], _header(exc.field), exc.message) from exc
        return len(rows)

    return run_import(source, columns=OBJECT_COLUMNS, save=save)


def _header(field: str | None) -> str:
    return next((c.header for c in OBJECT_COLUMNS if c.key == field), "")


# ---- recusal links (回避关系) ------------------------------------------------------------------


@transaction.atomic
def recusal_add(
    *,
    actor: User | None,
    inspection_object: InspectionObject,
    officer: Officer,
    reason: str,
    note: str = "",
) -> RecusalLink:
    """Record that `officer` must never inspect the entity; it then never draws it."""
    unit = inspection_object.org_unit
    ensure_reach(actor, MANAGE, unit)
    if reason not in RecusalLink.Reason.values:
        raise DomainError("回避事由无效", field="reason")
    if not officer.org_unit.path.startswith(unit.path):
        raise DomainError("只能登记本单位及下级单位的执法人员", field="officer")
    if RecusalLink.objects.filter(inspection_object=inspection_object, officer=officer).exists():
        raise DomainError("该回避关系已登记", field="officer")
    link = RecusalLink.objects.create(
        inspection_object=inspection_object,
        officer=officer,
        reason=reason,
        note=(note or "").strip()[:200],
    )
    audit.record(
        actor=actor,
        verb="inspections.recusal_add",
        target=inspection_object,
        changes={"recusal": [None, f"{officer.pk}:{officer.full_name}"], "reason": [None, reason]},
    )
    return link


@transaction.atomic
def recusal_remove(*, actor: User | None, link: RecusalLink) -> None:
    """Delete a recusal link (tasks already committed keep the pairs frozen in their inputs)."""
    obj = link.inspection_object
    ensure_reach(actor, MANAGE, obj.org_unit)
    label = f"{link.officer_id}:{link.officer.full_name}"
    link.delete()
    audit.record(
        actor=actor,
        verb="inspections.recusal_remove",
        target=obj,
        changes={"recusal": [label, None]},
    )
