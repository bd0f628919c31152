"""Pre-check runs over a text and the findings a reviewer accepts or dismisses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class CheckRun(models.Model):
    """One scan of one text: a draft version of a normative document, or ad-hoc text.

    The document and version are kept as plain ids (apps never share models); `org_unit` is the
    issuer of the document and decides who may see the run and its findings.
    """

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    document_id = models.BigIntegerField("规范性文件编号", null=True, blank=True, db_index=True)
    version_id = models.BigIntegerField("文本版本编号", null=True, blank=True, unique=True)
    version_number = models.PositiveIntegerField("稿次", null=True, blank=True)
    text_hash = models.CharField("文本摘要", max_length=64, db_index=True)
    ruleset = models.CharField("规则版本", max_length=16)
    sentence_count = models.PositiveIntegerField("句子数", default=0)
    finding_count = models.PositiveIntegerField("提示数", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "预审记录"
        verbose_name_plural = "预审记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        if self.version_number:
            return f"第{self.version_number}稿预审（{self.finding_count} 条提示）"
        return f"预审 {self.text_hash[:8]}（{self.finding_count} 条提示）"


class Finding(models.Model):
    """A sentence that a rule flags, awaiting the reviewer's 采纳 or 不采纳."""

    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        ACCEPTED = "accepted", "采纳"
        DISMISSED = "dismissed", "不采纳"

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="findings")
    rule_code = models.CharField("规则", max_length=32, db_index=True)
    category = models.CharField("类别", max_length=20)
    sentence = models.TextField("句子")
    start = models.PositiveIntegerField("句首位置")
    end = models.PositiveIntegerField("句末位置")
    match_start = models.PositiveIntegerField("命中起点")
    match_end = models.PositiveIntegerField("命中终点")
    excerpt = models.CharField("命中文字", max_length=200)
    status = models.CharField(
        "状态", max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name="沿用前稿意见",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "预审提示"
        verbose_name_plural = "预审提示"
        ordering = ["run", "start", "rule_code"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="finding_span"),
            models.CheckConstraint(
                condition=Q(match_start__gte=F("start"), match_end__lte=F("end")),
                name="finding_match_in_sentence",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="finding_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code}：{self.excerpt}"
