"""User administration (用户与授权): system administrators within their scope."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, selectors
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.forms import GrantForm, ResetPasswordForm, UserEditForm, UserForm
from fazhi.core.models import RoleGrant
from fazhi.core.permissions import MANAGE_USERS
from fazhi.core.services.users import (
    grant_role,
    revoke_role,
    user_create,
    user_set_password,
    user_update,
)
from fazhi.core.tables import Column, Table

COLUMNS = [
    Column("username", "用户名", order_by="username"),
    Column("full_name", "姓名", order_by="full_name"),
    Column(
        "org_unit",
        "所属单位",
        order_by="org_unit__path",
        value=lambda u: u.org_unit.name if u.org_unit else "",
    ),
    Column("title", "职务", order_by="title"),
    Column(
        "roles",
        "角色",
        value=lambda u: "、".join(sorted({g.get_role_display() for g in u.grants.all()})),
    ),
    Column(
        "is_active", "状态", order_by="is_active", value=lambda u: "启用" if u.is_active else "停用"
    ),
    Column("last_login", "最近登录", order_by="last_login"),
]


def _units(request: HttpRequest):  # type: ignore[no-untyped-def]
    return selectors.unit_list_visible_to(
        user=request.user, perm=MANAGE_USERS, include_inactive=False
    )


def _form_error(form, exc: DomainError) -> None:  # type: ignore[no-untyped-def]
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@access.requires(MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    """Users in scope with search, filters, sorting, paging and Excel export."""
    q, role, active = (
        request.GET.get("q", "").strip(),
        request.GET.get("role", ""),
        request.GET.get("active", ""),
    )
    qs = selectors.user_list_visible_to(
        user=request.user, q=q, role=role, active=active
    ).prefetch_related("grants")
    table = Table(request, qs, COLUMNS, default_sort="username")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="用户清单", title="用户清单")
    return render(
        request,
        "core/user_list.html",
        {
            "table": table,
            "page": table.page,
            "q": q,
            "role": role,
            "active": active,
            "roles": RoleGrant.Role.choices,
        },
    )


@access.requires(MANAGE_USERS)
def user_new(request: HttpRequest) -> HttpResponse:
    """Create a user with a temporary password."""
    form = UserForm(request.POST or None, units=_units(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(actor=staff_user(request), **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已创建用户“{user.full_name}”，首次登录须修改密码")
            return redirect("core:user-detail", pk=user.pk)
    return render(request, "core/user_form.html", {"form": form, "title": "新增用户"})


@access.requires(MANAGE_USERS)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Profile, role grants, grant form and password reset."""
    target = selectors.user_get_visible(user=request.user, pk=pk)
    grant_form = GrantForm(units=_units(request))
    return render(
        request,
        "core/user_detail.html",
        {
            "target": target,
            "grants": selectors.grants_of(target=target),
            "grant_form": grant_form,
            "reset_form": ResetPasswordForm(),
        },
    )


@access.requires(MANAGE_USERS)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit profile fields, unit and active flag."""
    target = selectors.user_get_visible(user=request.user, pk=pk)
    initial = {
        "full_name": target.full_name,
        "org_unit": target.org_unit_id,
        "title": target.title,
        "phone": target.phone,
        "email": target.email,
        "is_active": target.is_active,
    }
    form = UserEditForm(request.POST or None, initial=initial, units=_units(request))
    if request.method == "POST" and form.is_valid():
        try:
            user_update(actor=staff_user(request), user=target, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect("core:user-detail", pk=target.pk)
    return render(
        request,
        "core/user_form.html",
        {"form": form, "title": f"编辑用户：{target.full_name}", "target": target},
    )


@require_POST
@access.requires(MANAGE_USERS)
def user_grant(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant a role over a unit in the administrator's scope."""
    target = selectors.user_get_visible(user=request.user, pk=pk)
    form = GrantForm(request.POST, units=_units(request))
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            grant_role(actor=staff_user(request), user=target, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已授权")
    return redirect("core:user-detail", pk=target.pk)


@require_POST
@access.requires(MANAGE_USERS)
def user_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    """Withdraw one role grant."""
    target = selectors.user_get_visible(user=request.user, pk=pk)
    grant = selectors.grants_of(target=target).filter(pk=grant_pk).first()
    if grant is None:
        messages.error(request, "该授权不存在")
    else:
        try:
            revoke_role(actor=staff_user(request), grant=grant)  # type: ignore[arg-type]
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已撤销授权")
    return redirect("core:user-detail", pk=target.pk)


@require_POST
@access.requires(MANAGE_USERS)
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a temporary password the user must change at next login."""
    target = selectors.user_get_visible(user=request.user, pk=pk)
    form = ResetPasswordForm(request.POST)
    if form.is_valid():
        try:
            user_set_password(
                actor=staff_user(request),
                user=target,  # type: ignore[arg-type]
                password=form.cleaned_data["password"],
                temporary=True,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已重置密码，用户下次登录须修改")
    else:
        messages.error(request, "请填写临时密码")
    return redirect("core:user-detail", pk=target.pk)
