"""REST endpoints of the inspections app (mounted at /api/inspections/). Read-only, scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from . import selectors
from .models import InspectionTask

router = Router(tags=["双随机一公开"])
S = InspectionTask.Status


class TaskOut(Schema):
    id: int
    number: str
    title: str
    unit: str
    status: str
    commitment: str
    inputs_sha256: str
    drawn_on: dt.date | None
    results_due_on: dt.date | None
    published_on: dt.date | None


class DrawnOut(Schema):
    position: int
    object_id: int
    name: str
    uscc: str
    grade: str
    inspectors: list[str]
    result: str
    inspected_on: dt.date | None


class TaskDetailOut(TaskOut):
    drawn: list[DrawnOut]


def _task_out(task: InspectionTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "number": task.number,
        "title": task.title,
        "unit": task.org_unit.name,
        "status": task.status,
        "commitment": task.commitment,
        "inputs_sha256": task.inputs_sha256,
        "drawn_on": task.drawn_on,
        "results_due_on": task.results_due_on,
        "published_on": task.published_on,
    }


@router.get("/tasks", response=list[TaskOut], summary="抽查任务列表（授权范围内）")
def tasks_list(
    request: HttpRequest, q: str = "", status: str = "", limit: int = 50, offset: int = 0
):  # type: ignore[no-untyped-def]
    limit, offset = max(1, min(limit, 500)), max(0, min(offset, 10**9))
    qs = selectors.task_list_visible_to(
        user=request.user, q=q[:50], status=status if status in S.values else ""
    ).order_by("-pk")
    return [_task_out(t) for t in qs[offset : offset + limit]]


@router.get("/tasks/{task_id}", response=TaskDetailOut, summary="抽查任务详情与检查结果")
def task_get(request: HttpRequest, task_id: int):  # type: ignore[no-untyped-def]
    task = selectors.task_get_visible(user=request.user, pk=task_id)
    drawn = [
        {
            "position": d.position,
            "object_id": d.inspection_object_id,
            "name": d.inspection_object.name,
            "uscc": d.inspection_object.uscc,
            "grade": d.grade,
            "inspectors": [o.full_name for o in d.inspectors.all()],
            "result": d.result,
            "inspected_on": d.inspected_on,
        }
        for d in selectors.drawn_rows(task)
    ]
    return {**_task_out(task), "drawn": drawn}


@router.get("/tasks/{task_id}/draw", response=dict, summary="抽取文件（种子原文在结果公开后提供）")
def task_draw_file(request: HttpRequest, task_id: int):  # type: ignore[no-untyped-def]
    task = selectors.task_get_visible(user=request.user, pk=task_id)
    if not task.commitment:
        raise HttpError(404, "草稿任务尚未冻结抽取输入")
    return selectors.task_document(task, reveal=task.status == S.PUBLISHED)
