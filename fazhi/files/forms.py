"""Forms of the attachments app (labels and errors in Chinese)."""

from django import forms


class UploadForm(forms.Form):
    """A file for a record, at a stage, with an optional description."""

    file = forms.FileField(
        label="选择文件",
        error_messages={"required": "请选择要上传的文件", "empty": "文件为空（0 字节）"},
        help_text="文档、图片、音频、视频；上传后显示 SHA-256 校验值",
    )
    stage = forms.CharField(label="环节", max_length=20, required=False)
    description = forms.CharField(label="说明", max_length=500, required=False)


class VoidForm(forms.Form):
    """The reason for voiding (作废) an attachment."""

    reason = forms.CharField(
        label="作废理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写作废理由"},
    )
