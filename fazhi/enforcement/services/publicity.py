"""Publicity (执法公示): publish decided cases to the portal, withdraw after a revocation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.enforcement import clocks, conf
from fazhi.enforcement.models import Case
from fazhi.enforcement.permissions import MANAGE_PUBLICITY

from . import common
from .common import ensure_perm, event, lock, record

P = Case.Publicity


@transaction.atomic
def case_publish(*, case: Case, actor: User, published_on: dt.date) -> Case:
    """Publish the decision (masked) on the portal; stops the publicity clock."""
    case = lock(case)
    ensure_perm(actor, MANAGE_PUBLICITY, case)
    if case.publicity != P.PENDING:
        raise DomainError(f"公示状态为“{case.get_publicity_display()}”，不能公示")
    if case.revoked_on:
        raise DomainError("该决定已被撤销或确认违法，不能公示")
    common.not_future(published_on, "公示日期", "published_on")
    common.not_before(published_on, case.decided_on, "公示日期", "决定日期", "published_on")
    case.publicity, case.published_on = P.PUBLISHED, published_on
    case.save(update_fields=["publicity", "published_on", "updated_at"])
    clocks.stop(case, kind="publicity", on=published_on, actor=actor)
    late = case.publish_due_on is not None and published_on > case.publish_due_on
    event(
        case,
        stage="publicity",
        title="公示处罚决定" + ("（逾期）" if late else ""),
        on=published_on,
        actor=actor,
    )
    record(
        actor,
        "case_publish",
        case,
        {"publicity": [P.PENDING, P.PUBLISHED], "published_on": [None, published_on]},
    )
    return case


@transaction.atomic
def case_withdraw_publicity(*, case: Case, actor: User, on: dt.date, reason: str = "") -> Case:
    """Take a published decision off the portal (Art 48: within 3 WD of its revocation)."""
    case = lock(case)
    ensure_perm(actor, MANAGE_PUBLICITY, case)
    if case.publicity != P.PUBLISHED:
        raise DomainError("该决定未在公示中")
    common.not_future(on, "撤回日期", "on")
    case.publicity, case.withdrawn_on = P.WITHDRAWN, on
    case.save(update_fields=["publicity", "withdrawn_on", "updated_at"])
    if case.withdraw_due_on:
        clocks.stop(case, kind="withdrawal", on=on, actor=actor)
    event(case, stage="publicity", title="撤回公示", on=on, actor=actor, note=reason)
    record(
        actor,
        "case_withdraw_publicity",
        case,
        {"publicity": [P.PUBLISHED, P.WITHDRAWN], "reason": [None, reason]},
    )
    return case


@transaction.atomic
def case_mark_revoked(
    *, case: Case, by: str, outcome: str, decided_on: dt.date, actor: User | None
) -> Case:
    """A decision revoked/confirmed illegal in reconsideration or litigation (called by that module).

    A published decision gets a 3-WD withdrawal clock (Art 48); a pending one is no longer due.
    """
    case = lock(case)
    if by not in Case.RevokedBy.values:
        raise DomainError(
            "纠错途径应为 reconsideration（行政复议）或 litigation（行政诉讼）", field="by"
        )
    if case.decided_on is None:
        raise DomainError("该案件尚未作出决定")
    if not (outcome or "").strip():
        raise DomainError("请填写纠错结果", field="outcome")
    common.not_before(decided_on, case.decided_on, "纠错日期", "处罚决定日期", "decided_on")
    before = {"revoked_by": case.revoked_by, "publicity": case.publicity}
    case.revoked_by, case.revoked_outcome, case.revoked_on = by, outcome.strip()[:40], decided_on
    if case.publicity == P.PUBLISHED:
        case.withdraw_due_on = clocks.deadline(decided_on, conf.withdrawal_wd(), clocks.WD)
    elif case.publicity == P.PENDING:
        case.publicity = P.NOT_REQUIRED
        clocks.stop(case, kind="publicity", on=decided_on, actor=actor)
    case.save()
    if case.withdraw_due_on and case.publicity == P.PUBLISHED:
        clocks.start(
            case, kind="withdrawal", start_on=decided_on, due_on=case.withdraw_due_on, actor=actor
        )
    label = Case.RevokedBy(by).label
    event(
        case,
        stage="revoked",
        title=f"经{label}纠错：{case.revoked_outcome}",
        on=decided_on,
        actor=actor,
    )
    record(
        actor,
        "case_mark_revoked",
        case,
        {
            "revoked_by": [before["revoked_by"], by],
            "outcome": [None, case.revoked_outcome],
            "publicity": [before["publicity"], case.publicity],
            "withdraw_due_on": [None, case.withdraw_due_on],
        },
    )
    return case
