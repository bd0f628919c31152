"""The search outbox: records changed in a transaction, waiting for the index writer."""

from django.db import models


class PendingIndex(models.Model):
    """One record to (re)index or drop; written in the same transaction as the change."""

    kind = models.CharField("类型", max_length=64)
    object_id = models.BigIntegerField("记录编号")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "待索引记录"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id}"
