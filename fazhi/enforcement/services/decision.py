"""Hearing, legal review (法制审核), decision with the benchmark check, service (送达)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.core.models import RoleGrant, User
from fazhi.core.services.notifications import notification_send
from fazhi.enforcement import clocks, conf, policies
from fazhi.enforcement.models import BenchmarkTier, Case, CaseOfficer, LegalReview, Officer
from fazhi.enforcement.permissions import APPROVE_CASES, HANDLE_CASES, REVIEW_CASES
from fazhi.enforcement.transitions import ensure_allowed

from . import common
from .common import ensure_perm, event, lock, record

S = Case.Status


@transaction.atomic
def case_record_hearing(*, case: Case, actor: User, held_on: dt.date, note: str = "") -> Case:
    """The hearing was held (or the party was absent: record with held=False via note)."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    if case.status != S.HEARING:
        raise DomainError("案件不在听证环节")
    common.not_future(held_on, "听证日期", "held_on")
    common.not_before(held_on, case.notice_on, "听证日期", "事先告知日期", "held_on")
    case.hearing_held, case.hearing_on = True, held_on
    case.legal_review_required = policies.review_required(case)
    case.save()
    event(case, stage=S.HEARING, title="举行听证", on=held_on, actor=actor, note=note)
    record(
        actor, "case_hearing", case, {"hearing_held": [False, True], "hearing_on": [None, held_on]}
    )
    return case


def _reviewer_error(case: Case, reviewer: User) -> DomainError | None:
    if case.handler_id == reviewer.pk:
        return DomainError("法制审核人员不能是本案承办人", field="reviewer")
    officer_users = CaseOfficer.objects.filter(case=case).values_list("officer__user_id", flat=True)
    if reviewer.pk in set(officer_users):
        return DomainError("法制审核人员不能是本案办案人员", field="reviewer")
    qualified = Officer.objects.filter(
        user=reviewer, active=True, legal_qualification=True
    ).exists()
    if not qualified:
        return DomainError(
            "初次从事法制审核的人员须取得国家统一法律职业资格（《行政处罚法》第五十八条）",
            field="reviewer",
        )
    return None


@transaction.atomic
def legal_review_record(
    *, case: Case, reviewer: User, result: str, opinion: str, reviewed_on: dt.date
) -> LegalReview:
    """Record a legal review by a qualified reviewer who is not the handler."""
    case = lock(case)
    ensure_perm(reviewer, REVIEW_CASES, case)
    if case.status != S.LEGAL_REVIEW:
        raise DomainError("案件未提交法制审核")
    if result not in LegalReview.Result.values:
        raise DomainError("审核结论无效", field="result")
    if not (opinion or "").strip():
        raise DomainError("请填写审核意见", field="opinion")
    common.not_future(reviewed_on, "审核日期", "reviewed_on")
    problem = _reviewer_error(case, reviewer)
    if problem:
        raise problem
    review = LegalReview.objects.create(
        case=case,
        reviewer=reviewer,
        result=result,
        opinion=opinion.strip(),
        reviewed_on=reviewed_on,
    )
    before = case.status
    case.legal_review_done = result == LegalReview.Result.PASSED
    if result == LegalReview.Result.RETURNED:
        case.status = S.INVESTIGATING
    case.save()
    label = LegalReview.Result(result).label
    event(
        case,
        stage=S.LEGAL_REVIEW,
        title=f"法制审核：{label}",
        on=reviewed_on,
        actor=reviewer,
        note=opinion,
    )
    record(
        reviewer, "legal_review", case, {"result": [None, result], "status": [before, case.status]}
    )
    return review


def _check_benchmark(
    case: Case, tier: BenchmarkTier | None, amount: Decimal | None, reason: str
) -> bool | None:
    """Whether the amount lies in the chosen tier (None when no tier applies)."""
    has_benchmark = case.power_item.benchmarks.exists()
    if tier is None:
        if has_benchmark and amount:
            raise DomainError("该事项已制定裁量基准，请选择适用的裁量阶次", field="benchmark_tier")
        return None
    if tier.benchmark.power_item_id != case.power_item_id:
        raise DomainError("所选裁量阶次不属于本案的处罚事项", field="benchmark_tier")
    inside = tier.allows(amount or Decimal(0))
    if not inside and not (reason or "").strip():
        raise DomainError(
            f"罚款金额超出所选裁量阶次（{tier.amount_min}–{tier.amount_max} 元），须书面说明理由",
            field="deviation_reason",
        )
    return inside


