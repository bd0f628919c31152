"""Transfer to criminal justice (行刑衔接, State Council Order 310) with clocks and materials."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.models import User
from fazhi.enforcement import clocks, conf
from fazhi.enforcement.models import Case, CriminalTransfer
from fazhi.enforcement.models.cases import TRANSFER_MATERIALS
from fazhi.enforcement.permissions import APPROVE_CASES, HANDLE_CASES
from fazhi.enforcement.transitions import ensure_allowed

from . import common
from .common import ensure_perm, event, lock, record

T = CriminalTransfer.Status


def _days() -> tuple[int, str]:
    return conf.transfer_days()


@transaction.atomic
def transfer_report(
    *, case: Case, actor: User, reason: str, reported_on: dt.date, materials: dict[str, bool]
) -> CriminalTransfer:
    """Report a suspected crime for transfer; the head decides within 3 days (Art 5)."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    ensure_allowed(case, Case.Status.TRANSFERRED)
    if not (reason or "").strip():
        raise DomainError("请填写涉嫌罪名及理由", field="reason")
    common.not_future(reported_on, "报告日期", "reported_on")
    common.not_before(reported_on, case.filed_on, "报告日期", "立案日期", "reported_on")
    days, unit = _days()
    due = clocks.deadline(reported_on, days, unit)
    checklist = {k: bool(materials.get(k)) for k in TRANSFER_MATERIALS}
    transfer, _ = CriminalTransfer.objects.update_or_create(
        case=case,
        defaults={
            "reason": reason.strip(),
            "reported_on": reported_on,
            "approval_due_on": due,
            "materials": checklist,
            "status": T.REPORTED,
            "approved_on": None,
        },
    )
    before = case.status
    case.status = Case.Status.TRANSFERRED
    case.save(update_fields=["status", "updated_at"])
    clocks.start(case, kind="transfer_approval", start_on=reported_on, due_on=due, actor=actor)
    event(
        case, stage="transfer", title="报请移送司法机关", on=reported_on, actor=actor, note=reason
    )
    record(
        actor,
        "transfer_report",
        case,
        {"status": [before, case.status], "approval_due_on": [None, due]},
    )
    return transfer


@transaction.atomic
def transfer_resolve(*, case: Case, actor: User, approved: bool, on: dt.date) -> CriminalTransfer:
    """The head approves or refuses; a refusal returns the case to the penalty track."""
    case = lock(case)
    ensure_perm(actor, APPROVE_CASES, case)
    transfer = CriminalTransfer.objects.select_for_update().filter(case=case).first()
    if transfer is None or transfer.status != T.REPORTED:
        raise DomainError("没有待审批的移送")
    common.not_before(on, transfer.reported_on, "审批日期", "报告日期", "on")
    transfer.status, transfer.approved_on = (T.APPROVED if approved else T.REFUSED), on
    transfer.save()
    clocks.stop(case, kind="transfer_approval", on=on, actor=actor)
    if not approved:
        case.status = Case.Status.INVESTIGATION_CLOSED
        case.save(update_fields=["status", "updated_at"])
    event(
        case, stage="transfer", title="批准移送" if approved else "不批准移送", on=on, actor=actor
    )
    record(actor, "transfer_resolve", case, {"transfer": [T.REPORTED, transfer.status]})
    return transfer


@transaction.atomic
def transfer_send(
    *, case: Case, actor: User, on: dt.date, agency: str, materials: dict[str, bool]
) -> CriminalTransfer:
    """Hand the file to the police; every required material must be listed (Art 6)."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    transfer = CriminalTransfer.objects.select_for_update().filter(case=case).first()
    if transfer is None or transfer.status != T.APPROVED:
        raise DomainError("移送尚未获批准")
    transfer.materials = {
        k: bool(materials.get(k)) or bool(transfer.materials.get(k)) for k in TRANSFER_MATERIALS
    }
    missing = transfer.missing_materials
    if missing:
        raise DomainError("移送材料不全，缺少：" + "、".join(missing), field="materials")
    if not (agency or "").strip():
        raise DomainError("请填写接收的公安机关", field="agency")
    common.not_before(on, transfer.approved_on, "移送日期", "批准日期", "on")
    days, unit = _days()
    transfer.status, transfer.transferred_on, transfer.receiving_agency = (
        T.TRANSFERRED,
        on,
        agency.strip(),
    )
    transfer.police_decision_due_on = clocks.deadline(on, days, unit)
    transfer.save()
    clocks.start(
        case,
        kind="police_decision",
        start_on=on,
        due_on=transfer.police_decision_due_on,
        actor=actor,
    )
    event(case, stage="transfer", title=f"移送{transfer.receiving_agency}", on=on, actor=actor)
    record(actor, "transfer_send", case, {"transfer": [T.APPROVED, T.TRANSFERRED]})
    return transfer


@transaction.atomic
def transfer_police_result(
    *, case: Case, actor: User, accepted: bool, on: dt.date
) -> CriminalTransfer:
    """Record the police decision (Art 8); a refusal lets the agency continue its own case."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    transfer = CriminalTransfer.objects.select_for_update().filter(case=case).first()
    if transfer is None or transfer.status != T.TRANSFERRED:
        raise DomainError("案件尚未移送")
    common.not_before(on, transfer.transferred_on, "决定日期", "移送日期", "on")
    transfer.status, transfer.police_decided_on = (T.ACCEPTED if accepted else T.REJECTED), on
    transfer.save()
    clocks.stop(case, kind="police_decision", on=on, actor=actor)
    if not accepted:
        case.status = Case.Status.INVESTIGATION_CLOSED
        case.save(update_fields=["status", "updated_at"])
    event(
        case,
        stage="transfer",
        title="公安机关立案" if accepted else "公安机关不予立案",
        on=on,
        actor=actor,
    )
    record(actor, "transfer_police_result", case, {"transfer": [T.TRANSFERRED, transfer.status]})
    return transfer
