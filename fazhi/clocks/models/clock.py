"""Statutory clocks (法定期限) that any record registers, and the scheduler's run log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Clock(models.Model):
    """A statutory time limit running for one record: start, rule, pauses, extensions, due date."""

    class Status(models.TextChoices):
        RUNNING = "running", "计时中"
        PAUSED = "paused", "已中止"
        COMPLETED = "completed", "已办结"
        CANCELLED = "cancelled", "已撤销"

    class Urgency(models.TextChoices):
        OK = "ok", "正常"
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"

    kind = models.CharField("期限类别", max_length=64, help_text="如 disclosure.reply")
    label = models.CharField("期限名称", max_length=100)
    legal_basis = models.CharField("法律依据", max_length=200, blank=True)
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编号", max_length=64)
    target_repr = models.CharField("对象", max_length=200)
    url = models.CharField("链接", max_length=300, blank=True)
    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    start_on = models.DateField("起算日")
    rule = models.CharField("计算规则", max_length=20)
    due_on = models.DateField("届满日")
    explanation = models.TextField("计算说明")
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.RUNNING)
    urgency = models.CharField("紧迫程度", max_length=16, choices=Urgency, default=Urgency.OK)
    completed_on = models.DateField("办结日", null=True, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="责任人", blank=True, related_name="clocks"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "法定期限"
        verbose_name_plural = "法定期限"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="clock_status_due_idx"),
            models.Index(fields=["target_type", "target_id"], name="clock_target_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "kind"],
                condition=Q(status__in=["running", "paused"]),
                name="clock_one_active_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("start_on")), name="clock_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}：{self.target_repr}"

    def get_absolute_url(self) -> str:
        return reverse("clocks:detail", args=[self.pk])


class ClockPause(models.Model):
    """A suspension (中止/扣除期间): its days are added back; both ends are included."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    from_on = models.DateField("起始日")
    to_on = models.DateField("截止日", null=True, blank=True)
    reason = models.CharField("原因", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"
        ordering = ["from_on", "pk"]

    def __str__(self) -> str:
        return f"{self.from_on}—{self.to_on or '…'}"


class ClockExtension(models.Model):
    """An approved extension (延长), counted on from the current due date."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions")
    rule = models.CharField("延长规则", max_length=20)
    reason = models.CharField("理由", max_length=200)
    approved_by = models.CharField("批准人", max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "期限延长"
        verbose_name_plural = "期限延长"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.rule


class ScheduledRun(models.Model):
    """One run of a daily job; the unique constraint stops two workers from running it twice."""

    job = models.CharField(max_length=64)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "定时任务记录"
        verbose_name_plural = "定时任务记录"
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="scheduledrun_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
