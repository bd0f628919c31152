"""Cases (执法案件): inspection and penalty cases, officers, reviews, extensions, transfers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Case(models.Model):
    """An inspection (检查) or penalty (处罚) case bound to an item of the unit's power list.

    The party is embedded (name, identifier, contact) rather than a shared register: agencies push
    cases with their own party data, and the portal only ever sees a masked form.
    Every `*_due_on` date comes from `fazhi.clocks` (see `enforcement.clocks`), never computed here.
    """

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "行政检查"
        PENALTY = "penalty", "行政处罚"

    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SIMPLIFIED = "simplified", "简易程序"

    class Status(models.TextChoices):
        CLUE = "clue", "线索核查"
        NOT_FILED = "not_filed", "不予立案"
        FILED = "filed", "已立案"
        INVESTIGATING = "investigating", "调查取证"
        INVESTIGATION_CLOSED = "investigation_closed", "调查终结"
        NOTICE = "notice", "已事先告知"
        STATEMENT = "statement", "陈述申辩"
        HEARING = "hearing", "听证"
        LEGAL_REVIEW = "legal_review", "法制审核"
        DECIDED = "decided", "已决定"
        SERVED = "served", "已送达"
        EXECUTING = "executing", "执行中"
        NO_PENALTY = "no_penalty", "不予处罚"
        TRANSFERRED = "transferred", "移送司法机关"
        CLOSED = "closed", "已结案"
        ARCHIVED = "archived", "已归档"

    class PartyKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    class PenaltyType(models.TextChoices):
        WARNING = "warning", "警告"
        CRITICISM = "criticism", "通报批评"
        FINE = "fine", "罚款"
        CONFISCATION = "confiscation", "没收违法所得、没收非法财物"
        SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件、降低资质等级"
        REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
        RESTRICT = "restrict", "限制开展生产经营活动、责令停产停业、责令关闭、限制从业"
        DETENTION = "detention", "行政拘留"
        OTHER = "other", "其他"

    class Publicity(models.TextChoices):
        NOT_REQUIRED = "not_required", "无需公示"
        PENDING = "pending", "待公示"
        PUBLISHED = "published", "已公示"
        WITHDRAWN = "withdrawn", "已撤回"

    class RevokedBy(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="办案单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("案件编号", max_length=60, blank=True)
    kind = models.CharField("案件类型", max_length=16, choices=Kind)
    procedure = models.CharField(
        "程序", max_length=16, choices=Procedure, default=Procedure.ORDINARY
    )
    status = models.CharField("状态", max_length=24, choices=Status, default=Status.CLUE)
    power_item = models.ForeignKey(
        "enforcement.PowerItem", verbose_name="权责事项", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实", blank=True)
    domain = models.CharField("执法领域", max_length=16, blank=True)
    # party
    party_kind = models.CharField("当事人类型", max_length=16, choices=PartyKind)
    party_name = models.CharField("当事人", max_length=100)
    party_id_number = models.CharField("证件号码", max_length=18)
    party_phone = models.CharField("联系电话", max_length=20, blank=True)
    party_address = models.CharField("地址", max_length=200, blank=True)
    # limitation (Art 36)
    violation_on = models.DateField("违法行为发生日")
    violation_ended_on = models.DateField("违法行为终了日", null=True, blank=True)
    safety_harm = models.BooleanField("涉及公民生命健康、金融安全且有危害后果", default=False)
    # flags that drive legal review and hearing
    major_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    complex_case = models.BooleanField("案情疑难复杂、涉及多个法律关系", default=False)
    hearing_requested = models.BooleanField("当事人申请听证", default=False)
    hearing_held = models.BooleanField("已举行听证", default=False)
    legal_review_required = models.BooleanField("须法制审核", default=False)
    legal_review_done = models.BooleanField("已通过法制审核", default=False)
    # dates of the steps
    clue_on = models.DateField("线索登记日")
    filed_on = models.DateField("立案日期", null=True, blank=True)
    investigation_closed_on = models.DateField("调查终结日期", null=True, blank=True)
    notice_on = models.DateField("事先告知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    paid_on = models.DateField("履行日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    # decision
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    penalty_types = models.CharField("处罚种类", max_length=200, blank=True)
    amount = models.DecimalField(
        "罚没金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    benchmark_tier = models.ForeignKey(
        "enforcement.BenchmarkTier",
        verbose_name="适用裁量阶次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount_in_tier = models.BooleanField("金额在裁量范围内", null=True, blank=True)
    deviation_reason = models.TextField("偏离裁量基准理由", blank=True)
    decision_summary = models.TextField("决定内容", blank=True)
    # deadlines (from fazhi.clocks)
    filing_due_on = models.DateField("立案决定期限", null=True, blank=True)
    decision_due_on = models.DateField("作出决定期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("已批准延长（日）", default=0)
    hearing_request_due_on = models.DateField("听证申请期限", null=True, blank=True)
    service_due_on = models.DateField("送达期限", null=True, blank=True)
    payment_due_on = models.DateField("缴款期限", null=True, blank=True)
    # publicity (执法公示)
    publicity = models.CharField(
        "公示状态", max_length=16, choices=Publicity, default=Publicity.NOT_REQUIRED
    )
    publish_due_on = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    withdraw_due_on = models.DateField("撤回公示期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回公示日期", null=True, blank=True)
    # revoked in reconsideration / litigation
    revoked_by = models.CharField("被纠错途径", max_length=16, choices=RevokedBy, blank=True)
    revoked_outcome = models.CharField("纠错结果", max_length=40, blank=True)
    revoked_on = models.DateField("纠错日期", null=True, blank=True)
    # people and provenance
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officers_certified = models.BooleanField("执法人员均持证", default=True)
    source_system = models.CharField("来源系统", max_length=40, blank=True)
    external_id = models.CharField("来源系统编号", max_length=64, blank=True)
    import_batch = models.ForeignKey(
        "enforcement.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "执法案件"
        verbose_name_plural = "执法案件"
        ordering = ["-clue_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "external_id"],
                condition=~Q(external_id=""),
                name="case_external_unique",
            ),
            models.CheckConstraint(
                condition=Q(filed_on__isnull=True) | Q(filed_on__gte=models.F("clue_on")),
                name="case_filed_after_clue",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | Q(filed_on__isnull=True)
                | Q(decided_on__gte=models.F("filed_on")),
                name="case_decided_after_filed",
            ),
        ]
        indexes = [
            models.Index(fields=["org_unit", "status"], name="case_unit_status_idx"),
            models.Index(fields=["org_unit", "filed_on"], name="case_unit_filed_idx"),
            models.Index(fields=["publicity", "publish_due_on"], name="case_publicity_idx"),
            # the analytics refresh finds the cases changed since its last run
            models.Index(fields=["updated_at"], name="case_updated_at_idx"),
            # the analytics refresh recomputes (unit, month) buckets by registration date
            models.Index(fields=["org_unit", "clue_on"], name="case_unit_clue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '（未编号）'} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:case-detail", args=[self.pk])

    @property
    def penalty_type_list(self) -> list[str]:
        return [p for p in self.penalty_types.split(",") if p]

    @property
    def penalty_type_labels(self) -> str:
        labels = dict(self.PenaltyType.choices)
        return "、".join(str(labels.get(p, p)) for p in self.penalty_type_list)


class CaseOfficer(models.Model):
    """An officer assigned to a case; certification is checked on assignment."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        ASSIST = "assist", "协办"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(
        "enforcement.Officer", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("角色", max_length=8, choices=Role, default=Role.ASSIST)
    assigned_on = models.DateField("指派日期")
    certificate_number = models.CharField("执法证号", max_length=50)

    class Meta:
        verbose_name = "办案人员"
        verbose_name_plural = "办案人员"
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="caseofficer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.officer}（{self.get_role_display()}）"


