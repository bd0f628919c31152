"""Staff pages: a case runs from clue to decision through the UI; lists and pages render."""

import datetime as dt

from django.urls import reverse

from fazhi.enforcement.models import Case

from .flow import filed_case


def test_case_runs_through_the_ui(client, world, team):
    # given a filed case with two certified officers
    case = filed_case(team, world, filed_on=dt.date(2024, 9, 2))
    client.force_login(team.handler)
    url = lambda a: reverse("enforcement:case-action", args=[case.pk, a])  # noqa: E731
    # when the handler runs the investigation steps through the forms
    client.post(url("investigate"), {"on": "2024-09-03"})
    client.post(url("close_investigation"), {"on": "2024-09-10"})
    client.post(url("notice"), {"on": "2024-09-11", "penalty_types": ["fine"], "amount": "3000"})
    case.refresh_from_db()
    assert case.status == Case.Status.NOTICE
    # then the page shows the gates and the head can decide
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and "听证申请".encode() in page.content
    client.force_login(team.head)
    tier = team.item.benchmarks.first().tiers.get(tier="lighter")
    response = client.post(
        url("decide"),
        {
            "decided_on": "2024-09-27",
            "decision_number": "决1号",
            "penalty_types": ["fine"],
            "amount": "3000",
            "benchmark_tier": tier.pk,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED


def test_refused_step_shows_message_and_changes_nothing(client, world, team):
    case = filed_case(team, world, filed_on=dt.date(2024, 9, 2), officers=1)
    client.force_login(team.handler)
    response = client.post(
        reverse("enforcement:case-action", args=[case.pk, "investigate"]),
        {"on": "2024-09-03"},
        follow=True,
    )
    assert "不得少于两人".encode() in response.content
    case.refresh_from_db()
    assert case.status == Case.Status.FILED


def test_bad_dates_in_forms_do_not_500(client, world, team):
    case = filed_case(team, world, filed_on=dt.date(2024, 9, 2))
    client.force_login(team.handler)
    response = client.post(
        reverse("enforcement:case-action", args=[case.pk, "investigate"]),
        {"on": "2024-02-30"},
        follow=True,
    )
    assert response.status_code == 200 and "日期格式".encode() in response.content


def test_lists_render_for_supervisor(client, world, team):
    from fazhi.core.testing import make_user

    from .conftest import R

    supervisor = make_user(world.district_a, R.SUPERVISOR, subtree=True)
    filed_case(team, world, filed_on=dt.date(2024, 9, 2))
    client.force_login(supervisor)
    for name in (
        "case-list",
        "publicity-queue",
        "subject-list",
        "officer-list",
        "power-list",
        "benchmark-list",
    ):
        response = client.get(reverse(f"enforcement:{name}"))
        assert response.status_code == 200, name
    assert "销售不合格产品案".encode() in client.get(reverse("enforcement:case-list")).content
    assert client.get(reverse("enforcement:officer-list") + "?flag=training").status_code == 200
    export = client.get(reverse("enforcement:case-list") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
