"""Forms of the precheck pages."""

from django import forms

from fazhi.precheck.services import MAX_CHARS


class CheckForm(forms.Form):
    """Pasted draft text to pre-check."""

    text = forms.CharField(
        label="文本",
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "请填写需要预审的文本", "max_length": "文本过长，请分段预审"},
    )
