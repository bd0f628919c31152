"""Forms of case-file evaluation (Chinese labels; errors show next to the field)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.models import OrgUnit

from .models import Campaign, Rubric

ITEMS_HELP = "每行一项：类别|评查内容|分值；否决项写“类别|评查内容|否决”。各项分值合计 100 分。"
DEFAULT_ITEMS = "\n".join(
    [
        "主体合法|执法主体适格、执法人员持证且不少于两人|10",
        "事实证据|事实清楚，证据确实充分，取证程序合法|25",
        "法律适用|适用法律、法规、规章正确，引用条款准确|20",
        "程序规范|立案、告知、听证、法制审核、期限等程序合法|20",
        "裁量适当|处罚种类和幅度符合裁量基准，偏离有理由|10",
        "文书送达|文书制作规范，送达合法|10",
        "立卷归档|案卷完整，装订、归档规范|5",
        "否决事项|无执法主体资格或执法人员未持证执法|否决",
        "否决事项|主要事实不清、证据不足或者适用依据错误|否决",
    ]
)


class RubricForm(forms.Form):
    family = forms.CharField(
        label="标准编码", max_length=40, help_text="如 PJ-2026，同一标准的各版本共用"
    )
    name = forms.CharField(label="名称", max_length=200)
    description = forms.CharField(
        label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    excellent_min = forms.DecimalField(
        label="优秀线（分）", max_digits=5, decimal_places=1, initial=90
    )
    pass_min = forms.DecimalField(label="合格线（分）", max_digits=5, decimal_places=1, initial=70)
    items = forms.CharField(
        label="评查项目", help_text=ITEMS_HELP, widget=forms.Textarea(attrs={"rows": 12})
    )

    def __init__(self, *args: Any, revising: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if revising:
            del self.fields["family"]


class CampaignForm(forms.Form):
    title = forms.CharField(label="活动名称", max_length=200)
    rubric = forms.ModelChoiceField(label="评查标准", queryset=Rubric.objects.none())
    period_from = forms.DateField(
        label="结案日期自", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(label="结案日期至", widget=forms.DateInput(attrs={"type": "date"}))
    sample_mode = forms.ChoiceField(label="抽样方式", choices=Campaign.SampleMode.choices)
    sample_value = forms.IntegerField(label="抽样数量/比例", min_value=1, max_value=1000)
    units = forms.ModelMultipleChoiceField(
        label="被评查单位",
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    rectification_rule = forms.CharField(
        label="整改期限",
        max_length=20,
        initial="20wd",
        help_text="如 20wd（20 个工作日）、30cd（30 日）",
    )

    def __init__(self, *args: Any, rubrics: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = rubrics  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class SampleForm(forms.Form):
    seed = forms.CharField(label="随机种子（可留空自动生成）", max_length=64, required=False)


class RectificationForm(forms.Form):
    report = forms.CharField(
        label="整改报告", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReturnForm(forms.Form):
    note = forms.CharField(label="退回理由", max_length=500)
