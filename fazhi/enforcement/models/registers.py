"""Registers: enforcement subjects, officers (certificates, training), power list, benchmarks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .versions import AdjustmentRecord

# Enforcement domains (执法领域): code → label. Stored on officers/subjects as ",a,b," text so
# that "officers of domain X" is a plain LIKE on every database.
DOMAINS: dict[str, str] = {
    "market": "市场监管",
    "ecoenv": "生态环境",
    "transport": "交通运输",
    "agri": "农业农村",
    "culture": "文化市场",
    "emergency": "应急管理",
    "urban": "城市管理",
    "health": "卫生健康",
    "natres": "自然资源",
    "housing": "住房城建",
    "hrss": "人力资源社会保障",
    "edu": "教育",
    "police": "公安",
    "water": "水利",
    "forestry": "林业",
    "commerce": "商务",
    "medsec": "医疗保障",
    "other": "其他",
}


def domains_text(codes: list[str] | tuple[str, ...]) -> str:
    """The stored form of a set of domain codes (",a,b," or "")."""
    codes = sorted({c for c in codes if c})
    return "," + ",".join(codes) + "," if codes else ""


def domains_list(text: str) -> list[str]:
    """Domain codes from the stored form."""
    return [c for c in (text or "").split(",") if c]


class EnforcementSubject(models.Model):
    """An enforcement subject (执法主体): a unit acting by law, by authorisation or by entrustment."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "法定行政机关"
        AUTHORISED = "authorised", "法律法规授权组织"
        ENTRUSTED = "entrusted", "受委托组织"

    org_unit = models.OneToOneField(
        "core.OrgUnit", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("主体类型", max_length=16, choices=Kind)
    domains = models.CharField("执法领域", max_length=300, blank=True)
    legal_basis = models.TextField("设立/授权依据", blank=True)
    entrusting_unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="委托机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entrustment_document = models.CharField("委托书文号", max_length=100, blank=True)
    entrustment_attachment_id = models.BigIntegerField("委托书附件", null=True, blank=True)
    entrustment_valid_to = models.DateField("委托期限至", null=True, blank=True)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["org_unit__path"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="entrusted") | ~Q(entrustment_document=""),
                name="subject_entrusted_has_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit}（{self.get_kind_display()}）"


class Officer(models.Model):
    """An enforcement officer (执法人员); certification is held through `Certificate` rows."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="系统账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enforcement_officer",
    )
    full_name = models.CharField("姓名", max_length=50)
    domains = models.CharField("执法领域", max_length=300, blank=True)
    legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    legal_qualification_number = models.CharField("法律职业资格证书编号", max_length=50, blank=True)
    active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["org_unit__path", "full_name"]
        indexes = [models.Index(fields=["org_unit", "active"], name="officer_unit_idx")]

    def __str__(self) -> str:
        return self.full_name


class Certificate(models.Model):
    """An enforcement certificate (执法证) held over a validity period; renewals add rows."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="certificates")
    number = models.CharField("执法证号", max_length=50)
    issuer = models.CharField("发证机关", max_length=100)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    domains = models.CharField("执法领域", max_length=300, blank=True)
    revoked_on = models.DateField("注销日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "执法证"
        verbose_name_plural = "执法证"
        ordering = ["-valid_to"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="certificate_number_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="certificate_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["officer", "valid_to"], name="certificate_validity_idx")]

    def __str__(self) -> str:
        return self.number


class TrainingRecord(models.Model):
    """Training attended by an officer (the yearly goal is conf.TRAINING_HOURS_GOAL hours)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="trainings")
    year = models.PositiveSmallIntegerField("年度")
    course = models.CharField("培训内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=6, decimal_places=1)
    attended_on = models.DateField("培训日期")

    class Meta:
        verbose_name = "培训记录"
        verbose_name_plural = "培训记录"
        ordering = ["-attended_on"]
        indexes = [models.Index(fields=["officer", "year"], name="training_officer_year_idx")]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_pos")]

    def __str__(self) -> str:
        return f"{self.course}（{self.hours} 学时）"


class PowerItem(models.Model):
    """An item of a unit's power and responsibility list (权责清单); changes are versioned."""

    class Category(models.TextChoices):
        LICENSING = "licensing", "行政许可"
        PENALTY = "penalty", "行政处罚"
        COMPULSION = "compulsion", "行政强制"
        INSPECTION = "inspection", "行政检查"
        LEVY = "levy", "行政征收"
        BENEFIT = "benefit", "行政给付"
        CONFIRMATION = "confirmation", "行政确认"
        ADJUDICATION = "adjudication", "行政裁决"
        REWARD = "reward", "行政奖励"
        OTHER = "other", "其他行政权力"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="实施主体", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    category = models.CharField("权力类别", max_length=16, choices=Category)
    legal_basis = models.TextField("设定依据")
    responsible_unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="+",
    )
    domain = models.CharField("执法领域", max_length=16, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    active = models.BooleanField("有效", default=True)
    published = models.BooleanField("已公开", default=False)
    published_on = models.DateField("公开日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单事项"
        ordering = ["org_unit__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "code"], name="poweritem_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PowerItemVersion(AdjustmentRecord):
    """One adjustment of a power-list item: the state after it, why and when."""

    item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="versions")

    class Meta(AdjustmentRecord.Meta):
        verbose_name = "权责清单调整记录"
        verbose_name_plural = "权责清单调整记录"
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="poweritemversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.version}"


class DiscretionBenchmark(models.Model):
    """A discretion benchmark (裁量基准) for one penalty item and violation."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    power_item = models.ForeignKey(
        PowerItem, verbose_name="处罚事项", on_delete=models.PROTECT, related_name="benchmarks"
    )
    violation = models.CharField("违法行为", max_length=300)
    legal_basis = models.TextField("处罚依据")
    version = models.PositiveIntegerField("版本", default=1)
    published = models.BooleanField("已公开", default=False)
    published_on = models.DateField("公开日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["power_item__code", "pk"]

    def __str__(self) -> str:
        return self.violation


class BenchmarkTier(models.Model):
    """One tier of a benchmark: conditions and the amount range (yuan) it allows."""

    class Tier(models.TextChoices):
        NONE = "none", "不予处罚"
        MITIGATED = "mitigated", "减轻处罚"
        LIGHTER = "lighter", "从轻处罚"
        NORMAL = "normal", "一般处罚"
        HEAVIER = "heavier", "从重处罚"

    benchmark = models.ForeignKey(
        DiscretionBenchmark, on_delete=models.CASCADE, related_name="tiers"
    )
    tier = models.CharField("裁量阶次", max_length=16, choices=Tier)
    conditions = models.TextField("适用情形")
    amount_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, default=0)
    amount_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, default=0)
    other_measures = models.CharField("其他处罚", max_length=200, blank=True)

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["benchmark", "amount_min"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "tier"], name="benchmarktier_unique"),
            models.CheckConstraint(
                condition=Q(amount_max__gte=F("amount_min")), name="benchmarktier_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()}（{self.amount_min}–{self.amount_max} 元）"

    def allows(self, amount: object) -> bool:
        """Whether a decided amount lies inside this tier's range."""
        return self.amount_min <= amount <= self.amount_max  # type: ignore[operator]


class LenientListEntry(models.Model):
    """An entry of the "four lists" (不予处罚/从轻/减轻/免予强制) with its legal anchor."""

    class ListKind(models.TextChoices):
        NO_PENALTY = "no_penalty", "不予处罚清单"
        LIGHTER = "lighter", "从轻处罚清单"
        MITIGATED = "mitigated", "减轻处罚清单"
        NO_COMPULSION = "no_compulsion", "免予行政强制清单"

    class Basis(models.TextChoices):
        ART30 = "cf30", "《行政处罚法》第三十条（未成年人）"
        ART31 = "cf31", "《行政处罚法》第三十一条（精神病人、智力残疾人）"
        ART32 = "cf32", "《行政处罚法》第三十二条（从轻或者减轻）"
        ART33 = "cf33", "《行政处罚法》第三十三条（不予处罚、首违不罚）"
        QZ5 = "qz5", "《行政强制法》第五条（适当原则）"

    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    list_kind = models.CharField("清单类别", max_length=16, choices=ListKind)
    power_item = models.ForeignKey(
        PowerItem,
        verbose_name="对应事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    matter = models.CharField("违法行为/事项", max_length=300)
    conditions = models.TextField("适用条件")
    basis = models.CharField("法律依据", max_length=8, choices=Basis)
    version = models.PositiveIntegerField("版本", default=1)
    active = models.BooleanField("有效", default=True)
    published = models.BooleanField("已公开", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "包容审慎监管清单"
        verbose_name_plural = "包容审慎监管清单"
        ordering = ["list_kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_list_kind_display()}：{self.matter}"
