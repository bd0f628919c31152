"""Public portal: drafts never show; the commitment shows before the draw; results once published."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.urls import reverse

from fazhi.inspections import draw, services
from fazhi.inspections.models import DrawnObject

from .factories import make_task
from .test_tasks import committed, drawn


def publish(bureau, task):
    for row in DrawnObject.objects.filter(task=task):
        with transaction.atomic():
            services.result_record(
                actor=bureau.officer_user,
                drawn=row,
                result="no_issue",
                inspected_on=dt.date(2024, 6, 20),
            )
    with transaction.atomic():
        return services.task_publish(actor=bureau.head, task=task, on=dt.date(2024, 7, 1))


def test_drafts_are_neither_listed_nor_reachable(client, bureau):
    draft = make_task(bureau.clerk, bureau.unit, title="尚在编制的草稿任务")
    listing = client.get(reverse("portal:inspections-list")).content.decode()
    assert "尚在编制的草稿任务" not in listing
    assert client.get(reverse("portal:inspections-task", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:inspections-json", args=[draft.pk])).status_code == 404


def test_committed_task_shows_commitment_and_inputs_but_no_nonce_or_draw(client, bureau):
    task = committed(bureau, title="已承诺任务")
    assert "已承诺任务" in client.get(reverse("portal:inspections-list")).content.decode()
    page = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert task.commitment in page and task.inputs_sha256 in page
    assert task.nonce not in page
    document = json.loads(client.get(reverse("portal:inspections-json", args=[task.pk])).content)
    assert document["commitment"] == task.commitment
    assert draw.digest(document["inputs"]) == document["inputs_sha256"]
    assert "draw" not in document and task.nonce not in json.dumps(document)


def test_drawn_but_unpublished_task_keeps_the_draw_secret(client, bureau):
    task = drawn(bureau)
    first = DrawnObject.objects.filter(task=task).select_related("inspection_object").first()
    page = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert task.nonce not in page
    assert "抽查结果</h2>" not in page
    assert first.inspection_object.name in page  # only as a member of the published pool
    document = json.loads(client.get(reverse("portal:inspections-json", args=[task.pk])).content)
    assert "draw" not in document


def test_published_task_shows_results_nonce_and_a_replayable_file(client, bureau):
    task = publish(bureau, drawn(bureau))
    page = client.get(reverse("portal:inspections-task", args=[task.pk])).content.decode()
    assert task.nonce in page and "未发现问题" in page and "抽查结果</h2>" in page
    document = json.loads(client.get(reverse("portal:inspections-json", args=[task.pk])).content)
    verdict = draw.replay(document)
    assert verdict.ok
    assert verdict.result == document["draw"]["result"]


def test_portal_is_public_and_refuses_posts_without_error(client, bureau):
    task = committed(bureau)
    assert (
        client.get(reverse("portal:inspections-list") + "?q=%00<script>&page=x").status_code == 200
    )
    assert client.post(reverse("portal:inspections-task", args=[task.pk])).status_code == 405
    assert client.get(reverse("portal:inspections-task", args=[999999])).status_code == 404
