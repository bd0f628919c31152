"""The task pages show the server's replay of the draw; a tampered assignment shows as 不一致."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from fazhi.inspections import services
from fazhi.inspections.models import DrawnObject

from .conftest import COMMIT_ON, DRAW_ON
from .factories import make_task


def _published(bureau):
    task = make_task(bureau.clerk, bureau.unit)
    with transaction.atomic():
        services.task_commit_seed(actor=bureau.head, task=task, on=COMMIT_ON)
        services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)
    for row in DrawnObject.objects.filter(task=task):
        with transaction.atomic():
            services.result_record(
                actor=bureau.clerk, drawn=row, result="no_issue", inspected_on=DRAW_ON
            )
    with transaction.atomic():
        return services.task_publish(actor=bureau.head, task=task, on=dt.date(2024, 6, 20))


def test_portal_and_staff_pages_show_a_matching_replay(client, bureau):
    task = _published(bureau)
    portal = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert "复核一致" in portal and "与公布的承诺值一致" in portal
    client.force_login(bureau.clerk)
    staff = client.get(task.get_absolute_url()).content.decode()
    assert "复核一致" in staff


def test_an_assignment_changed_behind_the_draws_back_shows_as_a_mismatch(client, bureau):
    # given a published task whose stored team for one entity was edited in the database
    task = _published(bureau)
    row = DrawnObject.objects.filter(task=task).first()
    others = [o for o in bureau.officers if o not in row.inspectors.all()]
    row.inspectors.set(others[:2])
    # then the replay on the portal reports it
    portal = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert "复核不一致" in portal
    assert "实际指派的检查人员：与复算结果不一致" in portal


def test_no_replay_on_the_portal_before_publication(client, bureau):
    task = make_task(bureau.clerk, bureau.unit)
    with transaction.atomic():
        services.task_commit_seed(actor=bureau.head, task=task, on=COMMIT_ON)
        task = services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)
    assert task.nonce
    portal = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert "抽取复核" not in portal and task.nonce not in portal
