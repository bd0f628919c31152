"""Discretion benchmarks (裁量基准): create, adjust as a new version (reason + date), publish.

Every version keeps a full snapshot (tiers included) so the history shows what applied when; an
earlier decision keeps pointing at its tier row, whose content the version history preserves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.enforcement.models import (
    BenchmarkTier,
    BenchmarkVersion,
    Case,
    DiscretionBenchmark,
    PowerItem,
)

from .common import today
from .registers import _ensure, adjustment_reason

TIER_ORDER = list(BenchmarkTier.Tier.values)


def _amount(value: Any, label: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation as exc:
        raise DomainError(f"“{label}”的金额无效", field="tiers") from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 12:
        raise DomainError(f"“{label}”的金额无效", field="tiers")
    return amount.quantize(Decimal("0.01"))


def clean_tiers(tiers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """≥ 3 distinct tiers, each with conditions and a range that is not inverted (a local rule)."""
    if len(tiers) < 3:
        raise DomainError("裁量基准至少应划分 3 个阶次（地方通行做法）", field="tiers")
    seen: set[str] = set()
    cleaned = []
    for t in tiers:
        if t.get("tier") not in BenchmarkTier.Tier.values or t["tier"] in seen:
            raise DomainError("裁量阶次无效或重复", field="tiers")
        seen.add(t["tier"])
        label = BenchmarkTier.Tier(t["tier"]).label
        low, high = _amount(t.get("amount_min"), label), _amount(t.get("amount_max"), label)
        if high < low:
            raise DomainError(f"“{label}”的金额上限低于下限", field="tiers")
        conditions = str(t.get("conditions") or "").strip()
        if not conditions:
            raise DomainError(f"请填写“{label}”的适用情形", field="tiers")
        cleaned.append(
            {
                "tier": t["tier"],
                "conditions": conditions,
                "amount_min": low,
                "amount_max": high,
                "other_measures": str(t.get("other_measures") or "").strip()[:200],
            }
        )
    return sorted(cleaned, key=lambda t: TIER_ORDER.index(t["tier"]))


def _texts(violation: str, legal_basis: str) -> tuple[str, str]:
    violation, legal_basis = (violation or "").strip(), (legal_basis or "").strip()
    if not violation or not legal_basis:
        raise DomainError("请填写违法行为和处罚依据", field="violation")
    if len(violation) > 300:
        raise DomainError("违法行为不能超过 300 个字符", field="violation")
    return violation, legal_basis


def snapshot(bench: DiscretionBenchmark) -> dict[str, Any]:
    """The benchmark's content as stored in a version (amounts as text, tiers in tier order)."""
    tiers = sorted(bench.tiers.all(), key=lambda t: TIER_ORDER.index(t.tier))
    return {
        "violation": bench.violation,
        "legal_basis": bench.legal_basis,
        "tiers": [
            {
                "tier": t.tier,
                "conditions": t.conditions,
                "amount_min": str(t.amount_min),
                "amount_max": str(t.amount_max),
                "other_measures": t.other_measures,
            }
            for t in tiers
        ],
    }


def _add_version(
    bench: DiscretionBenchmark, actor: User | None, reason: str, effective_on: dt.date
) -> BenchmarkVersion:
    return BenchmarkVersion.objects.create(
        benchmark=bench,
        version=bench.version,
        snapshot=snapshot(bench),
        reason=reason,
        effective_on=effective_on,
        changed_by=actor,
    )


@transaction.atomic
def benchmark_create(
    *,
    actor: User | None,
    power_item: PowerItem,
    violation: str,
    legal_basis: str,
    tiers: list[dict[str, Any]],
    effective_on: dt.date | None = None,
) -> DiscretionBenchmark:
    """A benchmark with ≥ 3 tiers, for a penalty item, amount ranges not inverted (version 1)."""
    _ensure(actor, power_item.org_unit)
    if power_item.category != PowerItem.Category.PENALTY:
        raise DomainError("裁量基准只能对应行政处罚事项", field="power_item")
    cleaned = clean_tiers(tiers)
    violation, legal_basis = _texts(violation, legal_basis)
    bench = DiscretionBenchmark.objects.create(
        org_unit=power_item.org_unit,
        power_item=power_item,
        violation=violation,
        legal_basis=legal_basis,
    )
    BenchmarkTier.objects.bulk_create([BenchmarkTier(benchmark=bench, **t) for t in cleaned])
    _add_version(bench, actor, "制定裁量基准", effective_on or today())
    audit.record(
        actor=actor,
        verb="enforcement.benchmark_create",
        target=bench,
        changes={"tiers": [None, sorted(t["tier"] for t in cleaned)]},
    )
    return bench


@transaction.atomic
def benchmark_adjust(
    *,
    benchmark: DiscretionBenchmark,
    actor: User | None,
    reason: str,
    effective_on: dt.date,
    violation: str,
    legal_basis: str,
    tiers: list[dict[str, Any]],
) -> DiscretionBenchmark:
    """调整 a benchmark: the new content becomes the next version, with its reason and date.

    A tier that a decided case applied cannot be dropped (its content may still change; the
    version history keeps what applied before).
    """
    bench = DiscretionBenchmark.objects.select_for_update().get(pk=benchmark.pk)
    _ensure(actor, bench.org_unit)
    reason = adjustment_reason(reason, effective_on)
    cleaned = clean_tiers(tiers)
    violation, legal_basis = _texts(violation, legal_basis)
    before = snapshot(bench)
    if not BenchmarkVersion.objects.filter(benchmark=bench).exists():
        _add_version(bench, None, "初始版本（调整前补记）", effective_on)  # rows loaded in bulk
    existing = {t.tier: t for t in bench.tiers.all()}
    dropped = set(existing) - {t["tier"] for t in cleaned}
    used = Case.objects.filter(benchmark_tier__in=[existing[t] for t in dropped])
    if used.exists():
        labels = "、".join(BenchmarkTier.Tier(t).label for t in sorted(dropped))
        raise DomainError(
            f"已有案件适用“{labels}”阶次，不能删除该阶次（可调整其适用情形和金额）", field="tiers"
        )
    bench.violation, bench.legal_basis = violation, legal_basis
    BenchmarkTier.objects.filter(benchmark=bench, tier__in=dropped).delete()
    for t in cleaned:
        BenchmarkTier.objects.update_or_create(benchmark=bench, tier=t["tier"], defaults=t)
    after = snapshot(bench)
    if after == before:  # the exception rolls the tier writes back with the transaction
        raise DomainError("内容没有变化")
    bench.version += 1
    bench.save(update_fields=["violation", "legal_basis", "version", "updated_at"])
    _add_version(bench, actor, reason, effective_on)
    audit.record(
        actor=actor,
        verb="enforcement.benchmark_adjust",
        target=bench,
        changes={
            **audit.diff(before, after),
            "version": [bench.version - 1, bench.version],
            "reason": [None, reason],
        },
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
