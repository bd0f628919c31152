"""Register services: subjects, officers, certificates, training, power list (versioned), benchmarks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import (
    BenchmarkTier,
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    Officer,
    PowerItem,
    PowerItemVersion,
    TrainingRecord,
)
from fazhi.enforcement.models.registers import DOMAINS, domains_text
from fazhi.enforcement.permissions import MANAGE_REGISTERS

POWER_FIELDS = (
    "code",
    "name",
    "category",
    "legal_basis",
    "responsible_unit_id",
    "domain",
    "active",
)


def _ensure(actor: User | None, unit: OrgUnit) -> None:
    if actor is not None and not access.can_reach_unit(actor, MANAGE_REGISTERS, unit):
        raise DomainError("无权维护该单位的登记信息", field="org_unit")


def _domains(codes: list[str]) -> str:
    bad = [c for c in codes if c not in DOMAINS]
    if bad:
        raise DomainError(f"执法领域“{bad[0]}”无效", field="domains")
    return domains_text(codes)


@transaction.atomic
def subject_save(
    *,
    actor: User | None,
    unit: OrgUnit,
    kind: str,
    domains: list[str],
    legal_basis: str = "",
    entrusting_unit: OrgUnit | None = None,
    entrustment_document: str = "",
    entrustment_attachment_id: int | None = None,
) -> EnforcementSubject:
    """Create or update the unit's subject record; an entrusted body needs its 委托书 (Arts 20–21)."""
    _ensure(actor, unit)
    if kind not in EnforcementSubject.Kind.values:
        raise DomainError("主体类型无效", field="kind")
    if kind == EnforcementSubject.Kind.ENTRUSTED and (
        not entrustment_document.strip() or entrusting_unit is None
    ):
        raise DomainError("受委托组织须登记委托机关和书面委托书", field="entrustment_document")
    subject, created = EnforcementSubject.objects.update_or_create(
        org_unit=unit,
        defaults={
            "kind": kind,
            "domains": _domains(domains),
            "legal_basis": legal_basis,
            "entrusting_unit": entrusting_unit,
            "entrustment_document": entrustment_document.strip(),
            "entrustment_attachment_id": entrustment_attachment_id,
        },
    )
    audit.record(
        actor=actor,
        verb="enforcement.subject_save",
        target=subject,
        changes={"kind": [None if created else "?", kind]},
        unit_id=unit.pk,
    )
    return subject


@transaction.atomic
def officer_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    full_name: str,
    domains: list[str],
    user: User | None = None,
    legal_qualification: bool = False,
    legal_qualification_number: str = "",
) -> Officer:
    _ensure(actor, unit)
    if not full_name.strip():
        raise DomainError("请填写姓名", field="full_name")
    if legal_qualification and not legal_qualification_number.strip():
        raise DomainError("请填写法律职业资格证书编号", field="legal_qualification_number")
    officer = Officer.objects.create(
        org_unit=unit,
        user=user,
        full_name=full_name.strip(),
        domains=_domains(domains),
        legal_qualification=legal_qualification,
        legal_qualification_number=legal_qualification_number.strip(),
    )
    audit.record(
        actor=actor,
        verb="enforcement.officer_create",
        target=officer,
        changes={"full_name": [None, officer.full_name]},
    )
    return officer


@transaction.atomic
def certificate_add(
    *,
    actor: User | None,
    officer: Officer,
    number: str,
    issuer: str,
    valid_from: dt.date,
    valid_to: dt.date,
    domains: list[str] = (),
) -> Certificate:  # type: ignore[assignment]
    _ensure(actor, officer.org_unit)
    if not number.strip() or not issuer.strip():
        raise DomainError("请填写执法证号和发证机关", field="number")
    if valid_to < valid_from:
        raise DomainError("有效期至不能早于有效期自", field="valid_to")
    if Certificate.objects.filter(number=number.strip()).exists():
        raise DomainError("该执法证号已登记", field="number")
    cert = Certificate.objects.create(
        officer=officer,
        number=number.strip(),
        issuer=issuer.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        domains=_domains(list(domains)),
    )
    audit.record(
        actor=actor,
        verb="enforcement.certificate_add",
        target=officer,
        changes={"certificate": [None, cert.number], "valid_to": [None, valid_to]},
        unit_id=officer.org_unit_id,
    )
    return cert


@transaction.atomic
def training_add(
    *, actor: User | None, officer: Officer, course: str, hours: Decimal, attended_on: dt.date
) -> TrainingRecord:
    _ensure(actor, officer.org_unit)
    if hours is None or hours <= 0 or hours > 500:
        raise DomainError("学时应为 0—500 之间的正数", field="hours")
    record = TrainingRecord.objects.create(
        officer=officer,
        course=course.strip() or "培训",
        hours=hours,
        attended_on=attended_on,
        year=attended_on.year,
    )
    audit.record(
        actor=actor,
        verb="enforcement.training_add",
        target=officer,
        changes={"hours": [None, hours]},
        unit_id=officer.org_unit_id,
    )
    return record


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
        raise DomainError("裁量基准至少应划分 3 个阶次", field="tiers")
    seen: set[str] = set()
    for t in tiers:
        if t.get("tier") not in BenchmarkTier.Tier.values or t["tier"] in seen:
            raise DomainError("裁量阶次无效或重复", field="tiers")
        seen.add(t["tier"])
        if Decimal(t.get("amount_max", 0)) < Decimal(t.get("amount_min", 0)):
            raise DomainError(
                f"“{BenchmarkTier.Tier(t['tier']).label}”的金额上限低于下限", field="tiers"
            )
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
    *, benchmark: DiscretionBenchmark, actor: User | None, on: dt.date
) -> DiscretionBenchmark:
    _ensure(actor, benchmark.org_unit)
    benchmark.published, benchmark.published_on = True, on
    benchmark.save(update_fields=["published", "published_on", "updated_at"])
    audit.record(
        actor=actor,
        verb="enforcement.benchmark_publish",
        target=benchmark,
        changes={"published": [False, True]},
    )
    return benchmark
