"""Catalogue services: the power list (versioned). Benchmarks and the four lists, also versioned,
live in `benchmarks.py` and `lenient.py` and are re-exported here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import PowerItem, PowerItemVersion

from .benchmarks import benchmark_adjust, benchmark_create, benchmark_publish
from .lenient import lenient_entry_adjust, lenient_entry_create, lenient_entry_publish
from .registers import _ensure

__all__ = [
    "benchmark_adjust",
    "benchmark_create",
    "benchmark_publish",
    "lenient_entry_adjust",
    "lenient_entry_create",
    "lenient_entry_publish",
    "power_item_adjust",
    "power_item_create",
    "power_item_publish",
]

POWER_FIELDS = (
    "code",
    "name",
    "category",
    "legal_basis",
    "responsible_unit_id",
    "domain",
    "active",
)


def _power_snapshot(item: PowerItem) -> dict[str, Any]:
    return audit.snapshot(item, POWER_FIELDS + ("published",))


@transaction.atomic
def power_item_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    code: str,
    name: str,
    category: str,
    legal_basis: str,
    responsible_unit: OrgUnit,
    domain: str = "",
    effective_on: dt.date,
    reason: str = "新增事项",
) -> PowerItem:
    """Add an item to the unit's list; version 1 is recorded with its reason and date."""
    _ensure(actor, unit)
    if category not in PowerItem.Category.values:
        raise DomainError("权力类别无效", field="category")
    if not (code.strip() and name.strip() and legal_basis.strip()):
        raise DomainError("事项编码、名称和设定依据均为必填", field="name")
    if PowerItem.objects.filter(org_unit=unit, code=code.strip()).exists():
        raise DomainError("本单位清单中已有该事项编码", field="code")
    item = PowerItem.objects.create(
        org_unit=unit,
        code=code.strip(),
        name=name.strip(),
        category=category,
        legal_basis=legal_basis.strip(),
        responsible_unit=responsible_unit,
        domain=domain,
    )
    PowerItemVersion.objects.create(
        item=item,
        version=1,
        snapshot=_power_snapshot(item),
        reason=reason,
        effective_on=effective_on,
        changed_by=actor,
    )
    audit.record(
        actor=actor,
        verb="enforcement.power_item_create",
        target=item,
        changes={"name": [None, item.name]},
    )
    return item


@transaction.atomic
def power_item_adjust(
    *, item: PowerItem, actor: User | None, reason: str, effective_on: dt.date, **changes: Any
) -> PowerItem:
    """调整 an item (fields, or active=False to abolish it): a new version with reason and date."""
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    _ensure(actor, item.org_unit)
    if not (reason or "").strip():
        raise DomainError("请填写调整理由", field="reason")
    unknown = set(changes) - {
        "name",
        "category",
        "legal_basis",
        "responsible_unit",
        "domain",
        "active",
    }
    if unknown:
        raise DomainError("不能调整这些字段：" + "、".join(sorted(unknown)))
    before = _power_snapshot(item)
    for key, value in changes.items():
        setattr(item, key, value)
    after = _power_snapshot(item)
    diff = audit.diff(before, after)
    if not diff:
        raise DomainError("内容没有变化")
    item.version += 1
    item.save()
    PowerItemVersion.objects.create(
        item=item,
        version=item.version,
        snapshot=after,
        reason=reason.strip(),
        effective_on=effective_on,
        changed_by=actor,
    )
    audit.record(
        actor=actor,
        verb="enforcement.power_item_adjust",
        target=item,
        changes={**diff, "reason": [None, reason.strip()]},
    )
    return item


@transaction.atomic
def power_item_publish(
    *, item: PowerItem, actor: User | None, published: bool, on: dt.date
) -> PowerItem:
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    _ensure(actor, item.org_unit)
    before = item.published
    item.published, item.published_on = published, (on if published else item.published_on)
    item.save(update_fields=["published", "published_on", "updated_at"])
    audit.record(
        actor=actor,
        verb="enforcement.power_item_publish",
        target=item,
        changes={"published": [before, published]},
    )
    return item
