"""Supervision rollups (pre-aggregated; the dashboards read nothing else) and anomaly flags.

Every case belongs to exactly one bucket: its unit × the month of its registration (`clue_on`,
which never changes after creation) × its kind. Measures that depend on the date (a decision or
a publication now overdue) are evaluated as of `RefreshState.as_of`.
"""

from __future__ import annotations

from django.db import models


class CaseRollup(models.Model):
    """Case measures for one unit × month × case kind."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="办案单位", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("登记月份")  # first day of the month
    kind = models.CharField("案件类型", max_length=16)
    cases = models.PositiveIntegerField("案件数", default=0)
    filed = models.PositiveIntegerField("立案数", default=0)
    closed = models.PositiveIntegerField("结案数", default=0)
    decided = models.PositiveIntegerField("作出决定数", default=0)
    decision_overdue = models.PositiveIntegerField("超期（超过办案期限）", default=0)
    publicity_required = models.PositiveIntegerField("应公示", default=0)
    publicity_on_time = models.PositiveIntegerField("按时公示", default=0)
    publicity_late = models.PositiveIntegerField("逾期公示或逾期未公示", default=0)
    review_required = models.PositiveIntegerField("应法制审核", default=0)
    review_done = models.PositiveIntegerField("已法制审核", default=0)
    amount_cases = models.PositiveIntegerField("罚没案件数", default=0)
    amount_total = models.DecimalField("罚没金额（元）", max_digits=18, decimal_places=2, default=0)
    out_of_tier = models.PositiveIntegerField("金额偏离裁量基准", default=0)
    uncertified = models.PositiveIntegerField("无证执法", default=0)
    revoked = models.PositiveIntegerField("被复议诉讼纠错", default=0)

    class Meta:
        verbose_name = "案件统计汇总"
        verbose_name_plural = "案件统计汇总"
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "month", "kind"], name="caserollup_bucket")
        ]
        indexes = [models.Index(fields=["month", "org_unit"], name="caserollup_month_idx")]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.month:%Y-%m} {self.kind}"


class PenaltyTypeRollup(models.Model):
    """Decided penalty cases of one unit × month carrying one penalty type."""

    org_unit = models.ForeignKey("core.OrgUnit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("登记月份")
    penalty_type = models.CharField("处罚种类", max_length=20)
    cases = models.PositiveIntegerField("案件数", default=0)

    class Meta:
        verbose_name = "处罚种类统计"
        verbose_name_plural = "处罚种类统计"
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "month", "penalty_type"], name="penaltyrollup_bucket"
            )
        ]
        indexes = [models.Index(fields=["month", "org_unit"], name="penaltyrollup_month_idx")]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.month:%Y-%m} {self.penalty_type}"


class RegisterRollup(models.Model):
    """Per unit and year: officers, certificate coverage, training hours, penalty powers held."""

    org_unit = models.ForeignKey("core.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    officers = models.PositiveIntegerField("在岗执法人员", default=0)
    certified = models.PositiveIntegerField("持有效执法证", default=0)
    training_ok = models.PositiveIntegerField("培训达标（≥目标学时）", default=0)
    training_hours = models.DecimalField("培训总学时", max_digits=10, decimal_places=1, default=0)
    penalty_items = models.PositiveIntegerField("行政处罚事项数", default=0)

    class Meta:
        verbose_name = "执法人员与清单统计"
        verbose_name_plural = "执法人员与清单统计"
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="registerrollup_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.year}"


class AnomalyFlag(models.Model):
    """An anomaly raised for a unit in a year; cleared (deleted) when the data no longer shows it."""

    class Kind(models.TextChoices):
        FEW_CASES = "few_cases", "有处罚权但全年无案或极少"
        SINGLE_TYPE = "single_type", "处罚种类单一"
        OUT_OF_TIER = "out_of_tier", "罚款金额偏离裁量基准"
        OVERDUE = "overdue", "案件超过办案期限（90日）"
        UNCERTIFIED = "uncertified", "无执法证人员执法"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("异常类型", max_length=16, choices=Kind)
    value = models.DecimalField("指标值", max_digits=18, decimal_places=2, default=0)
    detail = models.CharField("说明", max_length=300)
    raised_at = models.DateTimeField("首次发现")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "异常线索"
        verbose_name_plural = "异常线索"
        ordering = ["year", "kind", "org_unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year", "kind"], name="anomalyflag_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.detail}"


class RefreshState(models.Model):
    """The single row telling how fresh the rollups are and where incremental refresh resumes."""

    watermark = models.DateTimeField("已汇总至（案件更新时间）", null=True, blank=True)
    as_of = models.DateField("统计基准日", null=True, blank=True)
    last_run_at = models.DateTimeField("最近刷新", null=True, blank=True)
    last_full_at = models.DateTimeField("最近全量重建", null=True, blank=True)
    last_mode = models.CharField("最近刷新方式", max_length=12, blank=True)
    last_buckets = models.PositiveIntegerField("最近刷新的汇总单元数", default=0)
    last_duration_ms = models.PositiveIntegerField("最近刷新耗时（毫秒）", default=0)
    # a new random token after every refresh that changed a rollup, register row or flag:
    # dashboards cache by it (a token, not a counter, so a restored database never reuses one)
    version = models.CharField("汇总版本", max_length=32, blank=True)

    class Meta:
        verbose_name = "汇总刷新状态"
        verbose_name_plural = "汇总刷新状态"

    def __str__(self) -> str:
        return f"rollups as of {self.last_run_at}"


class StaleBucket(models.Model):
    """A bucket a case left without a trace in `updated_at`: the case was deleted or moved.

    Written only by database triggers on `enforcement_case` (installed by migration 0002: after a
    DELETE, and after an UPDATE that changes the unit, the kind or the registration month — both
    the old and the new bucket), read and emptied by the incremental refresh. A plain log, not a
    set: the refresh deletes exactly the rows it read, so a row added meanwhile is never lost.
    """

    org_unit_id = models.BigIntegerField()  # no FK: the log must accept whatever the case held
    month = models.DateField()
    kind = models.CharField(max_length=16)

    class Meta:
        verbose_name = "待重算汇总单元"
        verbose_name_plural = "待重算汇总单元"

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.month:%Y-%m} {self.kind}"
