"""Case-file evaluation (案卷评查): rubrics, campaigns, sampled case files, scores, rectification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class Grade(models.TextChoices):
    """The grade of one evaluated case file."""

    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class Rubric(models.Model):
    """A scoring rubric (评查标准): items out of 100, veto items and grade thresholds.

    Once a campaign has used a version it is frozen (`used`); a change then makes a new version
    in the same `family` so that scores already given keep their meaning.
    """

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    family = models.CharField("标准编码", max_length=40)
    version = models.PositiveIntegerField("版本", default=1)
    name = models.CharField("名称", max_length=200)
    description = models.TextField("说明", blank=True)
    excellent_min = models.DecimalField("优秀线（分）", max_digits=5, decimal_places=1, default=90)
    pass_min = models.DecimalField("合格线（分）", max_digits=5, decimal_places=1, default=70)
    used = models.BooleanField("已使用（冻结）", default=False)
    superseded = models.BooleanField("已被新版本取代", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "评查标准"
        verbose_name_plural = "评查标准"
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="rubric_family_version"),
            models.CheckConstraint(
                condition=Q(excellent_min__gt=F("pass_min")), name="rubric_thresholds_ordered"
            ),
            models.CheckConstraint(
                condition=Q(pass_min__gt=0) & Q(excellent_min__lte=100),
                name="rubric_thresholds_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:rubric-detail", args=[self.pk])


class RubricItem(models.Model):
    """One item of a rubric: points, or a veto (否决项) that zeroes the whole score."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("序号", default=1)
    category = models.CharField("评查类别", max_length=40)
    title = models.CharField("评查内容", max_length=300)
    points = models.DecimalField("分值", max_digits=5, decimal_places=1, default=0)
    veto = models.BooleanField("否决项", default=False)
    guidance = models.TextField("评分说明", blank=True)

    class Meta:
        verbose_name = "评查项目"
        verbose_name_plural = "评查项目"
        ordering = ["rubric", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="rubricitem_points_pos"),
            models.CheckConstraint(
                condition=Q(veto=False) | Q(points=0), name="rubricitem_veto_no_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Campaign(models.Model):
    """An evaluation campaign (评查活动): which units, which period, how many files, which rubric."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SAMPLED = "sampled", "已抽取案卷"
        CLOSED = "closed", "已结束"

    class SampleMode(models.TextChoices):
        COUNT = "count", "每单位抽取件数"
        PERCENT = "percent", "每单位抽取比例（%）"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("活动名称", max_length=200)
    rubric = models.ForeignKey(
        Rubric, verbose_name="评查标准", on_delete=models.PROTECT, related_name="campaigns"
    )
    period_from = models.DateField("结案日期自")
    period_to = models.DateField("结案日期至")
    sample_mode = models.CharField("抽样方式", max_length=8, choices=SampleMode)
    sample_value = models.PositiveIntegerField("抽样数量/比例")
    seed = models.CharField("随机种子", max_length=64, blank=True)
    rectification_rule = models.CharField("整改期限", max_length=20, default="20wd")
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.DRAFT)
    units = models.ManyToManyField(
        "core.OrgUnit", verbose_name="被评查单位", through="CampaignUnit", related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "评查活动"
        verbose_name_plural = "评查活动"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="campaign_period_ordered"
            ),
            models.CheckConstraint(condition=Q(sample_value__gt=0), name="campaign_sample_pos"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:campaign-detail", args=[self.pk])


class CampaignUnit(models.Model):
    """A unit evaluated in a campaign: how many closed files it had and how many were drawn."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_rows")
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField("结案总数", default=0)
    sampled = models.PositiveIntegerField("抽取件数", default=0)

    class Meta:
        verbose_name = "被评查单位"
        verbose_name_plural = "被评查单位"
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaignunit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class Evaluation(models.Model):
    """One sampled case file, its reviewer and its score (案卷评查表)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待分配"
        ASSIGNED = "assigned", "待评分"
        SCORED = "scored", "已评分"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="evaluations")
    case = models.ForeignKey(
        "enforcement.Case", verbose_name="案卷", on_delete=models.PROTECT, related_name="+"
    )
    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="被评查单位", on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.PENDING)
    total = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=16, choices=Grade, blank=True)
    vetoed = models.BooleanField("触发否决项", default=False)
    comment = models.TextField("总体评价", blank=True)
    scored_at = models.DateTimeField("评分时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "案卷评查表"
        verbose_name_plural = "案卷评查表"
        ordering = ["org_unit__path", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="evaluation_case_once")
        ]
        indexes = [models.Index(fields=["reviewer", "status"], name="evaluation_reviewer_idx")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:evaluation-detail", args=[self.pk])


class ItemScore(models.Model):
    """The points given for one rubric item (or the veto found), with the reviewer's note."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", max_digits=5, decimal_places=1, default=0)
    veto_triggered = models.BooleanField("触发否决", default=False)
    note = models.CharField("扣分理由/说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "评查项目得分"
        verbose_name_plural = "评查项目得分"
        ordering = ["item__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="itemscore_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.points}"


class Rectification(models.Model):
    """A rectification task (整改) for a failed case file, with a statutory-style clock."""

    class Status(models.TextChoices):
        OPEN = "open", "待整改"
        SUBMITTED = "submitted", "已提交整改报告"
        ACCEPTED = "accepted", "整改已验收"

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="rectification"
    )
    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="整改单位", on_delete=models.PROTECT, related_name="+"
    )
    requirement = models.TextField("整改要求")
    issued_on = models.DateField("下达日期")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.OPEN)
    report = models.TextField("整改报告", blank=True)
    submitted_on = models.DateField("提交日期", null=True, blank=True)
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")), name="rectification_due_after_issue"
            )
        ]

    def __str__(self) -> str:
        return f"整改：{self.evaluation.case}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:evaluation-detail", args=[self.evaluation_id])
