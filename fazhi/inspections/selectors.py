"""Read path of the random-inspection app: scoped staff lists, the inspector pool, public pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.core import access
from fazhi.core.models import OrgUnit
from fazhi.enforcement.models import Officer
from fazhi.enforcement.selectors import officers_certified_in

from . import draw
from .models import DrawnObject, InspectionItem, InspectionObject, InspectionTask, RecusalLink
from .permissions import VIEW
from .transitions import PUBLIC_STATUSES

S = InspectionTask.Status


def _clean(q: str) -> str:
    """Search text as the database can take it (PostgreSQL refuses NUL characters)."""
    return (q or "").replace("\x00", "").strip()[:100]


def item_list_visible_to(*, user: Any, q: str = "") -> QuerySet[InspectionItem]:
    qs = InspectionItem.objects.select_related("org_unit", "power_item")
    if q := _clean(q):
        qs = qs.filter(Q(name__contains=q) | Q(basis__contains=q))
    return access.visible(qs, user, VIEW)


def object_list_visible_to(
    *, user: Any, q: str = "", grade: str = ""
) -> QuerySet[InspectionObject]:
    qs = InspectionObject.objects.select_related("org_unit")
    if q := _clean(q):
        qs = qs.filter(Q(name__contains=q) | Q(uscc__contains=q.upper()) | Q(industry__contains=q))
    if grade:
        qs = qs.filter(risk_grade=grade)
    return access.visible(qs, user, VIEW)


def object_get_visible(*, user: Any, pk: int, perm: str = VIEW) -> InspectionObject:
    return access.get_visible(
        InspectionObject.objects.select_related("org_unit"), user, perm, pk=pk
    )


def recusals_of(obj: InspectionObject) -> QuerySet[RecusalLink]:
    return obj.recusals.select_related("officer__org_unit")


def recusal_candidates(obj: InspectionObject) -> QuerySet[Officer]:
    """Active officers of the entity's unit and its subunits (who could ever be drawn for it)."""
    return Officer.objects.filter(obj.org_unit.subtree_q("org_unit__path"), active=True).order_by(
        "full_name"
    )


def items_for_units(units: QuerySet[OrgUnit]) -> QuerySet[InspectionItem]:
    """Active inspection items of the given units (the choices of a new task)."""
    return InspectionItem.objects.filter(org_unit__in=units, active=True).select_related("org_unit")


def inspector_pool(unit: OrgUnit, on: dt.date, domain: str = "") -> QuerySet[Officer]:
    """Officers of `unit` and its subtree who hold a valid certificate on `on` (the pool)."""
    return officers_certified_in(unit.subtree_q("org_unit__path"), on, domain or None).order_by(
        "pk"
    )


def inspector_list_visible_to(*, user: Any, on: dt.date, q: str = "") -> QuerySet[Officer]:
    """Certified officers in the viewer's scope (the inspector pool as of `on`)."""
    scope = access.scope_q(user, VIEW, "org_unit")
    if scope is None:
        return Officer.objects.none()
    qs = officers_certified_in(scope, on)
    if q := _clean(q):
        qs = qs.filter(full_name__contains=q)
    return qs


def drawn_for_inspector(user: Any) -> QuerySet[DrawnObject]:
    """Drawn entities the user was drawn to inspect (through the officer linked to the account)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return DrawnObject.objects.none()
    return DrawnObject.objects.filter(inspectors__user_id=user.pk)


def _task_scope(user: Any, perm: str) -> Q | None:
    """Tasks of units in the user's scope for `perm`, plus tasks the user was drawn to inspect.

    An officer of a brigade (执法大队) is drawn from the pool of the department and its subunits, so
    the department's task is outside the officer's own unit scope; being drawn opens that task.
    """
    unit_q = access.scope_q(user, perm, "org_unit")
    if not access.has_perm(user, perm):
        return unit_q
    mine = Q(pk__in=drawn_for_inspector(user).values("task_id"))
    return mine if unit_q is None else unit_q | mine


def task_list_visible_to(*, user: Any, q: str = "", status: str = "") -> QuerySet[InspectionTask]:
    qs = InspectionTask.objects.select_related("org_unit").annotate(drawn_count=Count("drawn"))
    if q := _clean(q):
        qs = qs.filter(Q(title__contains=q) | Q(number__contains=q))
    if status:
        qs = qs.filter(status=status)
    scope = _task_scope(user, VIEW)
    return qs.none() if scope is None else qs.filter(scope)


def task_get_visible(*, user: Any, pk: int, perm: str = VIEW) -> InspectionTask:
    scope = _task_scope(user, perm)
    if scope is None:
        raise Http404("记录不存在或无权查看")
    qs = InspectionTask.objects.select_related("org_unit", "created_by")
    try:
        return qs.filter(scope).get(pk=pk)
    except (InspectionTask.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def drawn_rows(task: InspectionTask) -> QuerySet[DrawnObject]:
    """The task's drawn objects in draw order, with their inspectors."""
    return (
        DrawnObject.objects.filter(task=task)
        .select_related("inspection_object")
        .prefetch_related("inspectors")
        .order_by("position")
    )


