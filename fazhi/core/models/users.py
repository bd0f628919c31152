"""People (用户), the roles they are granted and the scope each grant covers."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from .org import OrgUnit


class User(AbstractUser):
    """A staff account; it belongs to exactly one org unit."""

    full_name = models.CharField("姓名", max_length=50)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="users", null=True
    )
    phone = models.CharField("手机号码", max_length=20, blank=True)
    title = models.CharField("职务", max_length=50, blank=True)
    must_change_password = models.BooleanField("首次登录须修改密码", default=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleGrant(models.Model):
    """A role granted to a user over a unit, with or without the unit's subtree."""

    class Role(models.TextChoices):
        SYSTEM_ADMIN = "system_admin", "系统管理员"
        SECURITY_ADMIN = "security_admin", "安全管理员"
        AUDIT_ADMIN = "audit_admin", "审计管理员"
        CLERK = "clerk", "经办人"
        LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
        UNIT_HEAD = "unit_head", "单位负责人"
        OFFICER = "officer", "执法人员"
        SUPERVISOR = "supervisor", "监督人员"
        LEADER = "leader", "领导"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField("角色", max_length=32, choices=Role)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="授权范围", on_delete=models.PROTECT, related_name="+"
    )
    include_subtree = models.BooleanField("含下级单位", default=False)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="rolegrant_unique"),
        ]

    def __str__(self) -> str:
        scope = "及下级" if self.include_subtree else ""
        return f"{self.get_role_display()}（{self.unit}{scope}）"
