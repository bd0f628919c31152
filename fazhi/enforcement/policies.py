"""Predicates of the case flow: when legal review is mandatory, what blocks a decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import conf
from .models import Case, LegalReview
from .services.common import officers_error, simplified_error
from .transitions import allowed_targets


def review_required(case: Case) -> bool:
    """Legal review (法制审核) is mandatory (Art 58; criteria configurable in conf)."""
    triggers = conf.legal_review_triggers()
    if case.kind != Case.Kind.PENALTY or case.procedure == Case.Procedure.SIMPLIFIED:
        return False
    if "hearing" in triggers and case.hearing_held:
        return True
    if "public_interest" in triggers and case.major_public_interest:
        return True
    if "complex" in triggers and case.complex_case:
        return True
    amount = case.amount or Decimal(0)
    return "amount" in triggers and amount >= conf.legal_review_amount(case.party_kind)


def hearing_right(case: Case) -> bool:
    """The party may request a hearing (Art 63): large fine or a heavy penalty type."""
    heavy = {
        Case.PenaltyType.SUSPEND_LICENCE,
        Case.PenaltyType.REVOKE_LICENCE,
        Case.PenaltyType.RESTRICT,
        Case.PenaltyType.CONFISCATION,
    }
    if set(case.penalty_type_list) & heavy:
        return True
    return (case.amount or Decimal(0)) >= conf.hearing_amount(case.party_kind)


def review_passed(case: Case) -> bool:
    latest = LegalReview.objects.filter(case=case).order_by("-reviewed_on", "-pk").first()
    return latest is not None and latest.result == LegalReview.Result.PASSED


def decision_blockers(case: Case, on: dt.date | None = None) -> list[str]:
    """What is still missing before the case may be decided ("作出决定前还缺什么")."""
    missing: list[str] = []
    on = on or dt.date.today()  # noqa: DTZ011
    if Case.Status.DECIDED not in allowed_targets(case):
        missing.append(f"当前状态“{case.get_status_display()}”不能作出决定")
    problem = officers_error(case, on)
    if problem:
        missing.append(problem.message)
    if case.procedure == Case.Procedure.ORDINARY:
        if case.notice_on is None:
            missing.append("尚未履行事先告知程序（《行政处罚法》第四十四条、第六十二条）")
        if case.hearing_requested and not case.hearing_held:
            missing.append("当事人已申请听证，尚未举行听证")
        if review_required(case) and not review_passed(case):
            missing.append("须经法制审核且审核通过后方可作出决定（《行政处罚法》第五十八条）")
    problem = simplified_error(case, case.penalty_type_list, case.amount)
    if problem:
        missing.append(problem.message)
    return missing
