"""The "four lists" (不予处罚/从轻/减轻/免予强制): create, adjust as a new version, publish.

Like the power list, every adjustment — abolition (active=False) included — is a new version with
its reason and date; the portal shows the current version of entries still in force.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import LenientEntryVersion, LenientListEntry, PowerItem

from .common import today
from .registers import _ensure, adjustment_reason

ENTRY_FIELDS = ("list_kind", "matter", "conditions", "basis", "power_item_id", "active")
K, B = LenientListEntry.ListKind, LenientListEntry.Basis


def _clean(
    unit: OrgUnit,
    list_kind: str,
    matter: str,
    conditions: str,
    basis: str,
    power_item: PowerItem | None,
) -> dict[str, Any]:
    """The entry's content, checked: kind, anchor, texts, and the item of the same unit."""
    if list_kind not in K.values:
        raise DomainError("清单类别无效", field="list_kind")
    if basis not in B.values:
        raise DomainError("法律依据无效", field="basis")
    matter, conditions = (matter or "").strip(), (conditions or "").strip()
    if not matter or not conditions:
        raise DomainError("请填写违法行为/事项和适用条件", field="matter")
    if len(matter) > 300:
        raise DomainError("违法行为/事项不能超过 300 个字符", field="matter")
    if power_item is not None and power_item.org_unit_id != unit.pk:
        raise DomainError("对应事项须为本单位权责清单中的事项", field="power_item")
    if (list_kind == K.NO_COMPULSION) != (basis == B.QZ5):
        raise DomainError(
            "免予行政强制清单以《行政强制法》第五条为依据，其他清单以《行政处罚法》为依据",
            field="basis",
        )
    return {
        "list_kind": list_kind,
        "matter": matter,
        "conditions": conditions,
        "basis": basis,
        "power_item": power_item,
    }


def _add_version(
    entry: LenientListEntry, actor: User | None, reason: str, effective_on: dt.date
) -> LenientEntryVersion:
    return LenientEntryVersion.objects.create(
        entry=entry,
        version=entry.version,
        snapshot=audit.snapshot(entry, ENTRY_FIELDS),
        reason=reason,
        effective_on=effective_on,
        changed_by=actor,
    )


@transaction.atomic
def lenient_entry_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    list_kind: str,
    matter: str,
    conditions: str,
    basis: str,
    power_item: PowerItem | None = None,
    effective_on: dt.date | None = None,
) -> LenientListEntry:
    """Add an entry to one of the four lists (version 1), unpublished."""
    _ensure(actor, unit)
    data = _clean(unit, list_kind, matter, conditions, basis, power_item)
    entry = LenientListEntry.objects.create(org_unit=unit, **data)
    _add_version(entry, actor, "新增条目", effective_on or today())
    audit.record(
        actor=actor,
        verb="enforcement.lenient_entry_create",
        target=entry,
        changes={"list_kind": [None, list_kind], "matter": [None, entry.matter]},
    )
    return entry


@transaction.atomic
def lenient_entry_adjust(
    *,
    entry: LenientListEntry,
    actor: User | None,
    reason: str,
    effective_on: dt.date,
    list_kind: str,
    matter: str,
    conditions: str,
    basis: str,
    power_item: PowerItem | None = None,
    active: bool = True,
) -> LenientListEntry:
    """调整 an entry (or abolish it with active=False): a new version with its reason and date."""
    entry = LenientListEntry.objects.select_for_update().select_related("org_unit").get(pk=entry.pk)
    _ensure(actor, entry.org_unit)
    reason = adjustment_reason(reason, effective_on)
    data = _clean(entry.org_unit, list_kind, matter, conditions, basis, power_item)
    before = audit.snapshot(entry, ENTRY_FIELDS)
    if not LenientEntryVersion.objects.filter(entry=entry).exists():
        _add_version(entry, None, "初始版本（调整前补记）", effective_on)
    for key, value in {**data, "active": bool(active)}.items():
        setattr(entry, key, value)
    changes = audit.diff(before, audit.snapshot(entry, ENTRY_FIELDS))
    if not changes:
        raise DomainError("内容没有变化")
    entry.version += 1
    entry.save()
    _add_version(entry, actor, reason, effective_on)
    audit.record(
        actor=actor,
        verb="enforcement.lenient_entry_adjust",
        target=entry,
        changes={
            **changes,
            "version": [entry.version - 1, entry.version],
            "reason": [None, reason],
        },
    )
    return entry


@transaction.atomic
def lenient_entry_publish(
    *, entry: LenientListEntry, actor: User | None, published: bool
) -> LenientListEntry:
    """Publish an entry on the portal or take it off (an abolished entry cannot be published)."""
    entry = LenientListEntry.objects.select_for_update().get(pk=entry.pk)
    _ensure(actor, entry.org_unit)
    before = entry.published
    if before == published:
        raise DomainError("该条目已公开" if published else "该条目未公开")
    if published and not entry.active:
        raise DomainError("该条目已废止，不能公开")
    entry.published = published
    entry.save(update_fields=["published", "updated_at"])
    audit.record(
        actor=actor,
        verb="enforcement.lenient_entry_publish",
        target=entry,
        changes={"published": [before, published]},
    )
    return entry
