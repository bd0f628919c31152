"""Inspection results per drawn entity (检查结果); the last one moves the task to 结果已录入."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.inspections.models import DrawnObject, InspectionTask
from fazhi.inspections.policies import can_record_result
from fazhi.inspections.transitions import ensure_allowed

from .common import today

S = InspectionTask.Status
R = DrawnObject.Result
RESULT_FIELDS = ["result", "inspected_on", "finding", "case_number"]


def _validate(
    task: InspectionTask, result: str, inspected_on: dt.date | None, finding: str, case_number: str
) -> None:
    if result not in R.values:
        raise DomainError("请选择检查结果", field="result")
    if inspected_on is None:
        raise DomainError("请填写检查日期", field="inspected_on")
    if task.drawn_on and inspected_on < task.drawn_on:
        raise DomainError(
            f"检查日期不能早于抽取日期（{task.drawn_on.isoformat()}）", field="inspected_on"
        )
    if inspected_on > today():
        raise DomainError("检查日期不能晚于今天", field="inspected_on")
    if result != R.NO_ISSUE and not finding:
        raise DomainError("发现问题或未能检查时，请写明检查情况", field="finding")
    if result == R.CASE and not case_number:
        raise DomainError("已立案查处的，请填写立案编号", field="case_number")


@transaction.atomic
def result_record(
    *,
    actor: User | None,
    drawn: DrawnObject,
    result: str,
    inspected_on: dt.date | None,
    finding: str = "",
    case_number: str = "",
) -> DrawnObject:
    """Enter (or correct, until published) the result for one drawn entity.

    Allowed over the task's unit or to the inspectors drawn for this entity (policies).
    """
    task = (
        InspectionTask.objects.select_for_update().select_related("org_unit").get(pk=drawn.task_id)
    )
    drawn = DrawnObject.objects.select_for_update().get(pk=drawn.pk)
    if actor is not None and not can_record_result(actor, drawn, task):
        raise DomainError("记录不存在或无权操作")
    if task.status not in (S.DRAWN, S.RESULTS_ENTERED):
        raise DomainError("只有已抽取、尚未公开的任务才能录入检查结果")
    finding, case_number = (finding or "").strip()[:5000], (case_number or "").strip()[:60]
    _validate(task, result, inspected_on, finding, case_number)
    before = audit.snapshot(drawn, RESULT_FIELDS)
    drawn.result, drawn.inspected_on = result, inspected_on
    drawn.finding, drawn.case_number = finding, case_number
    drawn.recorded_at = timezone.now()
    drawn.save()
    changes = audit.diff(before, audit.snapshot(drawn, RESULT_FIELDS))
    audit.record(
        actor=actor,
        verb="inspections.result_record",
        target=drawn,
        unit_id=task.org_unit_id,
        changes=changes,
    )
    if task.status == S.DRAWN and not task.drawn.filter(result="").exists():
        ensure_allowed(task, S.RESULTS_ENTERED)
        task.status = S.RESULTS_ENTERED
        task.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            verb="inspections.results_complete",
            target=task,
            changes={"status": [S.DRAWN, S.RESULTS_ENTERED]},
        )
    return drawn
