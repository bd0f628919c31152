"""Date fields render in the only format <input type="date"> accepts, and Chinese spellings parse."""

import datetime as dt

from django import forms


class _Form(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_date_input_renders_iso_so_the_browser_shows_it():
    html = str(_Form(initial={"on": dt.date(2026, 11, 30)})["on"])
    assert 'value="2026-11-30"' in html


def test_typed_or_imported_chinese_dates_still_parse():
    for text in ("2026-11-30", "2026/11/30", "2026年11月30日"):
        form = _Form(data={"on": text})
        assert form.is_valid(), text
        assert form.cleaned_data["on"] == dt.date(2026, 11, 30)
