"""The search form (staff page and API share its validation)."""

from __future__ import annotations

from django import forms

from fazhi.core.models import OrgUnit

from .registry import SPECS
from .text import MAX_TERM_CHARS, MAX_TERMS


class SearchForm(forms.Form):
    """Query, record kind, unit subtree, date range."""

    q = forms.CharField(label="检索词", required=False, max_length=MAX_TERMS * (MAX_TERM_CHARS + 3))
    kind = forms.ChoiceField(label="类型", required=False)
    unit = forms.IntegerField(label="单位（含下级）", required=False, min_value=1)
    date_from = forms.DateField(label="起始日期", required=False)
    date_to = forms.DateField(label="截止日期", required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=500)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [("", "全部类型")] + [
            (kind, spec.label) for kind, spec in SPECS.items()
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        lo, hi = data.get("date_from"), data.get("date_to")
        if lo and hi and lo > hi:
            self.add_error("date_to", "截止日期不能早于起始日期")
        unit_id = data.get("unit")
        data["unit_obj"] = None
        if unit_id:
            data["unit_obj"] = OrgUnit.objects.filter(pk=unit_id).first()
            if data["unit_obj"] is None:
                self.add_error("unit", "单位不存在")
        return data
