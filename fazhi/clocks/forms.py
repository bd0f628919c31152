"""Clock and calendar forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class CalculatorForm(forms.Form):
    """The deadline calculator."""

    start = forms.DateField(
        label="起算日",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="如收到申请之日；起算日当日不计入",
    )
    rule = forms.CharField(
        label="期限",
        max_length=10,
        initial="20wd",
        help_text="数字加单位：wd 工作日，cd 自然日，m 月。如 20wd、15cd、6m",
    )
    pauses = forms.CharField(
        label="中止/扣除期间",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一段：2024-05-20..2024-05-24（含首尾）",
    )
    extensions = forms.CharField(
        label="延长", required=False, max_length=50, help_text="如 20wd 或 30cd，多个用逗号分隔"
    )

    def clean_pauses(self) -> list[tuple[dt.date, dt.date]]:
        result = []
        for number, line in enumerate(self.cleaned_data["pauses"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                first, last = (dt.date.fromisoformat(p.strip()) for p in line.split(".."))
            except ValueError:
                raise forms.ValidationError(
                    f"第 {number} 行格式应为 YYYY-MM-DD..YYYY-MM-DD"
                ) from None
            if last < first:
                raise forms.ValidationError(f"第 {number} 行截止日早于起始日")
            result.append((first, last))
        return result

    def clean_extensions(self) -> list[str]:
        return [
            p.strip()
            for p in self.cleaned_data["extensions"].replace("，", ",").split(",")
            if p.strip()
        ]


class PauseForm(forms.Form):
    """Suspend a clock."""

    from_on = forms.DateField(label="中止起始日", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="中止原因", max_length=200)


class ResumeForm(forms.Form):
    """Resume a suspended clock."""

    to_on = forms.DateField(
        label="中止截止日（含当日）", widget=forms.DateInput(attrs={"type": "date"})
    )


class ExtendForm(forms.Form):
    """Approve an extension."""

    rule = forms.CharField(label="延长期限", max_length=10, help_text="如 30cd、20wd")
    reason = forms.CharField(label="延长理由", max_length=200)
    approved_by = forms.CharField(label="批准人", max_length=100)


class CompleteForm(forms.Form):
    """Record completion."""

    on = forms.DateField(label="办结日", widget=forms.DateInput(attrs={"type": "date"}))


class DayForm(forms.Form):
    """Correct one calendar day."""

    is_workday = forms.BooleanField(label="工作日", required=False)
    name = forms.CharField(label="名称（节假日或调休说明）", max_length=50, required=False)
    note = forms.CharField(label="修改原因", max_length=200)


class NoticeForm(forms.Form):
    """Import a year from the State Council's holiday notice."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    notice = forms.CharField(label="通知文号", max_length=100, help_text="如 国办发明电〔2026〕7号")
    text = forms.CharField(
        label="放假与调休安排",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="每行一项：放假区间写“起始..截止 名称”，调休上班写“日期 调休上班”。未列出的周六、周日为休息日。",
    )
    replace = forms.BooleanField(label="覆盖该年度（按新通知重建）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["placeholder"] = (
            "2027-01-01..2027-01-03 元旦\n2027-02-06..2027-02-14 春节\n2027-02-15 调休上班"
        )
