"""The tamper-evident audit trail (全程留痕)."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One state change. Append-only (database triggers); each entry hashes its predecessor.

    The trail is a fixed set of independent chains ("lanes", chosen by the entry's unit) so that
    writers in different units do not serialise on one lock. Within a lane `seq` is contiguous
    from 1 (a deleted row shows as a gap) and `hash = SHA-256(prev_hash || canonical JSON)`,
    see `core.audit`. `id` gives the global order.
    """

    lane = models.PositiveSmallIntegerField("链号", default=0)
    seq = models.BigIntegerField("链内序号")
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    actor_repr = models.CharField("操作人", max_length=100)
    unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    verb = models.CharField("操作", max_length=64, db_index=True)
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编号", max_length=64)
    target_repr = models.CharField("对象", max_length=200)
    changes = models.JSONField("变更内容", default=dict)
    ip = models.CharField("IP 地址", max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]
        constraints = [
            models.UniqueConstraint(fields=["lane", "seq"], name="audit_lane_seq_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.verb} {self.target_repr}"


class AuditCheckpoint(models.Model):
    """The head of every lane at the end of one day, and their combined digest (published daily).

    Append-only like the entries. Anyone who keeps a copy of a day's digest can later prove that
    no entry up to that day was altered, inserted or removed.
    """

    day = models.DateField("日期", unique=True)
    digest = models.CharField("链头摘要", max_length=64)
    heads = models.JSONField("各链链头", default=dict)
    entries = models.BigIntegerField("截至当日记录数")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "审计链每日检查点"
        verbose_name_plural = "审计链每日检查点"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:12]}"
