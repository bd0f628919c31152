"""Random inspections (双随机、一公开): one list, two pools, tasks with verifiable draws, results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class RiskGrade(models.TextChoices):
    """Credit-risk grade of a market entity; the task sets a sampling ratio per grade."""

    A = "A", "A 级（低风险）"
    B = "B", "B 级（较低风险）"
    C = "C", "C 级（较高风险）"
    D = "D", "D 级（高风险）"


class InspectionItem(models.Model):
    """An entry of the inspection-item list (随机抽查事项清单)."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("抽查事项", max_length=200)
    basis = models.TextField("检查依据")
    domain = models.CharField("执法领域", max_length=16, blank=True)
    power_item = models.ForeignKey(
        "enforcement.PowerItem",
        verbose_name="对应权责清单事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "抽查事项"
        verbose_name_plural = "抽查事项清单"
        ordering = ["org_unit__path", "name"]

    def __str__(self) -> str:
        return self.name


class InspectionObject(models.Model):
    """A market entity in a unit's object pool (检查对象名录库)."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="管理单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18)
    address = models.CharField("住所（经营场所）", max_length=300, blank=True)
    industry = models.CharField("所属行业", max_length=100, blank=True)
    risk_grade = models.CharField("风险等级", max_length=1, choices=RiskGrade)
    active = models.BooleanField("在库", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录库"
        ordering = ["org_unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "uscc"], name="inspobject_uscc_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:object-detail", args=[self.pk])


class RecusalLink(models.Model):
    """An officer who must never inspect an entity (曾在该企业任职、亲属关系 …)."""

    class Reason(models.TextChoices):
        EMPLOYED = "employed", "曾在该企业任职"
        RELATIVE = "relative", "近亲属在该企业任职或持股"
        INTEREST = "interest", "其他利害关系"
        CONFLICT = "conflict", "曾参与与该企业有关的案件办理"

    inspection_object = models.ForeignKey(
        InspectionObject, verbose_name="检查对象", on_delete=models.CASCADE, related_name="recusals"
    )
    officer = models.ForeignKey(
        "enforcement.Officer", verbose_name="执法人员", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField("回避事由", max_length=16, choices=Reason)
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "回避关系"
        verbose_name_plural = "回避关系"
        ordering = ["inspection_object", "officer"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection_object", "officer"], name="recusal_pair_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} 回避 {self.inspection_object}"


class InspectionTask(models.Model):
    """A random-inspection task: its inputs are frozen and its seed committed before the draw."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        COMMITTED = "committed", "已公布种子承诺"
        DRAWN = "drawn", "已抽取"
        RESULTS_ENTERED = "results_entered", "结果已录入"
        PUBLISHED = "published", "结果已公开"
        CANCELLED = "cancelled", "已撤销"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("任务编号", max_length=60, blank=True)
    title = models.CharField("任务名称", max_length=200)
    items = models.ManyToManyField(InspectionItem, verbose_name="抽查事项", related_name="tasks")
    domain = models.CharField("执法领域", max_length=16, blank=True)
    industry = models.CharField("限定行业", max_length=100, blank=True)
    planned_from = models.DateField("计划检查自")
    planned_to = models.DateField("计划检查至")
    inspectors_per_object = models.PositiveSmallIntegerField("每户检查人员数", default=2)
    ratio_a = models.DecimalField("A 级抽查比例（%）", max_digits=5, decimal_places=2)
    ratio_b = models.DecimalField("B 级抽查比例（%）", max_digits=5, decimal_places=2)
    ratio_c = models.DecimalField("C 级抽查比例（%）", max_digits=5, decimal_places=2)
    ratio_d = models.DecimalField("D 级抽查比例（%）", max_digits=5, decimal_places=2)
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.DRAFT)
    # Frozen at commitment: the canonical inputs, their digest and SHA-256(nonce).
    inputs = models.JSONField("抽取输入", null=True, blank=True)
    inputs_sha256 = models.CharField("输入摘要", max_length=64, blank=True)
    commitment = models.CharField("种子承诺值", max_length=64, blank=True)
    committed_at = models.DateTimeField("承诺时间", null=True, blank=True)
    # Secret until the results are published (the draw must stay unannounced until then).
    nonce = models.CharField("种子原文", max_length=64, blank=True)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    excluded_inspectors = models.JSONField("抽取时排除的人员", default=list, blank=True)
    result = models.JSONField("抽取结果", null=True, blank=True)
    results_due_on = models.DateField("结果公示期限", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    cancel_reason = models.CharField("撤销原因", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "抽查任务"
        verbose_name_plural = "抽查任务"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_to__gte=F("planned_from")), name="insptask_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(inspectors_per_object__gte=2), name="insptask_two_inspectors"
            ),
            models.CheckConstraint(
                condition=Q(ratio_a__gte=0, ratio_a__lte=100)
                & Q(ratio_b__gte=0, ratio_b__lte=100)
                & Q(ratio_c__gte=0, ratio_c__lte=100)
                & Q(ratio_d__gte=0, ratio_d__lte=100),
                name="insptask_ratios_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("inspections:task-detail", args=[self.pk])

    def ratios_bp(self) -> dict[str, int]:
        """Sampling ratios in basis points (万分比), the integer form the draw uses."""
        values = (self.ratio_a, self.ratio_b, self.ratio_c, self.ratio_d)
        return {g: int(v * 100) for g, v in zip("ABCD", values, strict=True)}


class DrawnObject(models.Model):
    """An entity drawn by a task, its inspectors, and the inspection result (检查结果)."""

    class Result(models.TextChoices):
        NO_ISSUE = "no_issue", "未发现问题"
        RECTIFY = "rectify", "发现问题已责令整改"
        CASE = "case", "发现问题已立案查处"
        TRANSFERRED = "transferred", "发现问题已移送有关部门"
        NOT_FOUND = "not_found", "通过登记的住所（经营场所）无法联系"
        NO_ACTIVITY = "no_activity", "未发现开展本次抽查涉及的经营活动"
        REFUSED = "refused", "不配合检查"

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="drawn")
    inspection_object = models.ForeignKey(
        InspectionObject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField("抽取顺序")
    grade = models.CharField("风险等级", max_length=1, choices=RiskGrade)
    inspectors = models.ManyToManyField(
        "enforcement.Officer", verbose_name="检查人员", related_name="+"
    )
    result = models.CharField("检查结果", max_length=16, choices=Result, blank=True)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    finding = models.TextField("检查情况", blank=True)
    case_number = models.CharField("立案编号", max_length=60, blank=True)
    recorded_at = models.DateTimeField("录入时间", null=True, blank=True)

    class Meta:
        verbose_name = "抽中对象"
        verbose_name_plural = "抽中对象"
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "inspection_object"], name="drawn_once"),
            models.UniqueConstraint(fields=["task", "position"], name="drawn_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} / {self.inspection_object}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:result-edit", args=[self.pk])
