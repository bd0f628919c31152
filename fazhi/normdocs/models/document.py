"""The normative document itself (行政规范性文件), its text versions and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class NormativeDocument(models.Model):
    """One 行政规范性文件 from draft to expiry; `org_unit` (the issuer) decides who may see it."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "政府规范性文件"
        DEPARTMENT = "department", "部门规范性文件"

    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        EVALUATED = "evaluated", "已评估论证"
        PUBLIC_COMMENT = "public_comment", "征求意见中"
        COMMENT_CLOSED = "comment_closed", "征求意见结束"
        FAIR_REVIEWED = "fair_reviewed", "已公平竞争审查"
        DEPT_PRECHECKED = "dept_prechecked", "已部门法制审查"
        LEGALITY_REVIEW = "legality_review", "合法性审核中"
        REVISE = "revise", "修改中"
        REVIEW_PASSED = "review_passed", "合法性审核通过"
        DELIBERATED = "deliberated", "已集体审议"
        SIGNED = "signed", "已签发"
        REGISTERED = "registered", "已登记编号"
        PUBLISHED = "published", "已公布"
        FILED = "filed", "已报送备案"
        IN_FORCE = "in_force", "已备案登记"
        AMENDED = "amended", "已修改"
        REPEALED = "repealed", "已废止"
        DECLARED_INVALID = "declared_invalid", "已宣布失效"
        EXPIRED = "expired", "已失效"

    class Relation(models.TextChoices):
        ENACT = "enact", "立"
        AMEND = "amend", "改"
        REPEAL = "repeal", "废"

    title = models.CharField("标题", max_length=200)
    org_unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="制定机关",
        on_delete=models.PROTECT,
        related_name="normative_documents",
    )
    drafting_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="起草单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind, default=Kind.DEPARTMENT)
    is_provisional = models.BooleanField("暂行/试行", default=False)
    status = models.CharField(
        "状态", max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    doc_number = models.CharField("文号", max_length=60, blank=True)
    number_year = models.PositiveSmallIntegerField("编号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("编号序号", null=True, blank=True)
    affects_market = models.BooleanField("涉及市场主体经济活动", default=False)
    legal_basis = models.TextField("制定依据", blank=True)
    drafting_note = models.TextField("起草说明", blank=True)
    body_text = models.TextField("正文", blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    signed_on = models.DateField("签发日期", null=True, blank=True)
    signer = models.CharField("签发人", max_length=50, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    ended_on = models.DateField("失效/废止日期", null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name="所修改/废止的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    relation = models.CharField("立改废", max_length=8, choices=Relation, default=Relation.ENACT)
    repealed_by = models.ForeignKey(
        "self",
        verbose_name="被以下文件修改/废止",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported = models.BooleanField("历史文件导入", default=False)
    evaluation_reminded_on = models.DateField("到期评估提醒日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="normdoc_status_expiry"),
            models.Index(fields=["doc_number"], name="normdoc_doc_number"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="normdoc_number_unique"
            ),
            models.UniqueConstraint(
                fields=["org_unit", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="normdoc_seq_unique",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gt=F("effective_on")),
                name="normdoc_expiry_after_effect",
            ),
            models.CheckConstraint(
                condition=Q(number_seq__isnull=True) | Q(number_year__isnull=False),
                name="normdoc_seq_has_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("normdocs:document-detail", kwargs={"pk": self.pk})


class DocumentVersion(models.Model):
    """One text of a draft: an uploaded DOCX/PDF or pasted text; the extracted text is kept."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "上传文件"
        PASTE = "paste", "粘贴文本"
        IMPORT = "import", "批量导入"

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    source = models.CharField("来源", max_length=8, choices=Source)
    file_name = models.CharField("文件名", max_length=255, blank=True)
    attachment_id = models.BigIntegerField("附件编号", null=True, blank=True)
    text = models.TextField("文本")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "文本版本"
        verbose_name_plural = "文本版本"
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="normdoc_version_unique")
        ]

    def __str__(self) -> str:
        return f"第{self.number}稿"


class DocumentEvent(models.Model):
    """A step in a document's timeline; `public` events feed the provincial pull API."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("环节", max_length=32)
    label = models.CharField("说明", max_length=200)
    status_after = models.CharField("之后状态", max_length=20, blank=True)
    public = models.BooleanField("对外事件", default=False)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def status_after_label(self) -> str:
        """The Chinese label of `status_after` (the timeline shows 征求意见中, not public_comment)."""
        return dict(NormativeDocument.Status.choices).get(self.status_after, self.status_after)
