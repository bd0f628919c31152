"""Core forms: labelled, validated, with Chinese messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .identifiers import validate_division, validate_uscc
from .models import OrgUnit, RoleGrant


class LoginForm(AuthenticationForm):
    """Username + password."""

    error_messages = {
        "invalid_login": "用户名或密码错误（连续 5 次错误将锁定 15 分钟）",
        "inactive": "该账号已停用",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})


class PasswordChangeForm(forms.Form):
    """Old password, new password twice."""

    old_password = forms.CharField(
        label="原密码", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 8 位，且至少包含大写字母、小写字母、数字、符号中的三类",
    )
    new_password2 = forms.CharField(
        label="确认新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("原密码不正确")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", "两次输入的新密码不一致")
        if data.get("new_password1") and data.get("new_password1") == data.get("old_password"):
            self.add_error("new_password1", "新密码不能与原密码相同")
        return data


class UnitForm(forms.Form):
    """Create or edit an org unit."""

    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称（文号前缀）", max_length=20, required=False)
    kind = forms.ChoiceField(label="类型", choices=OrgUnit.Kind.choices)
    level = forms.ChoiceField(label="层级", choices=OrgUnit.Level.choices)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    division_code = forms.CharField(label="行政区划代码", max_length=6, required=False)
    sort_order = forms.IntegerField(
        label="排序", initial=0, required=False, min_value=-100000, max_value=100000
    )
    active = forms.BooleanField(label="启用", required=False, initial=True)

    def clean_uscc(self) -> str:
        value = self.cleaned_data["uscc"].strip().upper()
        if value and (reason := validate_uscc(value)):
            raise forms.ValidationError(reason)
        return value

    def clean_division_code(self) -> str:
        value = self.cleaned_data["division_code"].strip()
        if value and (reason := validate_division(value)):
            raise forms.ValidationError(reason)
        return value

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0


class UserForm(forms.Form):
    """Create a user."""

    username = forms.CharField(label="用户名", max_length=50)
    full_name = forms.CharField(label="姓名", max_length=50)
    org_unit = forms.ModelChoiceField(label="所属单位", queryset=OrgUnit.objects.none())
    title = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.RegexField(
        label="手机号码",
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": "手机号码应为 11 位数字，以 1 开头"},
    )
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="用户首次登录时须修改",
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]


class UserEditForm(UserForm):
    """Edit a user (no username or password)."""

    is_active = forms.BooleanField(label="启用", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["username"]
        del self.fields["password"]


class GrantForm(forms.Form):
    """Grant a role over a unit."""

    role = forms.ChoiceField(label="角色", choices=RoleGrant.Role.choices)
    unit = forms.ModelChoiceField(label="授权范围（单位）", queryset=OrgUnit.objects.none())
    include_subtree = forms.BooleanField(label="含下级单位", required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]


class ResetPasswordForm(forms.Form):
    """An administrator sets a temporary password."""

    password = forms.CharField(
        label="临时密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="用户下次登录时须修改",
    )


class TokenForm(forms.Form):
    """Create an API token."""

    name = forms.CharField(label="用途", max_length=100)
    expires_on = forms.DateField(
        label="有效期至",
        required=False,
        help_text="留空表示长期有效",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
