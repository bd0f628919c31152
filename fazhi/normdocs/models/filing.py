"""Filing (备案) upward and its review, and public review suggestions (审查建议)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .document import NormativeDocument

USER = settings.AUTH_USER_MODEL


class Filing(models.Model):
    """备案 of a published document with a filing body (`filed_to`), its registration and review."""

    class Registration(models.TextChoices):
        PENDING = "", "待登记"
        REGISTERED = "registered", "予以登记"
        REJECTED = "rejected", "不予登记（不属于备案范围）"
        DEFERRED = "deferred", "暂缓登记（补充材料）"

    class Review(models.TextChoices):
        PENDING = "", "待审查"
        NO_ISSUE = "no_issue", "无问题"
        ADVISE_AMEND = "advise_amend", "建议修改"
        ORDER_CORRECT = "order_correct", "责令纠正"
        REVOKE = "revoke", "撤销"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="filings"
    )
    filed_to = models.ForeignKey(
        "core.OrgUnit", verbose_name="备案机关", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("报备期限")
    filed_on = models.DateField("报备日期")
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    registration = models.CharField(
        "登记结果", max_length=12, choices=Registration, default=Registration.PENDING, blank=True
    )
    registered_on = models.DateField("登记日期", null=True, blank=True)
    resubmit_due_on = models.DateField("补充材料期限", null=True, blank=True)
    resubmitted_on = models.DateField("补充材料日期", null=True, blank=True)
    review = models.CharField(
        "审查结果", max_length=16, choices=Review, default=Review.PENDING, blank=True
    )
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    review_notes = models.TextField("审查意见", blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    correction_due_on = models.DateField("纠正情况报告期限", null=True, blank=True)
    correction_reported_on = models.DateField("纠正情况报告日期", null=True, blank=True)
    correction_report = models.TextField("纠正情况报告", blank=True)

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "filed_to"], name="normdoc_filing_unique"),
            models.CheckConstraint(
                condition=Q(review="") | Q(reviewed_on__isnull=False),
                name="normdoc_filing_review_dated",
            ),
            models.CheckConstraint(
                condition=Q(registration="") | Q(registered_on__isnull=False),
                name="normdoc_filing_registration_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"向{self.filed_to}备案"

    @property
    def on_time(self) -> bool:
        """Filed within the filing clock."""
        return self.filed_on <= self.due_on


class ReviewSuggestion(models.Model):
    """审查建议 about a published document, submitted by anyone through the portal."""

    class Status(models.TextChoices):
        RECEIVED = "received", "已收到"
        HANDLING = "handling", "办理中"
        REPLIED = "replied", "已答复"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="review_suggestions"
    )
    name = models.CharField("建议人", max_length=50)
    contact = models.CharField("联系方式", max_length=100)
    content = models.TextField("建议内容")
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.RECEIVED)
    handling_notes = models.TextField("办理情况（内部）", blank=True)
    reply = models.TextField("答复", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    handled_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "审查建议"
        verbose_name_plural = "审查建议"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="replied") | (~Q(reply="") & Q(replied_on__isnull=False)),
                name="normdoc_suggestion_reply_when_replied",
            ),
        ]

    def __str__(self) -> str:
        return f"审查建议 {self.tracking_code}"
