"""Write path for users, passwords and role grants."""

from __future__ import annotations

import re

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, RoleGrant, User

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{3,50}$")


def _check_password(password: str, user: User | None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("；".join(exc.messages), field="password") from exc


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    org_unit: OrgUnit,
    password: str = "",
    password_hash: str = "",
    phone: str = "",
    title: str = "",
    email: str = "",
    must_change_password: bool = True,
) -> User:
    """Create a staff account in `org_unit`; it must change its password at first login by default.

    `password_hash` (an already-encoded Django hash) instead of `password` serves migrations from an
    existing system and bulk loads; exactly one of the two must be given.
    """
    if bool(password) == bool(password_hash):
        raise DomainError("请设置初始密码", field="password")
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise DomainError("用户名应为 3–50 位字母、数字或 _ . -", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("用户名已存在", field="username")
    if not (full_name or "").strip():
        raise DomainError("请填写姓名", field="full_name")
    user = User(
        username=username,
        full_name=full_name.strip(),
        org_unit=org_unit,
        phone=phone,
        title=title,
        email=email,
        must_change_password=must_change_password,
    )
    if password_hash:
        try:
            identify_hasher(password_hash)
        except ValueError as exc:
            raise DomainError("密码哈希格式无效", field="password") from exc
        user.password = password_hash
    else:
        _check_password(password, user)
        user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        verb="core.user_create",
        target=user,
        unit_id=org_unit.pk,
        changes={
            "username": [None, username],
            "full_name": [None, user.full_name],
            "org_unit": [None, org_unit.pk],
        },
    )
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, **data: object) -> User:
    """Change a user's profile fields or unit."""
    fields = [
        f for f in ("full_name", "phone", "title", "email", "org_unit", "is_active") if f in data
    ]
    user = User.objects.select_for_update().get(pk=user.pk)
    if data.get("is_active") is False and user.pk == actor.pk:
        raise DomainError("不能停用自己的账号", field="is_active")
    before = audit.snapshot(user, fields)
    for key in fields:
        setattr(user, key, data[key])
    if not user.full_name.strip():
        raise DomainError("请填写姓名", field="full_name")
    changes = audit.diff(before, audit.snapshot(user, fields))
    if changes:
        user.save()
        audit.record(
            actor=actor,
            verb="core.user_update",
            target=user,
            unit_id=user.org_unit_id,
            changes=changes,
        )
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str, temporary: bool) -> User:
    """Set a password. A temporary one (set by an administrator) must be changed at next login."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_password(password, user)
    user.set_password(password)
    user.must_change_password = temporary
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    verb = "core.password_reset" if temporary else "core.password_change"
    audit.record(
        actor=actor,
        verb=verb,
        target=user,
        unit_id=user.org_unit_id,
        changes={"must_change_password": [None, temporary]},
    )
    return user


@transaction.atomic
def grant_role(
    *, actor: User | None, user: User, role: str, unit: OrgUnit, include_subtree: bool
) -> RoleGrant:
    """Grant a role over a unit (optionally its subtree)."""
    if role not in RoleGrant.Role.values:
        raise DomainError("角色无效", field="role")
    if RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
        raise DomainError("该用户已在此范围内拥有该角色", field="role")
    held = access.roles_of(user) | {role}
    if len(held & access.ADMIN_ROLES) > 1 or (
        held & access.ADMIN_ROLES and held - access.ADMIN_ROLES
    ):
        raise DomainError(
            "三员分立：系统管理员、安全管理员、审计管理员不得兼任，也不得兼任业务角色", field="role"
        )
    grant = RoleGrant.objects.create(
        user=user, role=role, unit=unit, include_subtree=include_subtree, granted_by=actor
    )
    access.forget_grants(user)
    audit.record(
        actor=actor,
        verb="core.role_grant",
        target=user,
        unit_id=user.org_unit_id,
        changes={
            "role": [None, role],
            "scope": [None, unit.pk],
            "include_subtree": [None, include_subtree],
        },
    )
    return grant


@transaction.atomic
def revoke_role(*, actor: User, grant: RoleGrant) -> None:
    """Withdraw a role grant."""
    user = grant.user
    if user.pk == actor.pk and grant.role == RoleGrant.Role.SYSTEM_ADMIN:
        raise DomainError("不能撤销自己的系统管理员角色")
    grant.delete()
    access.forget_grants(user)
    audit.record(
        actor=actor,
        verb="core.role_revoke",
        target=user,
        unit_id=user.org_unit_id,
        changes={"role": [grant.role, None], "scope": [grant.unit_id, None]},
    )
