"""Content-addressed blobs and the attachments (附件/证据材料) that point at them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

KIND_BY_PREFIX = {"image/": "image", "audio/": "audio", "video/": "video"}


class Blob(models.Model):
    """The bytes of a file, stored once under MEDIA_ROOT/blobs/ab/cd/<sha256> (see `storage`)."""

    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("内容类型", max_length=100)
    created = models.DateTimeField("首次存储时间", auto_now_add=True)

    class Meta:
        verbose_name = "文件内容"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.sha256

    @property
    def kind(self) -> str:
        """document | image | audio | video (drives inline display and players)."""
        for prefix, kind in KIND_BY_PREFIX.items():
            if self.content_type.startswith(prefix):
                return kind
        return "document"


class Attachment(models.Model):
    """One file attached to a business record at a stage; evidence is voided, never deleted."""

    blob = models.ForeignKey(
        Blob, verbose_name="文件内容", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("文件名", max_length=255)
    org_unit = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    owner_type = models.ForeignKey(
        ContentType, verbose_name="所属记录类型", on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField("所属记录编号")
    owner = GenericForeignKey("owner_type", "owner_id")
    stage = models.CharField("环节", max_length=20, blank=True)
    description = models.CharField("说明", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间")
    voided = models.BooleanField("已作废", default=False)
    void_reason = models.CharField("作废理由", max_length=500, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="files_att_owner")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(voided=False) | ~models.Q(void_reason=""),
                name="files_void_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("files:detail", args=[self.pk])

    @property
    def sha256(self) -> str:
        """The content hash (the blob's primary key)."""
        return self.blob_id

    @property
    def extension(self) -> str:
        """Lower-case extension of the file name, without the dot."""
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""
