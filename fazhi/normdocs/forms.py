"""Forms of the staff pages: one per lifecycle step, plus create, import and handling forms."""

from __future__ import annotations

from django import forms

from fazhi.normdocs import checklist
from fazhi.normdocs.models import (
    CleanupItem,
    Comment,
    Deliberation,
    FairCompetitionReview,
    Filing,
    LegalityReview,
    NormativeDocument,
    ReviewSuggestion,
)

DATE = forms.DateInput(attrs={"type": "date"})


class DocumentForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    org_unit = forms.ModelChoiceField(label="制定机关", queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(
        label="类别",
        choices=NormativeDocument.Kind.choices,
        initial=NormativeDocument.Kind.DEPARTMENT,
    )
    is_provisional = forms.BooleanField(label="暂行/试行", required=False)
    affects_market = forms.BooleanField(
        label="涉及市场主体经济活动（须公平竞争审查）", required=False
    )
    legal_basis = forms.CharField(
        label="制定依据", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    drafting_note = forms.CharField(
        label="起草说明", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    effective_on = forms.DateField(label="拟施行日期", widget=DATE, required=False)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)
    text = forms.CharField(
        label="草案文本（可稍后上传）", widget=forms.Textarea(attrs={"rows": 10}), required=False
    )

    def __init__(self, *args, units=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units


class VersionForm(forms.Form):
    file = forms.FileField(label="上传文件（.docx/.pdf/.txt）", required=False)
    text = forms.CharField(
        label="或粘贴文本", widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传文件或粘贴文本")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label="评估论证情况", widget=forms.Textarea(attrs={"rows": 3}))


class CommentOpenForm(forms.Form):
    opened_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期（留空按法定最短期限）", widget=DATE, required=False)
    channel = forms.CharField(label="征求渠道", max_length=200, initial="政府门户网站")


class CommentAddForm(forms.Form):
    commenter = forms.CharField(label="意见人", max_length=100)
    content = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label="收到日期", widget=DATE)


class CommentHandleForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    handling = forms.ChoiceField(label="处理情况", choices=Comment.Handling.choices[1:])
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="结束日期", widget=DATE)


class FairReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="审查日期", widget=DATE)
    reviewing_body = forms.CharField(label="审查机构", max_length=100)
    conclusion = forms.ChoiceField(
        label="审查结论", choices=FairCompetitionReview.Conclusion.choices
    )
    exception_reason = forms.CharField(
        label="例外理由及实施期限", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="法制机构审查意见", widget=forms.Textarea(attrs={"rows": 3}))


class SubmitReviewForm(forms.Form):
    received_on = forms.DateField(label="报送（收件）日期", widget=DATE)


class ReviewForm(forms.Form):
    opinion = forms.ChoiceField(label="审核意见", choices=LegalityReview.Opinion.choices[1:])
    violations = forms.MultipleChoiceField(
        label="严禁事项核查（勾选发现的问题；带★的为否决项）",
        choices=[
            (i.code, ("★" if i.blocking else "") + i.label + "（" + i.basis + "）")
            for i in checklist.ITEMS
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label="审核说明/修改意见", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    completed_on = forms.DateField(label="审核完成日期", widget=DATE)


class EmptyForm(forms.Form):
    pass


class DeliberationForm(forms.Form):
    meeting = forms.CharField(label="会议名称", max_length=100, initial="局务会议")
    meeting_on = forms.DateField(label="会议日期", widget=DATE)
    decision = forms.ChoiceField(label="审议结果", choices=Deliberation.Decision.choices)
    notes = forms.CharField(
        label="纪要要点", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignForm(forms.Form):
    signer = forms.CharField(label="签发人", max_length=50)
    signed_on = forms.DateField(label="签发日期", widget=DATE)


class RegisterForm(forms.Form):
    year = forms.IntegerField(label="编号年度", min_value=2000, max_value=2100)


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DATE)
    channel = forms.CharField(label="公布载体", max_length=100, initial="区政府门户网站")
    effective_on = forms.DateField(label="施行日期", widget=DATE, required=False)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)
    interpretation_title = forms.CharField(label="政策解读标题", max_length=200)
    interpretation_text = forms.CharField(
        label="政策解读", widget=forms.Textarea(attrs={"rows": 6})
    )


class FileForm(forms.Form):
    filed_on = forms.DateField(label="报备日期", widget=DATE)


class AmendForm(forms.Form):
    relation = forms.ChoiceField(
        label="类型", choices=[("amend", "修改（改）"), ("repeal", "废止（废）")]
    )
    title = forms.CharField(label="标题（可留空自动生成）", max_length=200, required=False)


class EndForm(forms.Form):
    target = forms.ChoiceField(
        label="处理", choices=[("repealed", "废止"), ("declared_invalid", "宣布失效")]
    )
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class FilingRegisterForm(forms.Form):
    outcome = forms.ChoiceField(label="登记结果", choices=Filing.Registration.choices[1:])
    notes = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FilingReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="审查结论", choices=Filing.Review.choices[1:])
    notes = forms.CharField(
        label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionForm(forms.Form):
    report = forms.CharField(label="纠正情况报告", widget=forms.Textarea(attrs={"rows": 4}))


class SuggestionHandleForm(forms.Form):
    status = forms.ChoiceField(label="办理状态", choices=ReviewSuggestion.Status.choices)
    handling_notes = forms.CharField(
        label="办理情况（内部）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reply = forms.CharField(
        label="答复（公开）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    org_unit = forms.ModelChoiceField(label="清理范围", queryset=None)  # type: ignore[arg-type]
    deadline = forms.DateField(label="完成期限", widget=DATE)

    def __init__(self, *args, units=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units


class CleanupDecideForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    # Rendered inside a table row without <label>: the aria-label names the field.
    outcome = forms.ChoiceField(
        label="清理结果",
        choices=CleanupItem.Outcome.choices[1:],
        widget=forms.Select(attrs={"aria-label": "清理结果"}),
    )
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 2, "aria-label": "理由"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="目录表格（.xlsx）")
    texts = forms.FileField(
        label="正文文件压缩包（.zip，可选，文件名为文号或序号）", required=False
    )
