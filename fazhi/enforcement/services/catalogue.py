"""Catalogue services: the power list (versioned), discretion benchmarks, the four lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import (
    BenchmarkTier,
    DiscretionBenchmark,
    LenientListEntry,
    PowerItem,
    PowerItemVersion,
)

from .registers import _ensure

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


@transaction.atomic
def benchmark_create(
    *,
    actor: User | None,
    power_item: PowerItem,
    violation: str,
    legal_basis: str,
    tiers: list[dict[str, Any]],
) -> DiscretionBenchmark:
    """A benchmark with ≥ 3 tiers, for a penalty item, amount ranges not inverted."""
    _ensure(actor, power_item.org_unit)
    if power_item.category != PowerItem.Category.PENALTY:
        raise DomainError("裁量基准只能对应行政处罚事项", field="power_item")
    if len(tiers) < 3:
        raise DomainError("裁量基准至少应划分 3 个阶次（地方通行做法）", field="tiers")
    if not (violation or "").strip() or not (legal_basis or "").strip():
        raise DomainError("请填写违法行为和处罚依据", field="violation")
    seen: set[str] = set()
    for t in tiers:
        if t.get("tier") not in BenchmarkTier.Tier.values or t["tier"] in seen:
            raise DomainError("裁量阶次无效或重复", field="tiers")
        seen.add(t["tier"])
        label = BenchmarkTier.Tier(t["tier"]).label
        low, high = _amount(t.get("amount_min"), label), _amount(t.get("amount_max"), label)
        if high < low:
            raise DomainError(f"“{label}”的金额上限低于下限", field="tiers")
        if not str(t.get("conditions") or "").strip():
            raise DomainError(f"请填写“{label}”的适用情形", field="tiers")
    bench = DiscretionBenchmark.objects.create(
        org_unit=power_item.org_unit,
        power_item=power_item,
        violation=violation.strip(),
        legal_basis=legal_basis.strip(),
    )
    BenchmarkTier.objects.bulk_create(
        [
            BenchmarkTier(
                benchmark=bench,
                tier=t["tier"],
                conditions=t.get("conditions", ""),
                amount_min=Decimal(t.get("amount_min", 0)),
                amount_max=Decimal(t.get("amount_max", 0)),
                other_measures=t.get("other_measures", ""),
            )
            for t in tiers
        ]
    )
    audit.record(
        actor=actor,
        verb="enforcement.benchmark_create",
        target=bench,
        changes={"tiers": [None, sorted(seen)]},
    )
    return bench


@transaction.atomic
def benchmark_publish(
    *, benchmark: DiscretionBenchmark, actor: User | None, on: dt.date, published: bool = True
) -> DiscretionBenchmark:
    """Publish a benchmark on the portal (Art 34), or take it off."""
    benchmark = DiscretionBenchmark.objects.select_for_update().get(pk=benchmark.pk)
    _ensure(actor, benchmark.org_unit)
    before = benchmark.published
    if before == published:
        raise DomainError("该裁量基准已公开" if published else "该裁量基准未公开")
    benchmark.published = published
    benchmark.published_on = on if published else benchmark.published_on
    benchmark.save(update_fields=["published", "published_on", "updated_at"])
    audit.record(
        actor=actor,
        verb="enforcement.benchmark_publish",
        target=benchmark,
        changes={"published": [before, published]},
    )
    return benchmark


def _amount(value: Any, label: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation as exc:
        raise DomainError(f"“{label}”的金额无效", field="tiers") from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 12:
        raise DomainError(f"“{label}”的金额无效", field="tiers")
    return amount


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
) -> LenientListEntry:
    """Add an entry to one of the four lists (不予处罚/从轻/减轻/免予强制), unpublished."""
    _ensure(actor, unit)
    if list_kind not in LenientListEntry.ListKind.values:
        raise DomainError("清单类别无效", field="list_kind")
    if basis not in LenientListEntry.Basis.values:
        raise DomainError("法律依据无效", field="basis")
    if not (matter or "").strip() or not (conditions or "").strip():
        raise DomainError("请填写违法行为/事项和适用条件", field="matter")
    if power_item is not None and power_item.org_unit_id != unit.pk:
        raise DomainError("对应事项须为本单位权责清单中的事项", field="power_item")
    compulsion = list_kind == LenientListEntry.ListKind.NO_COMPULSION
    if compulsion != (basis == LenientListEntry.Basis.QZ5):
        raise DomainError(
            "免予行政强制清单以《行政强制法》第五条为依据，其他清单以《行政处罚法》为依据",
            field="basis",
        )
    entry = LenientListEntry.objects.create(
        org_unit=unit,
        list_kind=list_kind,
        matter=matter.strip()[:300],
        conditions=conditions.strip(),
        basis=basis,
        power_item=power_item,
    )
    audit.record(
        actor=actor,
        verb="enforcement.lenient_entry_create",
        target=entry,
        changes={"list_kind": [None, list_kind], "matter": [None, entry.matter]},
    )
    return entry


@transaction.atomic
def lenient_entry_publish(
    *, entry: LenientListEntry, actor: User | None, published: bool
) -> LenientListEntry:
    """Publish an entry on the portal or take it off."""
    entry = LenientListEntry.objects.select_for_update().get(pk=entry.pk)
    _ensure(actor, entry.org_unit)
    before = entry.published
    if before == published:
        raise DomainError("该条目已公开" if published else "该条目未公开")
    entry.published = published
    entry.save(update_fields=["published"])
    audit.record(
        actor=actor,
        verb="enforcement.lenient_entry_publish",
        target=entry,
        changes={"published": [before, published]},
    )
    return entry