def drawn_get_visible(*, user: Any, pk: int, perm: str = VIEW) -> DrawnObject:
    """A drawn entity of a task in the user's scope for `perm`, or one the user was drawn to inspect."""
    qs = DrawnObject.objects.select_related("task__org_unit", "inspection_object")
    unit_q = access.scope_q(user, perm, "task__org_unit")
    if access.has_perm(user, perm):
        mine = Q(pk__in=drawn_for_inspector(user).values("pk"))
        unit_q = mine if unit_q is None else unit_q | mine
    if unit_q is None:
        raise Http404("记录不存在或无权查看")
    try:
        return qs.filter(unit_q).get(pk=pk)
    except (DrawnObject.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def task_document(task: InspectionTask, *, reveal: bool) -> dict[str, Any]:
    """The published draw file (docs/random-draw.md). The nonce and result only when `reveal`."""
    document: dict[str, Any] = {
        "format": draw.FORMAT,
        "task": {
            "id": task.pk,
            "number": task.number,
            "title": task.title,
            "unit": task.org_unit.name,
            "committed_at": task.committed_at.isoformat() if task.committed_at else None,
        },
        "commitment": task.commitment,
        "inputs_sha256": task.inputs_sha256,
        "inputs": task.inputs,
    }
    if reveal and task.nonce and task.result is not None:
        document["draw"] = {
            "drawn_on": task.drawn_on.isoformat() if task.drawn_on else None,
            "nonce": task.nonce,
            "excluded_inspectors": task.excluded_inspectors,
            "result": task.result,
        }
    return document


@dataclass(frozen=True)
class Replay:
    """The server's own replay of a drawn task (the same check as `fazhi inspections replay`)."""

    commitment_ok: bool
    inputs_ok: bool
    result_ok: bool
    stored_ok: bool
    drawn: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.commitment_ok and self.inputs_ok and self.result_ok and self.stored_ok


def task_replay(task: InspectionTask) -> Replay | None:
    """Recompute the draw from the file and compare with the stored assignments (None: not drawn)."""
    if task.result is None or not task.nonce:
        return None
    try:
        verdict = draw.replay(task_document(task, reveal=True))
    except draw.DrawError as exc:
        no = False
        return Replay(
            commitment_ok=no, inputs_ok=no, result_ok=no, stored_ok=no, drawn=0, error=str(exc)
        )
    stored = [
        {
            "object": row.inspection_object_id,
            "grade": row.grade,
            "inspectors": sorted(o.pk for o in row.inspectors.all()),
        }
        for row in drawn_rows(task)
    ]
    return Replay(
        commitment_ok=verdict.commitment_ok,
        inputs_ok=verdict.inputs_ok,
        result_ok=verdict.result_ok,
        stored_ok=stored == verdict.result,
        drawn=len(verdict.result),
    )


# ---- portal ------------------------------------------------------------------------------------


def public_tasks(q: str = "") -> QuerySet[InspectionTask]:
    """Tasks whose commitment is public (never drafts), newest first."""
    qs = (
        InspectionTask.objects.filter(status__in=PUBLIC_STATUSES)
        .exclude(commitment="")
        .select_related("org_unit")
    )
    if q := _clean(q):
        qs = qs.filter(Q(title__contains=q) | Q(number__contains=q))
    return qs.order_by("-committed_at", "-pk")


def public_task(pk: int) -> InspectionTask:
    """A task on the portal, or Http404 for drafts and unknown ids."""
    task = public_tasks().filter(pk=pk).first()
    if task is None:
        raise Http404("抽查任务不存在或尚未公开")
    return task


def public_results(task: InspectionTask) -> list[DrawnObject]:
    """Per-object results — only once the task's results are published."""
    if task.status != S.PUBLISHED:
        return []
    return list(drawn_rows(task))
