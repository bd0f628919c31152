"""Forms of the random-inspection staff pages (Chinese messages; the rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.enforcement.models import DOMAINS

from .models import DrawnObject, RecusalLink, RiskGrade

# type=date needs ISO values; the zh-hans locale would render 2026/11/30, which browsers drop.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "日期格式应为 YYYY-MM-DD", "required": "请填写日期"}


def _units_field(units: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="单位",
        queryset=units,
        error_messages={"invalid_choice": "请选择您有权维护的单位", "required": "请选择单位"},
    )


class UnitScopedForm(forms.Form):
    """A form whose first field is one of the units the user may maintain."""

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"unit": _units_field(units), **self.fields}
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class ItemForm(UnitScopedForm):
    name = forms.CharField(label="抽查事项", max_length=200)
    basis = forms.CharField(label="检查依据", max_length=2000, widget=forms.Textarea({"rows": 3}))
    domain = forms.ChoiceField(
        label="执法领域", choices=[("", "—")] + list(DOMAINS.items()), required=False
    )
    power_item_code = forms.CharField(
        label="对应权责清单事项编码（行政检查类，可空）", max_length=40, required=False
    )


class ObjectForm(UnitScopedForm):
    name = forms.CharField(label="名称", max_length=200)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18, min_length=18)
    address = forms.CharField(label="住所（经营场所）", max_length=300, required=False)
    industry = forms.CharField(label="所属行业", max_length=100, required=False)
    risk_grade = forms.ChoiceField(label="风险等级", choices=RiskGrade.choices)


class ImportForm(UnitScopedForm):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        error_messages={"required": "请选择要上传的文件", "empty": "上传的文件是空的"},
    )


class RecusalForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="执法人员",
        queryset=None,  # type: ignore[arg-type]
        error_messages={"invalid_choice": "请选择本单位的执法人员", "required": "请选择执法人员"},
    )
    reason = forms.ChoiceField(label="回避事由", choices=RecusalLink.Reason.choices)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


RATIO = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 100}
RATIO_ERRORS = {
    "invalid": "请输入数字",
    "max_value": "比例不能超过 100",
    "min_value": "比例不能为负数",
    "max_decimal_places": "最多两位小数",
    "max_digits": "数字过长",
    "required": "请填写抽查比例",
}


class TaskForm(UnitScopedForm):
    title = forms.CharField(label="任务名称", max_length=200)
    items = forms.ModelMultipleChoiceField(
        label="抽查事项",
        queryset=None,  # type: ignore[arg-type]
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个抽查事项", "invalid_choice": "抽查事项无效"},
    )
    planned_from = forms.DateField(label="计划检查自", widget=DATE, error_messages=DATE_ERRORS)
    planned_to = forms.DateField(label="计划检查至", widget=DATE, error_messages=DATE_ERRORS)
    industry = forms.CharField(label="限定行业（可空，空为全部）", max_length=100, required=False)
    inspectors_per_object = forms.IntegerField(
        label="每户检查人员数",
        initial=2,
        min_value=2,
        max_value=10,
        error_messages={
            "min_value": "执法人员不得少于两人",
            "max_value": "不超过 10 人",
            "invalid": "请输入整数",
        },
    )
    ratio_a = forms.DecimalField(
        label="A 级抽查比例（%）", initial=3, error_messages=RATIO_ERRORS, **RATIO
    )
    ratio_b = forms.DecimalField(
        label="B 级抽查比例（%）", initial=5, error_messages=RATIO_ERRORS, **RATIO
    )
    ratio_c = forms.DecimalField(
        label="C 级抽查比例（%）", initial=10, error_messages=RATIO_ERRORS, **RATIO
    )
    ratio_d = forms.DecimalField(
        label="D 级抽查比例（%）", initial=30, error_messages=RATIO_ERRORS, **RATIO
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=200)


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="检查结果", choices=DrawnObject.Result.choices)
    inspected_on = forms.DateField(label="检查日期", widget=DATE, error_messages=DATE_ERRORS)
    finding = forms.CharField(
        label="检查情况", max_length=5000, required=False, widget=forms.Textarea({"rows": 4})
    )
    case_number = forms.CharField(
        label="立案编号（已立案查处的填写）", max_length=60, required=False
    )