class CaseEvent(models.Model):
    """One step on the case timeline (what happened, when, by whom)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField("日期")
    stage = models.CharField("环节", max_length=24)
    title = models.CharField("事项", max_length=200)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "案件流程记录"
        verbose_name_plural = "案件流程记录"
        ordering = ["on", "at", "pk"]

    def __str__(self) -> str:
        return self.title


class LegalReview(models.Model):
    """A legal review (法制审核) of a case before its decision."""

    class Result(models.TextChoices):
        PASSED = "passed", "通过"
        RETURNED = "returned", "退回补充/修改"
        FAILED = "failed", "不通过"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField("审核结论", max_length=16, choices=Result)
    opinion = models.TextField("审核意见")
    reviewed_on = models.DateField("审核日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_result_display()}"


class CaseExtension(models.Model):
    """An approved extension of the decision limit (90 CD, +30 CD per approval)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField("延长天数")
    reason = models.TextField("延长理由")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期")

    class Meta:
        verbose_name = "办案期限延长"
        verbose_name_plural = "办案期限延长"
        ordering = ["approved_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} +{self.days}"


# Materials required for a transfer (State Council Order 310 Art 6).
TRANSFER_MATERIALS: dict[str, str] = {
    "letter": "涉嫌犯罪案件移送书",
    "report": "涉嫌犯罪案件情况的调查报告",
    "items": "涉案物品清单",
    "appraisal": "有关检验报告或者鉴定意见",
}


class CriminalTransfer(models.Model):
    """Transfer to criminal justice (行刑衔接) with its clocks and material checklist."""

    class Status(models.TextChoices):
        REPORTED = "reported", "已报批"
        APPROVED = "approved", "已批准移送"
        REFUSED = "refused", "不批准移送"
        TRANSFERRED = "transferred", "已移送公安机关"
        ACCEPTED = "accepted", "公安机关已立案"
        REJECTED = "rejected", "公安机关不予立案"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="transfer")
    status = models.CharField("状态", max_length=16, choices=Status, default=Status.REPORTED)
    reason = models.TextField("涉嫌罪名及理由")
    reported_on = models.DateField("报告日期")
    approval_due_on = models.DateField("审批期限", null=True, blank=True)
    approved_on = models.DateField("审批日期", null=True, blank=True)
    transferred_on = models.DateField("移送日期", null=True, blank=True)
    police_decision_due_on = models.DateField("公安机关决定期限", null=True, blank=True)
    police_decided_on = models.DateField("公安机关决定日期", null=True, blank=True)
    receiving_agency = models.CharField("接收机关", max_length=100, blank=True)
    materials = models.JSONField("移送材料", default=dict)

    class Meta:
        verbose_name = "行刑衔接移送"
        verbose_name_plural = "行刑衔接移送"

    def __str__(self) -> str:
        return f"{self.case} 移送"

    @property
    def missing_materials(self) -> list[str]:
        return [label for key, label in TRANSFER_MATERIALS.items() if not self.materials.get(key)]


class ImportBatch(models.Model):
    """One batch of cases pushed by an agency (API or Excel): who, from where, how many."""

    class Channel(models.TextChoices):
        API = "api", "数据接口"
        EXCEL = "excel", "Excel 导入"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="提交单位", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("渠道", max_length=8, choices=Channel)
    source_system = models.CharField("来源系统", max_length=40)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_rows = models.PositiveIntegerField("提交行数", default=0)
    created_rows = models.PositiveIntegerField("新增", default=0)
    unchanged_rows = models.PositiveIntegerField("已存在未变更", default=0)
    digest = models.CharField("内容摘要 SHA-256", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "数据交换批次"
        verbose_name_plural = "数据交换批次"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.source_system} {self.created_at:%Y-%m-%d}"
