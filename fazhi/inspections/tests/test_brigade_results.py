"""Results entered by the inspectors who were drawn, including officers of the brigade (执法大队)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from freezegun import freeze_time

import fazhi.urls  # noqa: F401  (build the API schemas before any test freezes the clock)
from fazhi.clocks.models import Clock
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry, OrgUnit
from fazhi.core.testing import make_unit, make_user
from fazhi.enforcement.tests.factories import make_officer
from fazhi.inspections import services
from fazhi.inspections.models import DrawnObject, InspectionTask

from .conftest import COMMIT_ON, DRAW_ON, R
from .factories import make_objects, make_task

S = InspectionTask.Status
RESULT = {"result": "no_issue", "inspected_on": DRAW_ON.isoformat()}


@pytest.fixture
def brigade(world):
    """The market bureau's brigade: three officers with accounts, the only certified inspectors."""
    unit = make_unit("东湖区市场监管综合执法大队", parent=world.market_a, kind=OrgUnit.Kind.BRIGADE)
    users = [make_user(unit, R.OFFICER) for _ in range(3)]
    officers = [make_officer(unit, user=u) for u in users]
    return unit, users, officers


@pytest.fixture
def drawn_task(world, brigade):
    """A task of the bureau drawn over its pool; its inspectors all come from the brigade."""
    make_objects(world.market_a, "AABC")
    clerk = make_user(world.market_a, R.CLERK)
    task = make_task(clerk, world.market_a, ratios={"A": "100", "B": "100", "C": "100", "D": "0"})
    with transaction.atomic():
        services.task_commit_seed(actor=clerk, task=task, on=COMMIT_ON)
        services.task_draw(actor=clerk, task=task, on=DRAW_ON)
    task.refresh_from_db()
    return task


def _rows_of(task, user):
    """(rows the user was drawn for, rows the user was not drawn for)."""
    rows = list(DrawnObject.objects.filter(task=task).prefetch_related("inspectors__user"))
    mine = [r for r in rows if any(o.user_id == user.pk for o in r.inspectors.all())]
    return mine, [r for r in rows if r not in mine]


@freeze_time("2024-06-11 10:00:00+08:00")
def test_a_drawn_brigade_officer_enters_results_for_his_entities_through_the_ui(
    client, brigade, drawn_task
):
    # given a brigade officer drawn for some of the bureau's entities (outside his unit's scope)
    _, users, _ = brigade
    officer_user = users[0]
    mine, others = _rows_of(drawn_task, officer_user)
    assert mine and others  # 4 entities × 2 inspectors over 3 officers: drawn for some, not all
    client.force_login(officer_user)
    # when he opens his task list and the task page
    assert drawn_task.title in client.get(reverse("inspections:task-list")).content.decode()
    page = client.get(drawn_task.get_absolute_url()).content.decode()
    # then he is offered the result form for his entities only
    for row in mine:
        assert reverse("inspections:result-edit", args=[row.pk]) in page
    for row in others:
        assert reverse("inspections:result-edit", args=[row.pk]) not in page
    # and entering a result through the form records it with an audit entry
    response = client.post(reverse("inspections:result-edit", args=[mine[0].pk]), RESULT)
    assert response.status_code == 302
    mine[0].refresh_from_db()
    assert mine[0].result == "no_issue" and mine[0].inspected_on == DRAW_ON
    entry = AuditEntry.objects.get(verb="inspections.result_record")
    assert entry.actor_id == officer_user.pk


