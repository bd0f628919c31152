"""Public portal pages: tasks with their seed commitment, the draw file, and published results."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.core.access import PUBLIC, requires
from fazhi.inspections import selectors
from fazhi.inspections.models import InspectionTask

S = InspectionTask.Status


@require_GET
@requires(PUBLIC)
def task_list(request: HttpRequest) -> HttpResponse:
    """Every task whose seed commitment is public, newest first."""
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.public_tasks(q), 20).get_page(request.GET.get("page"))
    return render(request, "inspections/portal/task_list.html", {"page": page, "q": q})


@require_GET
@requires(PUBLIC)
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Commitment and inputs from the moment they are fixed; nonce and results once published."""
    task = selectors.public_task(pk)
    inputs = task.inputs or {}
    names = inputs.get("inspector_names", {})
    return render(
        request,
        "inspections/portal/task_page.html",
        {
            "task": task,
            "published": task.status == S.PUBLISHED,
            "rows": selectors.public_results(task),
            "objects": inputs.get("objects", []),
            "inspectors": [names.get(str(i), str(i)) for i in inputs.get("inspectors", [])],
            "replay": selectors.task_replay(task) if task.status == S.PUBLISHED else None,
        },
    )


@require_GET
@requires(PUBLIC)
def task_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The draw file: replay it with `fazhi inspections replay --inputs FILE` or any reimplementation."""
    task = selectors.public_task(pk)
    document = selectors.task_document(task, reveal=task.status == S.PUBLISHED)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="inspection-task-{task.pk}.json"'
    return response
