"""Task lifecycle: create → commit the seed (inputs frozen) → draw → publish; cancel before the draw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q

from fazhi.clocks.services import clock_complete_for, clock_register
from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.core.services.numbering import number_issue
from fazhi.enforcement.selectors import officers_certified_in
from fazhi.inspections import draw
from fazhi.inspections.models import DrawnObject, InspectionItem, InspectionObject, InspectionTask
from fazhi.inspections.models import RecusalLink as Recusal
from fazhi.inspections.permissions import DRAW, MANAGE, PUBLISH
from fazhi.inspections.selectors import inspector_pool
from fazhi.inspections.transitions import ensure_allowed

from .common import ensure_reach, moment, required, today

S = InspectionTask.Status
CLOCK_KIND = "inspections.results"
CLOCK_LABEL = "抽查结果公示期限"
CLOCK_BASIS = "《企业信息公示暂行条例》第十四条；国发〔2019〕5号（20 个工作日）"
CLOCK_RULE = "20wd"


def _lock(task: InspectionTask) -> InspectionTask:
    return InspectionTask.objects.select_for_update().select_related("org_unit").get(pk=task.pk)


def _ratio(value: Any, grade: str) -> Decimal:
    try:
        ratio = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(f"{grade} 级抽查比例应为数字", field=f"ratio_{grade.lower()}") from None
    if not ratio.is_finite() or not 0 <= ratio <= 100 or ratio != ratio.quantize(Decimal("0.01")):
        raise DomainError(
            f"{grade} 级抽查比例应为 0—100 之间、最多两位小数的百分数",
            field=f"ratio_{grade.lower()}",
        )
    return ratio.quantize(Decimal("0.01"))


@transaction.atomic
def task_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    title: str,
    items: Sequence[InspectionItem],
    planned_from: dt.date,
    planned_to: dt.date,
    ratios: dict[str, Any],
    inspectors_per_object: int = 2,
    industry: str = "",
) -> InspectionTask:
    """A draft task of `unit` over its own items; ratios are percentages per risk grade."""
    ensure_reach(actor, MANAGE, unit)
    items = list(items)
    if not items:
        raise DomainError("请至少选择一个抽查事项", field="items")
    if any(i.org_unit_id != unit.pk or not i.active for i in items):
        raise DomainError("只能选择本单位有效的抽查事项", field="items")
    if planned_to < planned_from:
        raise DomainError("计划检查截止日不能早于开始日", field="planned_to")
    if not 2 <= inspectors_per_object <= 10:
        raise DomainError(
            "每户检查人员应为 2—10 人（执法人员不得少于两人）", field="inspectors_per_object"
        )
    values = {g: _ratio(ratios.get(g, ""), g) for g in "ABCD"}
    if not any(values.values()):
        raise DomainError("至少一个风险等级的抽查比例应大于 0", field="ratio_a")
    domains = {i.domain for i in items}
    task = InspectionTask.objects.create(
        org_unit=unit,
        title=required(title, "任务名称", "title", 200),
        domain=domains.pop() if len(domains) == 1 else "",
        industry=(industry or "").strip()[:100],
        planned_from=planned_from,
        planned_to=planned_to,
        inspectors_per_object=inspectors_per_object,
        ratio_a=values["A"],
        ratio_b=values["B"],
        ratio_c=values["C"],
        ratio_d=values["D"],
        created_by=actor,
    )
    task.items.set(items)
    audit.record(
        actor=actor,
        verb="inspections.task_create",
        target=task,
        changes={
            "title": [None, task.title],
            "items": [None, [i.pk for i in items]],
            "ratios_bp": [None, task.ratios_bp()],
            "inspectors_per_object": [None, inspectors_per_object],
        },
    )
    return task


def _objects_for(task: InspectionTask) -> list[InspectionObject]:
    qs = InspectionObject.objects.filter(org_unit=task.org_unit, active=True)
    if task.industry:
        qs = qs.filter(industry=task.industry)
    return list(qs.order_by("pk"))


def build_inputs(task: InspectionTask, on: dt.date) -> dict[str, Any]:
    """The canonical draw inputs as of `on` (docs/random-draw.md §2); refused when infeasible."""
    objects = _objects_for(task)
    if not objects:
        raise DomainError("检查对象名录库中没有符合条件的在库对象")
    inspectors = list(inspector_pool(task.org_unit, on, task.domain))
    if len(inspectors) < task.inspectors_per_object:
        raise DomainError(
            f"持有效执法证的检查人员仅 {len(inspectors)} 人，少于每户 {task.inspectors_per_object} 人"
        )
    ids = {o.pk for o in inspectors}
    pairs = sorted(
        [o, i]
        for o, i in Recusal.objects.filter(
            inspection_object__in=objects, officer_id__in=ids
        ).values_list("inspection_object_id", "officer_id")
    )
    _ensure_enough_after_recusal(objects, pairs, len(ids), task.inspectors_per_object)
    return {
        "task_id": task.pk,
        "pool_date": on.isoformat(),
        "items": [i.name for i in task.items.order_by("pk")],
        "inspectors_per_object": task.inspectors_per_object,
        "ratios_bp": task.ratios_bp(),
        "objects": [
            {"id": o.pk, "uscc": o.uscc, "name": o.name, "grade": o.risk_grade} for o in objects
        ],
        "inspectors": sorted(ids),
        "inspector_names": {str(o.pk): o.full_name for o in inspectors},
        "recusals": pairs,
    }


def _ensure_enough_after_recusal(
    objects: list[InspectionObject], pairs: list[list[int]], pool: int, per_object: int
) -> None:
    recused: dict[int, int] = {}
    for oid, _ in pairs:
        recused[oid] = recused.get(oid, 0) + 1
    short = [o.name for o in objects if pool - recused.get(o.pk, 0) < per_object]
    if short:
        raise DomainError(
            f"以下对象扣除回避人员后可选检查人员不足 {per_object} 人：{'、'.join(short[:5])}"
        )


@transaction.atomic
def task_commit_seed(
    *, actor: User | None, task: InspectionTask, on: dt.date | None = None
) -> InspectionTask:
    """Freeze the inputs, draw a secret nonce and publish SHA-256(nonce) before any draw."""
    task = _lock(task)
    ensure_reach(actor, DRAW, task.org_unit)
    ensure_allowed(task, S.COMMITTED)
    on = on or today()
    inputs = build_inputs(task, on)
    nonce = draw.new_nonce()
    issued = number_issue(
        unit=task.org_unit, kind="inspection_task", year=on.year, actor=actor, target=task
    )
    task.number = issued.text
    task.inputs, task.inputs_sha256 = inputs, draw.digest(inputs)
    task.nonce, task.commitment = nonce, draw.commitment_of(nonce)
    task.committed_at, task.status = moment(on), S.COMMITTED
    task.save()
    audit.record(
        actor=actor,
        verb="inspections.seed_commit",
        target=task,
        changes={
            "status": [S.DRAFT, S.COMMITTED],
            "number": [None, task.number],
            "commitment": [None, task.commitment],
            "inputs_sha256": [None, task.inputs_sha256],
            "objects": [None, len(inputs["objects"])],
            "inspectors": [None, inputs["inspectors"]],
        },
    )
    return task


def _excluded(task: InspectionTask, on: dt.date) -> list[int]:
    """Pool members who no longer hold a valid certificate (or left) on the draw date."""
    ids = task.inputs["inspectors"]
    valid = set(
        officers_certified_in(Q(pk__in=ids), on, task.domain or None).values_list("pk", flat=True)
    )
    return sorted(set(ids) - valid)


@transaction.atomic
def task_draw(
    *, actor: User | None, task: InspectionTask, on: dt.date | None = None
) -> InspectionTask:
    """Run the draw from the frozen inputs; start the 20 WD results clock."""
    task = _lock(task)
    ensure_reach(actor, DRAW, task.org_unit)
    ensure_allowed(task, S.DRAWN)
    on = on or today()
    committed_on = dt.date.fromisoformat(task.inputs["pool_date"])
    if on < committed_on:
        raise DomainError(f"抽取日期不能早于种子承诺日（{committed_on.isoformat()}）", field="on")
    excluded = _excluded(task, on)
    try:
        result = draw.run(draw.parse_inputs(task.inputs), task.nonce, set(excluded))
    except draw.DrawError as exc:
        raise DomainError(f"无法抽取：{exc}") from exc
    _save_draw(task, result, excluded, on)
    clock = clock_register(
        actor=actor,
        target=task,
        kind=CLOCK_KIND,
        label=CLOCK_LABEL,
        start_on=on,
        rule=CLOCK_RULE,
        legal_basis=CLOCK_BASIS,
        responsible=[actor] if actor is not None else [],
    )
    task.results_due_on = clock.due_on
    task.save(update_fields=["results_due_on", "updated_at"])
    audit.record(
        actor=actor,
        verb="inspections.draw",
        target=task,
        changes={
            "status": [S.COMMITTED, S.DRAWN],
            "drawn_on": [None, on],
            "drawn": [None, len(result)],
            "excluded_inspectors": [None, excluded],
            "result_sha256": [None, draw.digest(result)],
            "results_due_on": [None, clock.due_on],
        },
    )
    return task


def _save_draw(task: InspectionTask, result: list, excluded: list[int], on: dt.date) -> None:
    """Store the draw; the certificate gate is re-checked on every assigned inspector."""
    if any(i in excluded for row in result for i in row["inspectors"]):
        raise DomainError("无有效执法证的人员不得被指派检查")  # the algorithm never does this
    task.result, task.excluded_inspectors = result, excluded
    task.drawn_on, task.drawn_at, task.status = on, moment(on), S.DRAWN
    task.save()
    for position, row in enumerate(result, start=1):
        drawn = DrawnObject.objects.create(
            task=task, inspection_object_id=row["object"], position=position, grade=row["grade"]
        )
        drawn.inspectors.set(row["inspectors"])


@transaction.atomic
def task_cancel(*, actor: User | None, task: InspectionTask, reason: str) -> InspectionTask:
    """Withdraw a task before its draw; a withdrawn commitment stays on the portal, with the reason."""
    task = _lock(task)
    ensure_reach(actor, MANAGE, task.org_unit)
    ensure_allowed(task, S.CANCELLED)
    before = task.status
    task.cancel_reason = required(reason, "撤销原因", "reason", 200)
    task.status = S.CANCELLED
    task.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.record(
        actor=actor,
        verb="inspections.task_cancel",
        target=task,
        changes={"status": [before, S.CANCELLED], "reason": [None, task.cancel_reason]},
    )
    return task


@transaction.atomic
def task_publish(
    *, actor: User | None, task: InspectionTask, on: dt.date | None = None
) -> InspectionTask:
    """Publish the results on the portal and reveal the nonce; the results clock stops."""
    task = _lock(task)
    ensure_reach(actor, PUBLISH, task.org_unit)
    ensure_allowed(task, S.PUBLISHED)
    on = on or today()
    if task.drawn_on and on < task.drawn_on:
        raise DomainError("公开日期不能早于抽取日期", field="on")
    task.status, task.published_on = S.PUBLISHED, on
    task.save(update_fields=["status", "published_on", "updated_at"])
    clock_complete_for(actor=actor, target=task, kind=CLOCK_KIND, on=on)
    audit.record(
        actor=actor,
        verb="inspections.publish",
        target=task,
        changes={
            "status": [S.RESULTS_ENTERED, S.PUBLISHED],
            "published_on": [None, on],
            "nonce": [None, task.nonce],
        },
    )
    return task
