"""Campaign services: create, draw the sample of closed case files, assign reviewers, close."""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.clocks.calendar import Rule
from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.selectors import closed_cases_for_sampling
from fazhi.evaluation.models import Campaign, CampaignUnit, Evaluation, Rubric
from fazhi.evaluation.permissions import MANAGE, SCORE

from .common import ensure_reach, record, text_in

MAX_PERCENT = 100
MAX_COUNT = 1000


@transaction.atomic
def campaign_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    title: str,
    rubric: Rubric,
    period_from: dt.date,
    period_to: dt.date,
    sample_mode: str,
    sample_value: int,
    units: Iterable[OrgUnit],
    rectification_rule: str = "20wd",
) -> Campaign:
    """A draft campaign organised by `unit` over `units` (each must be in the actor's scope)."""
    ensure_reach(actor, MANAGE, unit)
    ensure_reach(actor, MANAGE, rubric.org_unit)
    if rubric.superseded:
        raise DomainError("该评查标准已有新版本，请选用最新版本", field="rubric")
    if period_to < period_from:
        raise DomainError("结案日期止不能早于起", field="period_to")
    if sample_mode not in Campaign.SampleMode.values:
        raise DomainError("请选择抽样方式", field="sample_mode")
    limit = MAX_PERCENT if sample_mode == Campaign.SampleMode.PERCENT else MAX_COUNT
    if not isinstance(sample_value, int) or not 1 <= sample_value <= limit:
        raise DomainError(f"抽样数量/比例应为 1 到 {limit} 之间的整数", field="sample_value")
    rule = text_in(rectification_rule, label="整改期限", field="rectification_rule", max_length=20)
    try:
        Rule.parse(rule)
    except DomainError as exc:
        raise DomainError(exc.message, field="rectification_rule") from exc
    chosen = list({u.pk: u for u in units}.values())
    if not chosen:
        raise DomainError("请选择被评查单位", field="units")
    for target in chosen:
        ensure_reach(actor, MANAGE, target)
    campaign = Campaign.objects.create(
        org_unit=unit,
        title=text_in(title, label="活动名称", field="title", max_length=200),
        rubric=rubric,
        period_from=period_from,
        period_to=period_to,
        sample_mode=sample_mode,
        sample_value=sample_value,
        rectification_rule=rule.lower(),
        created_by=actor,
    )
    CampaignUnit.objects.bulk_create([CampaignUnit(campaign=campaign, unit=u) for u in chosen])
    record(
        actor,
        "campaign_create",
        campaign,
        {
            "title": [None, campaign.title],
            "rubric": [None, str(rubric)],
            "period": [None, f"{period_from}—{period_to}"],
            "sample": [None, f"{sample_mode}:{sample_value}"],
            "units": [None, [u.name for u in chosen]],
        },
    )
    return campaign


def sample_size(mode: str, value: int, population: int) -> int:
    """How many files to draw: n (at most all), or ⌈value% × population⌉."""
    if mode == Campaign.SampleMode.PERCENT:
        return min(population, math.ceil(population * value / 100))
    return min(population, value)


def draw(seed: str, unit_id: int, case_ids: list[int], k: int) -> list[int]:
    """The files drawn for one unit: reproducible from (seed, unit, the sorted candidate ids)."""
    rng = random.Random(f"{seed}:{unit_id}")  # noqa: S311  (sampling, not cryptography)
    return sorted(rng.sample(sorted(case_ids), k))


