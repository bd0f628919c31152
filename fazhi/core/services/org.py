"""Write path for the organisation tree."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.identifiers import validate_division, validate_uscc
from fazhi.core.models import OrgUnit, User
from fazhi.core.models.org import segment

EDITABLE = ["name", "short_name", "kind", "level", "uscc", "division_code", "sort_order", "active"]


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: data[k] for k in EDITABLE if k in data}
    for key in ("name", "short_name", "uscc", "division_code"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        raise DomainError("请填写单位名称", field="name")
    if "kind" in cleaned and cleaned["kind"] not in OrgUnit.Kind.values:
        raise DomainError("单位类型无效", field="kind")
    if "level" in cleaned and cleaned["level"] not in OrgUnit.Level.values:
        raise DomainError("层级无效", field="level")
    if cleaned.get("uscc"):
        cleaned["uscc"] = cleaned["uscc"].upper()
        reason = validate_uscc(cleaned["uscc"])
        if reason:
            raise DomainError(reason, field="uscc")
        others = OrgUnit.objects.filter(uscc=cleaned["uscc"])
        if data.get("pk") is not None:
            others = others.exclude(pk=data["pk"])
        if others.exists():
            raise DomainError("该统一社会信用代码已被其他单位使用", field="uscc")
    if cleaned.get("division_code"):
        reason = validate_division(cleaned["division_code"])
        if reason:
            raise DomainError(reason, field="division_code")
    return cleaned


@transaction.atomic
def unit_create(*, actor: User | None, parent: OrgUnit | None, **data: Any) -> OrgUnit:
    """Create a unit under `parent` (None: a root) and give it its materialised path."""
    cleaned = _clean(data)
    for required in ("name", "kind", "level"):
        if not cleaned.get(required):
            raise DomainError("请填写必填项", field=required)
    if parent is not None:
        parent = OrgUnit.objects.select_for_update().get(pk=parent.pk)
        if not parent.active:
            raise DomainError("上级单位已停用，不能新增下级单位", field="parent")
    unit = OrgUnit.objects.create(parent=parent, **cleaned)
    unit.path = (parent.path if parent else "") + segment(unit.pk)
    unit.depth = (parent.depth + 1) if parent else 0
    unit.save(update_fields=["path", "depth"])
    audit.record(
        actor=actor,
        verb="core.unit_create",
        target=unit,
        unit_id=unit.pk,
        changes={k: [None, v] for k, v in cleaned.items()},
    )
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: OrgUnit, **data: Any) -> OrgUnit:
    """Change a unit's fields; the audit entry records every changed field."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    cleaned = _clean({**data, "pk": unit.pk})
    if cleaned.get("active") is False and unit.children.filter(active=True).exists():
        raise DomainError("该单位仍有启用的下级单位，请先停用或调整下级单位", field="active")
    before = audit.snapshot(unit, list(cleaned))
    for key, value in cleaned.items():
        setattr(unit, key, value)
    changes = audit.diff(before, audit.snapshot(unit, list(cleaned)))
    if not changes:
        return unit
    unit.save()
    audit.record(
        actor=actor, verb="core.unit_update", target=unit, unit_id=unit.pk, changes=changes
    )
    return unit


@transaction.atomic
def unit_move(*, actor: User, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Re-parent a unit; its whole subtree's paths are rewritten in one statement."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    new_parent = OrgUnit.objects.select_for_update().get(pk=new_parent.pk)
    if new_parent.path.startswith(unit.path):
        raise DomainError("不能把单位移动到它自己或它的下级单位之下", field="parent")
    old_path, old_parent_id = unit.path, unit.parent_id
    new_path = new_parent.path + segment(unit.pk)
    depth_shift = new_parent.depth + 1 - unit.depth
    OrgUnit.objects.filter(unit.subtree_q()).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit.record(
        actor=actor,
        verb="core.unit_move",
        target=unit,
        unit_id=unit.pk,
        changes={"parent": [old_parent_id, new_parent.pk], "path": [old_path, new_path]},
    )
    return unit
