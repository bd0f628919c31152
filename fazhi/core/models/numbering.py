"""Unified numbering (统一编号): one gap-free counter per issuing unit, kind and year."""

from django.db import models

from .org import OrgUnit


class NumberSequence(models.Model):
    """The last number issued for (unit, kind, year); incremented under a row lock."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("编号类别", max_length=32)
    year = models.PositiveSmallIntegerField("年度")
    last_number = models.PositiveIntegerField("已用最大号", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="numbersequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.year}: {self.last_number}"