@transaction.atomic
def campaign_sample(*, actor: User | None, campaign: Campaign, seed: str = "") -> Campaign:
    """Draw the case files of every unit at random; freezes the rubric version."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure_reach(actor, MANAGE, campaign.org_unit)
    if campaign.status != Campaign.Status.DRAFT:
        raise DomainError("该活动已抽取过案卷")
    seed = text_in(seed, label="随机种子", field="seed", max_length=64, required=False)
    seed = seed or secrets.token_hex(8)
    drawn: dict[str, Any] = {}
    evaluations = []
    for row in campaign.unit_rows.select_related("unit").select_for_update():
        ids = list(
            closed_cases_for_sampling(
                row.unit, campaign.period_from, campaign.period_to
            ).values_list("pk", flat=True)
        )
        picked = draw(
            seed,
            row.unit_id,
            ids,
            sample_size(campaign.sample_mode, campaign.sample_value, len(ids)),
        )
        row.population, row.sampled = len(ids), len(picked)
        row.save(update_fields=["population", "sampled"])
        evaluations += [
            Evaluation(campaign=campaign, case_id=pk, org_unit=row.unit) for pk in picked
        ]
        drawn[row.unit.name] = picked
    if not evaluations:
        raise DomainError("所选期间内被评查单位没有已结案的案卷", field="period_from")
    Evaluation.objects.bulk_create(evaluations)
    campaign.seed, campaign.status = seed, Campaign.Status.SAMPLED
    campaign.save(update_fields=["seed", "status", "updated_at"])
    rubric = Rubric.objects.select_for_update().get(pk=campaign.rubric_id)
    if not rubric.used:
        rubric.used = True
        rubric.save(update_fields=["used", "updated_at"])
        record(actor, "rubric_freeze", rubric, {"used": [False, True]})
    record(
        actor,
        "campaign_sample",
        campaign,
        {
            "status": [Campaign.Status.DRAFT, campaign.status],
            "seed": [None, seed],
            "drawn": [None, drawn],
        },
    )
    return campaign


def reviewer_refusal(reviewer: User, evaluation: Evaluation) -> str | None:
    """Why `reviewer` may not score this file, or None (never someone of the case's own unit)."""
    if not reviewer.is_active:
        return "评查人账号已停用"
    if not access.has_perm(reviewer, SCORE):
        return "评查人没有案卷评分权限"
    unit = evaluation.org_unit
    own = reviewer.org_unit
    if own is None:
        return "评查人没有所属单位"
    if own.pk == unit.pk or own.path.startswith(unit.path):
        return "评查人不得评查本单位的案卷（须回避）"
    return None


@transaction.atomic
def evaluation_assign(*, actor: User | None, evaluation: Evaluation, reviewer: User) -> Evaluation:
    """Assign a reviewer who is NOT from the case's unit."""
    evaluation = (
        Evaluation.objects.select_for_update()
        .select_related("campaign", "org_unit")
        .get(pk=evaluation.pk)
    )
    ensure_reach(actor, MANAGE, evaluation.campaign.org_unit)
    if evaluation.campaign.status != Campaign.Status.SAMPLED:
        raise DomainError("活动未处于评查阶段")
    if evaluation.status == Evaluation.Status.SCORED:
        raise DomainError("该案卷已评分，不能改派", field="reviewer")
    refusal = reviewer_refusal(reviewer, evaluation)
    if refusal:
        raise DomainError(refusal, field="reviewer")
    before = (evaluation.reviewer_id, evaluation.status)
    evaluation.reviewer, evaluation.status = reviewer, Evaluation.Status.ASSIGNED
    evaluation.save(update_fields=["reviewer", "status", "updated_at"])
    record(
        actor,
        "evaluation_assign",
        evaluation,
        {"reviewer": [before[0], reviewer.pk], "status": [before[1], evaluation.status]},
    )
    return evaluation


@transaction.atomic
def campaign_assign_evenly(*, actor: User | None, campaign: Campaign, reviewers: list[User]) -> int:
    """Assign every unassigned file to the eligible reviewer with the fewest files so far."""
    ensure_reach(actor, MANAGE, campaign.org_unit)
    if not reviewers:
        raise DomainError("请选择评查人", field="reviewers")
    load = {
        r.pk: Evaluation.objects.filter(campaign=campaign, reviewer=r).count() for r in reviewers
    }
    assigned = 0
    pending = campaign.evaluations.filter(status=Evaluation.Status.PENDING).select_related(
        "org_unit"
    )
    for evaluation in pending.order_by("pk"):
        eligible = [r for r in reviewers if reviewer_refusal(r, evaluation) is None]
        if not eligible:
            continue
        chosen = min(eligible, key=lambda r: (load[r.pk], r.pk))
        evaluation_assign(actor=actor, evaluation=evaluation, reviewer=chosen)
        load[chosen.pk] += 1
        assigned += 1
    if not assigned:
        raise DomainError("没有可分配的案卷或没有符合回避要求的评查人", field="reviewers")
    return assigned


@transaction.atomic
def campaign_close(*, actor: User | None, campaign: Campaign) -> Campaign:
    """End a campaign once every drawn file is scored."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure_reach(actor, MANAGE, campaign.org_unit)
    if campaign.status != Campaign.Status.SAMPLED:
        raise DomainError("只有评查中的活动可以结束")
    left = campaign.evaluations.exclude(status=Evaluation.Status.SCORED).count()
    if left:
        raise DomainError(f"还有 {left} 件案卷未评分，不能结束")
    campaign.status = Campaign.Status.CLOSED
    campaign.save(update_fields=["status", "updated_at"])
    record(
        actor, "campaign_close", campaign, {"status": [Campaign.Status.SAMPLED, campaign.status]}
    )
    return campaign
