"""The drafting procedure: comment period, comments, reviews, deliberation and publication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .document import DocumentVersion, NormativeDocument

USER = settings.AUTH_USER_MODEL


class CommentPeriod(models.Model):
    """公开征求意见: opened on a date, closing no earlier than the statutory minimum."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="comment_periods"
    )
    opened_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    channel = models.CharField("征求渠道", max_length=200)
    closed_on = models.DateField("实际结束日期", null=True, blank=True)
    opened_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "征求意见期"
        verbose_name_plural = "征求意见期"
        ordering = ["document", "opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opened_on")), name="normdoc_comment_closes_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opened_on}—{self.closes_on}"


class Comment(models.Model):
    """One public comment and how it was handled (采纳/部分采纳/不采纳 + reason)."""

    class Handling(models.TextChoices):
        PENDING = "", "待处理"
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        REJECTED = "rejected", "不采纳"

    period = models.ForeignKey(CommentPeriod, on_delete=models.CASCADE, related_name="comments")
    commenter = models.CharField("意见人", max_length=100)
    content = models.TextField("意见内容")
    received_on = models.DateField("收到日期")
    handling = models.CharField(
        "处理情况", max_length=8, choices=Handling, default=Handling.PENDING, blank=True
    )
    reason = models.TextField("理由", blank=True)
    handled_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["period", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(handling__in=["", "adopted"]) | ~Q(reason=""),
                name="normdoc_comment_reason_when_not_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commenter}：{self.content[:20]}"


class LegalityReview(models.Model):
    """合法性审核 by the Justice Bureau: a due date, an opinion and the 严禁 checklist."""

    class Opinion(models.TextChoices):
        PENDING = "", "审核中"
        LEGAL = "legal", "合法"
        LEGAL_WITH_CHANGES = "legal_with_changes", "修改后合法"
        ILLEGAL = "illegal", "不合法"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="legality_reviews"
    )
    version = models.ForeignKey(
        DocumentVersion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    received_on = models.DateField("收件日期")
    due_on = models.DateField("审核期限")
    opinion = models.CharField(
        "审核意见", max_length=20, choices=Opinion, default=Opinion.PENDING, blank=True
    )
    checklist = models.JSONField("严禁事项核查", default=list, blank=True)
    notes = models.TextField("审核说明", blank=True)
    completed_on = models.DateField("审核完成日期", null=True, blank=True)
    changes_made_on = models.DateField("按意见修改完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "合法性审核"
        verbose_name_plural = "合法性审核"
        ordering = ["document", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("received_on")), name="normdoc_review_due_after"
            ),
            models.CheckConstraint(
                condition=Q(opinion="") | Q(completed_on__isnull=False),
                name="normdoc_review_opinion_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"合法性审核（{self.get_opinion_display()}）"

    @property
    def passed(self) -> bool:
        """合法, or 修改后合法 with the changes made."""
        if self.opinion == self.Opinion.LEGAL:
            return True
        return self.opinion == self.Opinion.LEGAL_WITH_CHANGES and self.changes_made_on is not None


class FairCompetitionReview(models.Model):
    """公平竞争审查 (公平竞争审查条例 Arts 8–14), required when the document affects market actors."""

    class Conclusion(models.TextChoices):
        COMPLIANT = "compliant", "符合公平竞争审查标准"
        EXCEPTION = "exception", "适用例外规定（第十二条）"
        NON_COMPLIANT = "non_compliant", "不符合，不得出台"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="fair_reviews"
    )
    reviewed_on = models.DateField("审查日期")
    reviewing_body = models.CharField("审查机构", max_length=100)
    conclusion = models.CharField("审查结论", max_length=16, choices=Conclusion)
    exception_reason = models.TextField("例外理由及实施期限", blank=True)
    notes = models.TextField("审查意见", blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "公平竞争审查"
        verbose_name_plural = "公平竞争审查"
        ordering = ["document", "reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(conclusion="exception") | ~Q(exception_reason=""),
                name="normdoc_fair_exception_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.get_conclusion_display()


class Deliberation(models.Model):
    """集体审议: the meeting that decides on the draft."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "审议通过"
        APPROVED_WITH_CHANGES = "approved_with_changes", "原则通过（按意见修改）"
        REJECTED = "rejected", "未通过"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="deliberations"
    )
    meeting = models.CharField("会议名称", max_length=100)
    meeting_on = models.DateField("会议日期")
    decision = models.CharField("审议结果", max_length=24, choices=Decision)
    notes = models.TextField("会议纪要要点", blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "集体审议"
        verbose_name_plural = "集体审议"
        ordering = ["document", "meeting_on", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting}（{self.get_decision_display()}）"

    @property
    def approved(self) -> bool:
        return self.decision != self.Decision.REJECTED


class Publication(models.Model):
    """向社会公开发布, with the policy interpretation (政策解读) published together."""

    document = models.OneToOneField(
        NormativeDocument, on_delete=models.CASCADE, related_name="publication"
    )
    published_on = models.DateField("公布日期")
    channel = models.CharField("公布载体", max_length=100)
    interpretation_title = models.CharField("政策解读标题", max_length=200)
    interpretation_text = models.TextField("政策解读")
    interpretation_attachment_id = models.BigIntegerField("解读附件", null=True, blank=True)
    published_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "公开发布"
        verbose_name_plural = "公开发布"
        constraints = [
            models.CheckConstraint(
                condition=~Q(interpretation_text=""), name="normdoc_interpretation_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.published_on} {self.channel}"