def _flag_deviation(case: Case) -> None:
    """Tell the supervisors over the case's unit (and the unit head) about a benchmark deviation."""
    grants = RoleGrant.objects.filter(
        role__in=[RoleGrant.Role.SUPERVISOR, RoleGrant.Role.UNIT_HEAD]
    ).select_related("user", "unit")
    for grant in grants:
        path = case.org_unit.path
        covers = (
            path.startswith(grant.unit.path)
            if grant.include_subtree
            else grant.unit_id == case.org_unit_id
        )
        if covers and grant.user.is_active:
            notification_send(
                recipient=grant.user,
                title=f"处罚金额偏离裁量基准：{case.number or case.title}",
                body=f"{case.org_unit}：罚款 {case.amount} 元超出所选阶次；理由：{case.deviation_reason}",
                url=case.get_absolute_url(),
                dedupe_key=f"enforcement.deviation.{case.pk}",
            )


@transaction.atomic
def case_decide(
    *,
    case: Case,
    actor: User,
    decided_on: dt.date,
    decision_number: str,
    penalty_types: list[str],
    amount: Decimal | None,
    benchmark_tier: BenchmarkTier | None = None,
    deviation_reason: str = "",
    summary: str = "",
) -> Case:
    """作出处罚决定 (head): every gate, the benchmark check, service and publicity clocks."""
    case = lock(case)
    ensure_perm(actor, APPROVE_CASES, case)
    ensure_allowed(case, S.DECIDED)
    if not (decision_number or "").strip():
        raise DomainError("请填写决定书文号", field="decision_number")
    if not penalty_types or set(penalty_types) - set(Case.PenaltyType.values):
        raise DomainError("请选择有效的处罚种类", field="penalty_types")
    if amount is not None and amount < 0:
        raise DomainError("金额不能为负数", field="amount")
    if Case.PenaltyType.FINE in penalty_types and not amount:
        raise DomainError("处罚种类含罚款时须填写金额", field="amount")
    common.not_future(decided_on, "决定日期", "decided_on")
    common.not_before(
        decided_on, case.notice_on or case.filed_on, "决定日期", "告知/立案日期", "decided_on"
    )
    case.penalty_types, case.amount = ",".join(penalty_types), amount
    case.legal_review_required = policies.review_required(case)
    blockers = policies.decision_blockers(case, decided_on)
    if blockers:
        raise DomainError("；".join(blockers))
    inside = _check_benchmark(case, benchmark_tier, amount, deviation_reason)
    before = case.status
    case.status, case.decided_on = S.DECIDED, decided_on
    case.decision_number = decision_number.strip()
    case.benchmark_tier, case.amount_in_tier = benchmark_tier, inside
    case.deviation_reason = deviation_reason.strip() if inside is False else ""
    case.decision_summary = summary.strip()
    case.service_due_on = clocks.deadline(decided_on, conf.service_wd(), clocks.WD)
    warning_only = set(penalty_types) <= {Case.PenaltyType.WARNING}
    if not warning_only:
        case.publicity = Case.Publicity.PENDING
        case.publish_due_on = clocks.publicity_due(case)
    case.save()
    if case.decision_due_on:
        clocks.stop(case, kind="decision", on=decided_on, actor=actor)
    clocks.start(case, kind="service", start_on=decided_on, due_on=case.service_due_on, actor=actor)
    if case.publish_due_on:
        clocks.start(
            case, kind="publicity", start_on=decided_on, due_on=case.publish_due_on, actor=actor
        )
    if inside is False:
        _flag_deviation(case)
    event(
        case,
        stage=S.DECIDED,
        title=f"作出行政处罚决定（{case.decision_number}）",
        on=decided_on,
        actor=actor,
    )
    record(
        actor,
        "case_decide",
        case,
        {
            "status": [before, case.status],
            "amount": [None, amount],
            "benchmark_tier": [None, benchmark_tier.tier if benchmark_tier else None],
            "amount_in_tier": [None, inside],
        },
    )
    return case


@transaction.atomic
def case_serve(*, case: Case, actor: User, served_on: dt.date) -> Case:
    """送达 the decision; a fine starts the 15-day payment clock."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    ensure_allowed(case, S.SERVED)
    common.not_future(served_on, "送达日期", "served_on")
    common.not_before(served_on, case.decided_on, "送达日期", "决定日期", "served_on")
    case.status, case.served_on = S.SERVED, served_on
    if case.amount:
        case.payment_due_on = clocks.deadline(served_on, conf.payment_cd(), clocks.CD)
    case.save()
    clocks.stop(case, kind="service", on=served_on, actor=actor)
    if case.payment_due_on:
        clocks.start(
            case, kind="payment", start_on=served_on, due_on=case.payment_due_on, actor=actor
        )
    event(case, stage=S.SERVED, title="送达行政处罚决定书", on=served_on, actor=actor)
    record(
        actor, "case_serve", case, {"status": [S.DECIDED, S.SERVED], "served_on": [None, served_on]}
    )
    return case


_ = access