@freeze_time("2024-06-11 10:00:00+08:00")
def test_an_entity_he_was_not_drawn_for_is_not_found_and_nothing_changes(
    client, brigade, drawn_task
):
    _, users, _ = brigade
    officer_user = users[0]
    _, others = _rows_of(drawn_task, officer_user)
    client.force_login(officer_user)
    audit_count = AuditEntry.objects.count()
    url = reverse("inspections:result-edit", args=[others[0].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, RESULT).status_code == 404
    others[0].refresh_from_db()
    assert others[0].result == ""
    assert AuditEntry.objects.count() == audit_count
    # and the service refuses him too (the same rule, whatever the entry point)
    with pytest.raises(DomainError), transaction.atomic():
        services.result_record(actor=officer_user, drawn=others[0], **_service_result())
    others[0].refresh_from_db()
    assert others[0].result == ""


def _service_result() -> dict:
    return {"result": "no_issue", "inspected_on": DRAW_ON}


@freeze_time("2024-06-11 10:00:00+08:00")
def test_a_brigade_officer_not_drawn_sees_neither_the_task_nor_its_entities(
    client, world, brigade, drawn_task
):
    # given another brigade officer who was not drawn at all (his certificate is of another domain)
    unit, _, _ = brigade
    outsider = make_user(unit, R.OFFICER)
    make_officer(unit, user=outsider, domains=("transport",), certified=False)
    client.force_login(outsider)
    assert drawn_task.title not in client.get(reverse("inspections:task-list")).content.decode()
    assert client.get(drawn_task.get_absolute_url()).status_code == 404
    row = DrawnObject.objects.filter(task=drawn_task).first()
    assert client.get(reverse("inspections:result-edit", args=[row.pk])).status_code == 404


@freeze_time("2024-06-11 10:00:00+08:00")
def test_a_sibling_districts_officer_drawn_nowhere_gets_404(client, world, drawn_task):
    sibling = make_user(world.market_b, R.OFFICER, subtree=True)
    client.force_login(sibling)
    row = DrawnObject.objects.filter(task=drawn_task).first()
    assert client.get(drawn_task.get_absolute_url()).status_code == 404
    assert client.post(reverse("inspections:result-edit", args=[row.pk]), RESULT).status_code == 404


@freeze_time("2024-06-11 10:00:00+08:00")
def test_once_every_drawn_inspector_has_entered_the_results_the_task_can_be_published(
    world, brigade, drawn_task
):
    # given each entity's result entered by one of its own drawn inspectors
    for row in DrawnObject.objects.filter(task=drawn_task).prefetch_related("inspectors__user"):
        inspector = row.inspectors.all()[0].user
        with transaction.atomic():
            services.result_record(actor=inspector, drawn=row, **_service_result())
    drawn_task.refresh_from_db()
    assert drawn_task.status == S.RESULTS_ENTERED
    # when the bureau's head publishes within the 20-WD clock
    clock = Clock.objects.get(kind="inspections.results", target_id=str(drawn_task.pk))
    assert clock.due_on == dt.date(2024, 7, 8)  # 20 WD from 2024-06-07 (domain.md E7)
    head = make_user(world.market_a, R.UNIT_HEAD)
    with transaction.atomic():
        services.task_publish(actor=head, task=drawn_task, on=dt.date(2024, 6, 11))
    # then the clock is met
    clock.refresh_from_db()
    assert (clock.status, clock.completed_on) == (Clock.Status.COMPLETED, dt.date(2024, 6, 11))


@freeze_time("2024-06-11 10:00:00+08:00")
def test_the_drawn_inspector_cannot_correct_a_result_after_publication(world, brigade, drawn_task):
    rows = list(DrawnObject.objects.filter(task=drawn_task).prefetch_related("inspectors__user"))
    for row in rows:
        with transaction.atomic():
            services.result_record(
                actor=row.inspectors.all()[0].user, drawn=row, **_service_result()
            )
    with transaction.atomic():
        services.task_publish(actor=None, task=drawn_task, on=dt.date(2024, 6, 11))
    with pytest.raises(DomainError, match="尚未公开"), transaction.atomic():
        services.result_record(
            actor=rows[0].inspectors.all()[0].user,
            drawn=rows[0],
            result="rectify",
            inspected_on=DRAW_ON,
            finding="复查发现问题",
        )
    rows[0].refresh_from_db()
    assert rows[0].result == "no_issue"
