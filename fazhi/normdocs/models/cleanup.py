"""Cleanup campaigns (清理): documents assigned to owners with a deadline and an outcome each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .document import NormativeDocument

USER = settings.AUTH_USER_MODEL


class CleanupCampaign(models.Model):
    """A 清理 campaign run by a Justice Bureau over the documents in its scope."""

    class Status(models.TextChoices):
        OPEN = "open", "清理中"
        PUBLISHED = "published", "结果已公布"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("清理名称", max_length=200)
    deadline = models.DateField("完成期限")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    published_on = models.DateField("结果公布日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "清理工作"
        verbose_name_plural = "清理工作"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    """One document in a campaign: its owner, deadline and outcome (保留/修改/废止/宣布失效)."""

    class Outcome(models.TextChoices):
        PENDING = "", "待清理"
        KEEP = "keep", "保留"
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"
        DECLARE_INVALID = "declare_invalid", "宣布失效"

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_items"
    )
    owner = models.ForeignKey(
        USER, verbose_name="责任人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField("完成期限")
    outcome = models.CharField(
        "清理结果", max_length=16, choices=Outcome, default=Outcome.PENDING, blank=True
    )
    reason = models.TextField("理由", blank=True)
    decided_on = models.DateField("确定日期", null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "清理事项"
        verbose_name_plural = "清理事项"
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="normdoc_cleanup_unique"),
            models.CheckConstraint(
                condition=Q(outcome="") | (~Q(reason="") & Q(decided_on__isnull=False)),
                name="normdoc_cleanup_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document}：{self.get_outcome_display()}"
