"""The case's statutory clocks, registered through `fazhi.clocks` (domain.md §3, §7).

Every deadline of a case comes from here: `deadline()` asks the platform's working-day engine
(`fazhi.clocks.calendar.compute_due`) and `start()`/`stop()` register and stop the generic clock so
that it shows in inboxes, due-soon sweeps and overdue lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.clocks.calendar import compute_due

from . import conf
from .models import Case

WD, CD = "WD", "CD"

# kind → Chinese label of each clock a case may run.
CLOCK_LABELS: dict[str, str] = {
    "filing": "立案决定期限",
    "decision": "作出处罚决定期限",
    "hearing_request": "听证申请期限",
    "service": "送达期限",
    "payment": "缴纳罚款期限",
    "publicity": "执法决定公示期限",
    "withdrawal": "撤回公示期限",
    "transfer_approval": "移送审批期限",
    "police_decision": "公安机关立案决定期限",
}
LEGAL_BASIS: dict[str, str] = {
    "decision": "《行政处罚法》第六十条",
    "hearing_request": "《行政处罚法》第六十四条",
    "service": "《行政处罚法》第六十一条",
    "payment": "《行政处罚法》第六十七条",
    "withdrawal": "《行政处罚法》第四十八条",
    "transfer_approval": "《行政执法机关移送涉嫌犯罪案件的规定》第五条",
    "police_decision": "《行政执法机关移送涉嫌犯罪案件的规定》第八条",
}


def rule_text(amount: int, unit: str) -> str:
    """`fazhi.clocks` rule string, e.g. (90, "CD") → "90cd"."""
    return f"{amount}{unit.lower()}"


def deadline(start: dt.date, amount: int, unit: str) -> dt.date:
    """The due date `amount` WD/CD after `start`, from the platform's working-day engine."""
    return compute_due(start, rule_text(amount, unit)).due_on


def _rule_for(case: Case, kind: str) -> tuple[str, list[str]]:
    """The rule (and approved extensions) of each case clock, from the configured limits."""
    if kind == "decision":
        extensions = [f"{case.extension_days}cd"] if case.extension_days else []
        return rule_text(conf.decision_limit_cd(), CD), extensions
    days, unit = conf.transfer_days()
    rules = {
        "filing": rule_text(conf.filing_decision_wd(), WD),
        "hearing_request": rule_text(conf.hearing_request_wd(), WD),
        "service": rule_text(conf.service_wd(), WD),
        "payment": rule_text(conf.payment_cd(), CD),
        "publicity": rule_text(conf.publicity_wd(case.kind), WD),
        "withdrawal": rule_text(conf.withdrawal_wd(), WD),
        "transfer_approval": rule_text(days, unit),
        "police_decision": rule_text(days, unit),
    }
    return rules[kind], []


def start(case: Case, *, kind: str, start_on: dt.date, due_on: dt.date, actor: Any = None) -> None:
    """Register (or re-register) the generic clock `kind` of the case so it is swept and notified."""
    from fazhi.clocks import services

    full_kind = f"enforcement.{kind}"
    existing = services.clock_for(case, full_kind)
    if existing is not None:
        services.clock_cancel(actor=actor, clock=existing, reason="期限重新登记")
    rule, extensions = _rule_for(case, kind)
    clock = services.clock_register(
        actor=actor,
        target=case,
        kind=full_kind,
        label=CLOCK_LABELS[kind],
        org_unit=case.org_unit,
        start_on=start_on,
        rule=rule,
        legal_basis=LEGAL_BASIS.get(kind, ""),
        responsible=_responsible(case),
    )
    for extension in extensions:
        clock = services.clock_extend(
            actor=actor,
            clock=clock,
            rule=extension,
            reason="经批准延长办案期限",
            approved_by="行政机关负责人",
        )
    if clock.due_on != due_on:  # the case stores the same engine's answer; a mismatch is a bug
        raise RuntimeError(f"clock {full_kind} due {clock.due_on} differs from case due {due_on}")


def _responsible(case: Case) -> list[Any]:
    """The case's officers who have staff accounts (they get the inbox reminders)."""
    return [
        a.officer.user
        for a in case.assignments.select_related("officer__user")
        if a.officer.user_id
    ]


def stop(case: Case, *, kind: str, on: dt.date, actor: Any = None) -> None:
    """Complete the clock `kind` (the step it guarded was done on `on`)."""
    from fazhi.clocks import services

    services.clock_complete_for(actor=actor, target=case, kind=f"enforcement.{kind}", on=on)


def decision_due(case: Case) -> dt.date:
    """90 CD after filing plus every approved extension (C2: 2024-07-15 +120 CD → 11-12)."""
    assert case.filed_on is not None
    return deadline(case.filed_on, conf.decision_limit_cd() + case.extension_days, CD)


def publicity_due(case: Case) -> dt.date:
    assert case.decided_on is not None
    return deadline(case.decided_on, conf.publicity_wd(case.kind), WD)
