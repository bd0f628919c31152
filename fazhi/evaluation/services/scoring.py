"""Scoring services: the reviewer's score per item, total and grade, and rectification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.clocks import services as clock_services
from fazhi.clocks.calendar import compute_due
from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.evaluation.models import Campaign, Evaluation, Grade, ItemScore, Rectification, Rubric
from fazhi.evaluation.permissions import MANAGE, RECTIFY

from .common import decimal_in, ensure_reach, record, text_in

CLOCK_KIND = "evaluation.rectification"


def grade_for(rubric: Rubric, total: Decimal) -> str:
    """优秀 / 合格 / 不合格 by the rubric's thresholds (a threshold score reaches its grade)."""
    if total >= rubric.excellent_min:
        return Grade.EXCELLENT
    if total >= rubric.pass_min:
        return Grade.PASS
    return Grade.FAIL


def _clean_scores(rubric: Rubric, scores: dict[Any, dict[str, Any]]) -> list[ItemScore]:
    """One ItemScore per rubric item; a deduction or a veto needs a note."""
    cleaned = []
    for item in rubric.items.all():
        given = scores.get(item.pk) or scores.get(str(item.pk))
        if given is None:
            raise DomainError(
                f"请为第 {item.position} 项“{item.title}”评分", field=f"item_{item.pk}"
            )
        note = text_in(
            given.get("note", ""),
            label="说明",
            field=f"item_{item.pk}",
            max_length=500,
            required=False,
        )
        if item.veto:
            triggered = bool(given.get("veto"))
            if triggered and not note:
                raise DomainError(
                    f"第 {item.position} 项触发否决，请写明理由", field=f"item_{item.pk}"
                )
            cleaned.append(
                ItemScore(item=item, points=Decimal(0), veto_triggered=triggered, note=note)
            )
            continue
        points = decimal_in(
            given.get("points", ""),
            label=f"第 {item.position} 项得分",
            field=f"item_{item.pk}",
            low=Decimal(0),
            high=item.points,
        )
        if points < item.points and not note:
            raise DomainError(
                f"第 {item.position} 项有扣分，请写明扣分理由", field=f"item_{item.pk}"
            )
        cleaned.append(ItemScore(item=item, points=points, note=note))
    return cleaned


@transaction.atomic
def evaluation_score(
    *,
    actor: User,
    evaluation: Evaluation,
    scores: dict[Any, dict[str, Any]],
    comment: str = "",
    on: dt.date | None = None,
) -> Evaluation:
    """The assigned reviewer scores every item; a veto zeroes the total; a fail opens rectification."""
    evaluation = (
        Evaluation.objects.select_for_update()
        .select_related("campaign__rubric", "org_unit", "case")
        .get(pk=evaluation.pk)
    )
    if evaluation.reviewer_id != actor.pk:
        raise DomainError("只有被分配的评查人可以评分")
    if evaluation.campaign.status != Campaign.Status.SAMPLED:
        raise DomainError("活动未处于评查阶段")
    if evaluation.status != Evaluation.Status.ASSIGNED:
        raise DomainError("该案卷已评分")
    rubric = evaluation.campaign.rubric
    cleaned = _clean_scores(rubric, scores)
    vetoed = any(s.veto_triggered for s in cleaned)
    total = Decimal(0) if vetoed else sum((s.points for s in cleaned), Decimal(0))
    for score in cleaned:
        score.evaluation = evaluation
    ItemScore.objects.bulk_create(cleaned)
    evaluation.total, evaluation.vetoed = total, vetoed
    evaluation.grade = grade_for(rubric, total)
    evaluation.comment = text_in(
        comment, label="总体评价", field="comment", max_length=2000, required=False
    )
    evaluation.status, evaluation.scored_at = Evaluation.Status.SCORED, timezone.now()
    evaluation.save()
    record(
        actor,
        "evaluation_score",
        evaluation,
        {
            "status": [Evaluation.Status.ASSIGNED, evaluation.status],
            "total": [None, total],
            "grade": [None, evaluation.grade],
            "vetoed": [False, vetoed],
            "items": [
                None,
                {s.item_id: [str(s.points), s.veto_triggered, s.note] for s in cleaned},
            ],
        },
        unit_id=evaluation.org_unit_id,
    )
    if evaluation.grade == Grade.FAIL:
        _open_rectification(actor, evaluation, cleaned, on or timezone.localdate())
    return evaluation


