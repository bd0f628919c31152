"""Adjustment history of the registers: the power list, discretion benchmarks and the four lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AdjustmentRecord(models.Model):
    """One version of a register entry: its content after the adjustment, why and when."""

    version = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("内容")
    reason = models.CharField("调整理由", max_length=500)
    effective_on = models.DateField("调整日期")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-version"]


class BenchmarkVersion(AdjustmentRecord):
    """One version of a discretion benchmark (its tiers included in the snapshot)."""

    benchmark = models.ForeignKey(
        "enforcement.DiscretionBenchmark", on_delete=models.CASCADE, related_name="versions"
    )

    class Meta(AdjustmentRecord.Meta):
        verbose_name = "裁量基准调整记录"
        verbose_name_plural = "裁量基准调整记录"
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "version"], name="benchmarkversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.benchmark_id} v{self.version}"


class LenientEntryVersion(AdjustmentRecord):
    """One version of an entry of the four lists."""

    entry = models.ForeignKey(
        "enforcement.LenientListEntry", on_delete=models.CASCADE, related_name="versions"
    )

    class Meta(AdjustmentRecord.Meta):
        verbose_name = "清单条目调整记录"
        verbose_name_plural = "清单条目调整记录"
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="lenientversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.version}"
