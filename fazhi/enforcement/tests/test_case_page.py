"""The case page as a user sees it: usable date defaults, unique field ids, met deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from django.db import transaction
from django.urls import reverse
from freezegun import freeze_time

import fazhi.urls  # noqa: F401  (build the API schemas before any test freezes the clock)

from .flow import filed_case


@freeze_time("2024-07-12 10:00:00+08:00")
def test_step_forms_default_to_today_in_a_value_the_date_picker_accepts(client, team, world):
    with transaction.atomic():
        case = filed_case(team, world, filed_on=dt.date(2024, 7, 10), officers=0)
    client.force_login(team.handler)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    dates = re.findall(r'<input type="date"[^>]*value="([^"]*)"', page)
    assert dates  # the step forms on this page carry date fields
    assert set(dates) == {"2024-07-12"}  # ISO, as <input type="date"> needs (not 2024/07/12)


def test_every_field_id_on_the_case_page_is_unique(client, team, world):
    with transaction.atomic():
        case = filed_case(team, world, filed_on=dt.date(2024, 7, 10))
    client.force_login(team.head)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []


def test_a_met_deadline_says_when_it_was_met(client, team, world):
    with transaction.atomic():
        case = filed_case(team, world, filed_on=dt.date(2024, 7, 10))
    client.force_login(team.handler)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert "2024-07-10 已立案" in page
    assert "待审核" not in page  # a 3000-yuan clue does not need legal review