def _open_rectification(
    actor: User | None, evaluation: Evaluation, scores: list[ItemScore], on: dt.date
) -> None:
    """A rectification task with its clock (the campaign's rule, e.g. 20 working days)."""
    rule = evaluation.campaign.rectification_rule
    problems = [f"{s.item.title}：{s.note}" for s in scores if s.note]
    requirement = "案卷评查不合格（{}分），请对以下问题进行整改：\n{}".format(
        evaluation.total, "\n".join(problems) or evaluation.comment or "见评查表"
    )
    task = Rectification.objects.create(
        evaluation=evaluation,
        org_unit=evaluation.org_unit,
        requirement=requirement,
        issued_on=on,
        due_on=compute_due(on, rule).due_on,
    )
    clock = clock_services.clock_register(
        actor=actor,
        target=task,
        kind=CLOCK_KIND,
        label="案卷评查整改期限",
        start_on=on,
        rule=rule,
        org_unit=evaluation.org_unit,
        url=evaluation.get_absolute_url(),
    )
    if clock.due_on != task.due_on:  # same engine, same inputs: a mismatch is a bug
        raise RuntimeError("rectification due date differs from its clock")
    record(
        actor,
        "rectification_open",
        task,
        {"status": [None, task.status], "due_on": [None, task.due_on], "rule": [None, rule]},
    )


@transaction.atomic
def rectification_submit(
    *, actor: User | None, rectification: Rectification, report: str, on: dt.date | None = None
) -> Rectification:
    """The evaluated unit reports what it corrected."""
    task = Rectification.objects.select_for_update().get(pk=rectification.pk)
    ensure_reach(actor, RECTIFY, task.org_unit)
    if task.status != Rectification.Status.OPEN:
        raise DomainError("该整改任务不在待整改状态")
    on = on or timezone.localdate()
    if on < task.issued_on:
        raise DomainError("提交日期不能早于下达日期", field="on")
    task.report = text_in(report, label="整改报告", field="report", max_length=5000)
    task.status, task.submitted_on = Rectification.Status.SUBMITTED, on
    task.save(update_fields=["report", "status", "submitted_on", "updated_at"])
    record(
        actor,
        "rectification_submit",
        task,
        {"status": [Rectification.Status.OPEN, task.status], "submitted_on": [None, on]},
    )
    return task


@transaction.atomic
def rectification_review(
    *,
    actor: User | None,
    rectification: Rectification,
    accept: bool,
    note: str = "",
    on: dt.date | None = None,
) -> Rectification:
    """The organiser accepts the rectification (its clock stops) or sends it back."""
    task = (
        Rectification.objects.select_for_update()
        .select_related("evaluation__campaign")
        .get(pk=rectification.pk)
    )
    ensure_reach(actor, MANAGE, task.evaluation.campaign.org_unit)
    if task.status != Rectification.Status.SUBMITTED:
        raise DomainError("整改报告尚未提交")
    on = on or timezone.localdate()
    before = task.status
    if accept:
        task.status, task.accepted_on = Rectification.Status.ACCEPTED, on
        clock_services.clock_complete_for(
            actor=actor, target=task, kind=CLOCK_KIND, on=task.submitted_on
        )
    else:
        reason = text_in(note, label="退回理由", field="note", max_length=500)
        task.status = Rectification.Status.OPEN
        task.requirement = f"{task.requirement}\n退回（{on}）：{reason}"
    task.save(update_fields=["status", "accepted_on", "requirement", "updated_at"])
    record(
        actor,
        "rectification_accept" if accept else "rectification_return",
        task,
        {"status": [before, task.status]},
    )
    return task
