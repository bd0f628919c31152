"""Forms of the enforcement staff pages (validation messages in Chinese; rules live in services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from .models import Case, CaseOfficer, LegalReview
from .models.cases import TRANSFER_MATERIALS

# type=date needs ISO values; the zh-hans locale would render 2026/11/30, which browsers drop.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011


class DateField(forms.DateField):
    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", _today)
        super().__init__(
            label=label,
            widget=DATE,
            error_messages={"invalid": "日期格式应为 YYYY-MM-DD"},
            **kwargs,
        )


class CaseForm(forms.Form):
    """Register a clue as a case."""

    kind = forms.ChoiceField(label="案件类型", choices=Case.Kind.choices)
    procedure = forms.ChoiceField(label="程序", choices=Case.Procedure.choices)
    power_item = forms.ModelChoiceField(label="权责事项", queryset=None)  # type: ignore[arg-type]
    title = forms.CharField(label="案由", max_length=200)
    facts = forms.CharField(
        label="违法事实", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    party_kind = forms.ChoiceField(label="当事人类型", choices=Case.PartyKind.choices)
    party_name = forms.CharField(label="当事人", max_length=100)
    party_id_number = forms.CharField(label="身份证号 / 统一社会信用代码", max_length=18)
    party_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    party_address = forms.CharField(label="地址", max_length=200, required=False)
    violation_on = DateField("违法行为发生日")
    violation_ended_on = forms.DateField(
        label="违法行为终了日（连续或继续状态）", widget=DATE, required=False
    )
    safety_harm = forms.BooleanField(
        label="涉及公民生命健康安全、金融安全且有危害后果", required=False
    )
    major_public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    complex_case = forms.BooleanField(label="案情疑难复杂、涉及多个法律关系", required=False)
    clue_on = DateField("线索登记日")

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["power_item"].queryset = items  # type: ignore[attr-defined]


class DateOnlyForm(forms.Form):
    on = DateField("日期")
    note = forms.CharField(label="说明", required=False, max_length=1000)


class NoticeForm(DateOnlyForm):
    penalty_types = forms.MultipleChoiceField(
        label="拟处罚种类", choices=Case.PenaltyType.choices, widget=forms.CheckboxSelectMultiple
    )
    amount = forms.DecimalField(
        label="拟罚没金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2
    )


class CloseForm(DateOnlyForm):
    paid_on = forms.DateField(label="缴款（履行）日期", widget=DATE, required=False)


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label="执法人员", queryset=None)  # type: ignore[arg-type]
    role = forms.ChoiceField(label="角色", choices=CaseOfficer.Role.choices)
    on = DateField("指派日期")

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decided_on = DateField("决定日期")
    decision_number = forms.CharField(label="决定书文号", max_length=60)
    penalty_types = forms.MultipleChoiceField(
        label="处罚种类", choices=Case.PenaltyType.choices, widget=forms.CheckboxSelectMultiple
    )
    amount = forms.DecimalField(
        label="罚没金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    benchmark_tier = forms.ModelChoiceField(label="适用裁量阶次", queryset=None, required=False)  # type: ignore[arg-type]
    deviation_reason = forms.CharField(
        label="偏离裁量基准的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label="决定内容（将脱敏公示）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, tiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["benchmark_tier"].queryset = tiers  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    result = forms.ChoiceField(label="审核结论", choices=LegalReview.Result.choices)
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 3}))
    reviewed_on = DateField("审核日期")


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30, initial=30)
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))
    approved_on = DateField("批准日期")


class ServeForm(forms.Form):
    served_on = DateField("送达日期")


class PublishForm(forms.Form):
    on = DateField("日期")
    reason = forms.CharField(label="说明", required=False, max_length=500)


class TransferForm(forms.Form):
    reason = forms.CharField(label="涉嫌罪名及理由", widget=forms.Textarea(attrs={"rows": 2}))
    reported_on = DateField("报告日期")
    materials = forms.MultipleChoiceField(
        label="已备移送材料",
        choices=list(TRANSFER_MATERIALS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TransferResolveForm(forms.Form):
    approved = forms.TypedChoiceField(
        label="审批结果", choices=[("1", "批准移送"), ("0", "不批准")], coerce=lambda v: v == "1"
    )
    on = DateField("审批日期")


class TransferSendForm(forms.Form):
    agency = forms.CharField(label="接收的公安机关", max_length=100)
    on = DateField("移送日期")
    materials = forms.MultipleChoiceField(
        label="移送材料",
        choices=list(TRANSFER_MATERIALS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PoliceResultForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label="公安机关决定", choices=[("1", "立案"), ("0", "不予立案")], coerce=lambda v: v == "1"
    )
    on = DateField("决定日期")


class ImportForm(forms.Form):
    source_system = forms.CharField(label="来源系统", max_length=40, initial="excel")
    file = forms.FileField(label="案件表格（.xlsx）")
