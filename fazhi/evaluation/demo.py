"""Demo step: a 案卷评查 campaign in 东湖区 — rubric, sample, reviewers, scores, rectification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.demo import DemoContext, demo_step
from fazhi.evaluation import services
from fazhi.evaluation.forms import DEFAULT_ITEMS
from fazhi.evaluation.models import Evaluation

UNITS = ("donghu.market", "donghu.urban", "donghu.ecoenv", "donghu.transport", "donghu.culture")
NOTES = [
    "证据目录不完整",
    "告知书未载明陈述申辩期限",
    "裁量理由说明简单",
    "送达回证缺签名",
    "卷内文书顺序混乱",
]


@demo_step("evaluation.campaign", order=400)
def campaign(ctx: DemoContext) -> None:
    supervisor = ctx.users.get("donghu.justice.supervisor")
    reviewers = [
        ctx.users[u]
        for u in ("donghu.justice.reviewer", "donghu.market.reviewer")
        if u in ctx.users
    ]
    units = [ctx.units[k] for k in UNITS if k in ctx.units]
    if supervisor is None or supervisor.org_unit is None or not reviewers or not units:
        return
    rubric = services.rubric_create(
        actor=supervisor,
        unit=supervisor.org_unit,
        family="DH-PJ",
        name="东湖区行政处罚案卷评查标准",
        description="依据《行政处罚法》及本区案卷评查办法制定。",
        excellent_min=Decimal(90),
        pass_min=Decimal(75),
        items=services.parse_items(DEFAULT_ITEMS),
    )
    year_ago = ctx.today - dt.timedelta(days=365)
    run = services.campaign_create(
        actor=supervisor,
        unit=supervisor.org_unit,
        title=f"{ctx.today.year}年度行政执法案卷评查",
        rubric=rubric,
        period_from=year_ago,
        period_to=ctx.today,
        sample_mode="count",
        sample_value=3,
        units=units,
    )
    run = services.campaign_sample(actor=supervisor, campaign=run, seed=f"demo-{ctx.seed}")
    services.campaign_assign_evenly(actor=supervisor, campaign=run, reviewers=reviewers)
    _score(ctx, run, supervisor)
    ctx.count("评查案卷", run.evaluations.count())


def _score(ctx: DemoContext, run, supervisor) -> None:  # type: ignore[no-untyped-def]
    rng = ctx.rng
    files = list(
        run.evaluations.filter(status=Evaluation.Status.ASSIGNED).select_related("reviewer")
    )
    items = list(run.rubric.items.all())
    for n, evaluation in enumerate(files):
        if n % 4 == 3:
            continue  # a quarter still waits for its reviewer
        severity = rng.choice([0, 0, 1, 2, 3])
        scores = {}
        for item in items:
            if item.veto:
                veto = n == 5 and item.position == len(items) - 1
                scores[item.pk] = {"veto": veto, "note": "协办人员执法证已过期" if veto else ""}
                continue
            deduct = (
                Decimal(rng.randint(0, min(int(item.points), 4 * severity)))
                if severity
                else Decimal(0)
            )
            scores[item.pk] = {
                "points": str(item.points - deduct),
                "note": rng.choice(NOTES) if deduct else "",
            }
        done = services.evaluation_score(
            actor=evaluation.reviewer,
            evaluation=evaluation,
            scores=scores,
            comment="案卷总体规范" if not severity else "存在问题，见各项说明",
            on=ctx.today,
        )
        task = getattr(done, "rectification", None)
        if task is not None and n % 2 == 0:
            clerk = ctx.users.get(f"{_unit_key(ctx, done.org_unit_id)}.clerk")
            if clerk is not None:
                services.rectification_submit(
                    actor=clerk,
                    rectification=task,
                    report="已组织办案人员逐项整改，补正相关文书。",
                    on=ctx.today,
                )
                services.rectification_review(
                    actor=supervisor, rectification=task, accept=True, on=ctx.today
                )


def _unit_key(ctx: DemoContext, unit_id: int) -> str:
    return next((k for k, u in ctx.units.items() if u.pk == unit_id), "")
