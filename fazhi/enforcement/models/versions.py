"""Adjustment history of the discretion benchmarks and the four lists (like the power list's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BenchmarkVersion(models.Model):
    """One version of a discretion benchmark: its content (tiers included), why and when."""

    benchmark = models.ForeignKey(
        "enforcement.DiscretionBenchmark", on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("内容")
    reason = models.CharField("调整理由", max_length=500)
    effective_on = models.DateField("调整日期")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "裁量基准调整记录"
        verbose_name_plural = "裁量基准调整记录"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "version"], name="benchmarkversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.benchmark_id} v{self.version}"


class LenientEntryVersion(models.Model):
    """One version of an entry of the four lists: its content, why and when."""

    entry = models.ForeignKey(
        "enforcement.LenientListEntry", on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("内容")
    reason = models.CharField("调整理由", max_length=500)
    effective_on = models.DateField("调整日期")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "清单条目调整记录"
        verbose_name_plural = "清单条目调整记录"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="lenientversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.version}"
