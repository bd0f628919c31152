"""Case services: create (clue), file (立案), assign officers, move along the graph, extend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.core.services.numbering import number_issue
from fazhi.enforcement import clocks, conf
from fazhi.enforcement.models import Case, CaseExtension, CaseOfficer, Officer, PowerItem
from fazhi.enforcement.models.registers import DOMAINS
from fazhi.enforcement.permissions import APPROVE_CASES, HANDLE_CASES
from fazhi.enforcement.selectors import officer_valid_certificate
from fazhi.enforcement.transitions import LABELS, ensure_allowed

from . import common
from .common import ensure_perm, event, lock, record

S = Case.Status
NUMBER_KIND = {
    Case.Kind.PENALTY: "enforcement_penalty",
    Case.Kind.INSPECTION: "enforcement_inspection",
}
CASE_FIELDS = (
    "title",
    "facts",
    "party_kind",
    "party_name",
    "party_id_number",
    "party_phone",
    "party_address",
    "violation_on",
    "violation_ended_on",
    "safety_harm",
    "major_public_interest",
    "complex_case",
    "domain",
)


def validate_power_item(unit: OrgUnit, kind: str, item: PowerItem | None) -> None:
    """The item must be an active item of the unit's list, of the case's category."""
    if item is None or item.org_unit_id != unit.pk or not item.active:
        raise DomainError("该权责事项不在本单位的权责清单中", field="power_item")
    wanted = (
        PowerItem.Category.PENALTY if kind == Case.Kind.PENALTY else PowerItem.Category.INSPECTION
    )
    if item.category != wanted:
        raise DomainError(
            f"{Case.Kind(kind).label}案件须对应“{wanted.label}”类权责事项", field="power_item"
        )


@transaction.atomic
def case_create(
    *,
    actor: User,
    unit: OrgUnit,
    kind: str,
    power_item: PowerItem | None,
    clue_on: dt.date,
    procedure: str = Case.Procedure.ORDINARY,
    **fields: Any,
) -> Case:
    """Register a clue (线索) as a new case; starts the 立案 clock where configured."""
    if not common.access.can_reach_unit(actor, HANDLE_CASES, unit):
        raise DomainError("无权在该单位登记案件", field="unit")
    if kind not in Case.Kind.values:
        raise DomainError("案件类型无效", field="kind")
    if procedure not in Case.Procedure.values:
        raise DomainError("程序类型无效", field="procedure")
    validate_power_item(unit, kind, power_item)
    data = {k: fields[k] for k in CASE_FIELDS if k in fields}
    problem = common.party_error(
        data.get("party_kind", ""), data.get("party_name", ""), data.get("party_id_number", "")
    )
    if problem:
        raise problem
    data["party_id_number"] = data["party_id_number"].strip().upper()
    if not (data.get("title") or "").strip():
        raise DomainError("请填写案由", field="title")
    violation_on = data.get("violation_on")
    if violation_on is None:
        raise DomainError("请填写违法行为发生日", field="violation_on")
    common.not_future(clue_on, "线索登记日", "clue_on")
    common.not_before(clue_on, violation_on, "线索登记日", "违法行为发生日", "clue_on")
    common.not_before(
        data.get("violation_ended_on"),
        violation_on,
        "违法行为终了日",
        "发生日",
        "violation_ended_on",
    )
    case = Case(
        org_unit=unit,
        kind=kind,
        procedure=procedure,
        power_item=power_item,
        clue_on=clue_on,
        handler=actor,
        **data,
    )
    case.domain = case.domain or power_item.domain  # type: ignore[union-attr]
    if case.domain in conf.filing_decision_domains() and procedure == Case.Procedure.ORDINARY:
        case.filing_due_on = clocks.deadline(clue_on, conf.filing_decision_wd(), clocks.WD)
    case.save()
    if case.filing_due_on:
        clocks.start(case, kind="filing", start_on=clue_on, due_on=case.filing_due_on, actor=actor)
    event(case, stage=S.CLUE, title="登记案件线索", on=clue_on, actor=actor)
    record(actor, "case_create", case, {"status": [None, case.status], "title": [None, case.title]})
    return case


@transaction.atomic
def case_file(*, case: Case, actor: User, filed_on: dt.date) -> Case:
    """立案 (head approves): limitation check, case number, the 90-day decision clock."""
    case = lock(case)
    ensure_perm(actor, APPROVE_CASES, case)
    ensure_allowed(case, S.FILED)
    common.not_future(filed_on, "立案日期", "filed_on")
    common.not_before(filed_on, case.clue_on, "立案日期", "线索登记日", "filed_on")
    problem = common.limitation_error(
        violation_on=case.violation_on,
        violation_ended_on=case.violation_ended_on,
        safety_harm=case.safety_harm,
        on=filed_on,
    )
    if problem:
        raise problem
    before = case.status
    issued = number_issue(
        unit=case.org_unit,
        kind=NUMBER_KIND[case.kind],
        year=filed_on.year,
        actor=actor,
        target=case,
    )
    case.number = issued.text
    case.status, case.filed_on = S.FILED, filed_on
    if case.kind == Case.Kind.PENALTY and case.procedure == Case.Procedure.ORDINARY:
        case.decision_due_on = clocks.decision_due(case)
    case.save()
    if case.filing_due_on:
        clocks.stop(case, kind="filing", on=filed_on, actor=actor)
    if case.decision_due_on:
        clocks.start(
            case, kind="decision", start_on=filed_on, due_on=case.decision_due_on, actor=actor
        )
    event(case, stage=S.FILED, title=f"立案（{case.number}）", on=filed_on, actor=actor)
    record(
        actor,
        "case_file",
        case,
        {
            "status": [before, case.status],
            "number": [None, case.number],
            "decision_due_on": [None, case.decision_due_on],
        },
    )
    return case


@transaction.atomic
def case_assign_officer(
    *, case: Case, officer: Officer, actor: User, on: dt.date, role: str = CaseOfficer.Role.ASSIST
) -> CaseOfficer:
    """Assign an officer; refused when the certificate is missing, expired or revoked on `on`."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    if case.status in (S.CLOSED, S.ARCHIVED, S.NOT_FILED):
        raise DomainError("案件已办结，不能再指派执法人员")
    if not Officer.objects.filter(common.officer_in_scope_q(case), pk=officer.pk).exists():
        raise DomainError("只能指派本单位（含所属执法队伍）的执法人员", field="officer")
    certificate = officer_valid_certificate(officer, on) if officer.active else None
    if certificate is None:
        raise DomainError(
            f"{officer.full_name}在{on.isoformat()}无有效执法证（缺失、过期或已注销），不能指派办案",
            field="officer",
        )
    domain = common.case_domain(case)
    certificate = officer_valid_certificate(officer, on, domain)
    if certificate is None:
        raise DomainError(
            f"{officer.full_name}的执法证执法领域不包括“{DOMAINS.get(domain, domain)}”，"
            f"不能指派办理该权责事项（《行政处罚法》第四十二条）",
            field="officer",
        )
    if CaseOfficer.objects.filter(case=case, officer=officer).exists():
        raise DomainError(f"{officer.full_name}已在办案人员中", field="officer")
    if role not in CaseOfficer.Role.values:
        raise DomainError("角色无效", field="role")
    assignment = CaseOfficer.objects.create(
        case=case, officer=officer, role=role, assigned_on=on, certificate_number=certificate.number
    )
    event(
        case,
        stage=case.status,
        title=f"指派执法人员 {officer.full_name}（证号 {certificate.number}）",
        on=on,
        actor=actor,
    )
    record(
        actor,
        "case_assign_officer",
        case,
        {"officers": [None, f"{officer.full_name}/{certificate.number}"]},
    )
    return assignment


@transaction.atomic
def case_remove_officer(*, case: Case, officer: Officer, actor: User) -> None:
    """Remove an assignment (open cases only)."""
    case = lock(case)
    ensure_perm(actor, HANDLE_CASES, case)
    if case.status in (S.DECIDED, S.SERVED, S.EXECUTING, S.CLOSED, S.ARCHIVED):
        raise DomainError("已作出决定的案件不能调整办案人员")
    deleted, _ = CaseOfficer.objects.filter(case=case, officer=officer).delete()
    if not deleted:
        raise DomainError("该人员不在办案人员中", field="officer")
    record(actor, "case_remove_officer", case, {"officers": [officer.full_name, None]})


# target → (permission, date field set on the case, timeline title)
STEPS: dict[str, tuple[str, str | None, str]] = {
    S.NOT_FILED: (APPROVE_CASES, None, "决定不予立案"),
    S.INVESTIGATING: (HANDLE_CASES, None, "开始调查取证"),
    S.INVESTIGATION_CLOSED: (HANDLE_CASES, "investigation_closed_on", "调查终结"),
    S.NOTICE: (HANDLE_CASES, "notice_on", "送达行政处罚事先告知书"),
    S.STATEMENT: (HANDLE_CASES, None, "当事人陈述、申辩"),
    S.HEARING: (HANDLE_CASES, None, "当事人申请听证"),
    S.LEGAL_REVIEW: (HANDLE_CASES, None, "提交法制审核"),
    S.NO_PENALTY: (APPROVE_CASES, "decided_on", "决定不予行政处罚"),
    S.EXECUTING: (HANDLE_CASES, None, "进入执行"),
    S.CLOSED: (APPROVE_CASES, "closed_on", "结案"),
    S.ARCHIVED: (HANDLE_CASES, "archived_on", "归档"),
}


@transaction.atomic
def case_advance(
    *, case: Case, actor: User, target: str, on: dt.date, note: str = "", **extra: Any
) -> Case:
    """Move the case one step along the graph (steps without their own service)."""
    case = lock(case)
    if target not in STEPS:
        raise DomainError("该环节须通过专门的办理页面完成")
    perm, date_field, title = STEPS[target]
    ensure_perm(actor, perm, case)
    ensure_allowed(case, target)
    common.not_future(on, "办理日期", "on")
    common.not_before(on, case.filed_on or case.clue_on, "办理日期", "立案日期", "on")
    before = case.status
    if target == S.INVESTIGATING:
        problem = common.officers_error(case, on)
        if problem:
            raise problem
    if target == S.NOTICE:
        _apply_proposal(case, extra)
        case.hearing_request_due_on = clocks.deadline(on, conf.hearing_request_wd(), clocks.WD)
    if target == S.HEARING:
        if case.hearing_request_due_on and on > case.hearing_request_due_on:
            raise DomainError(
                f"已超过听证申请期限（{case.hearing_request_due_on.isoformat()}），视为放弃听证",
                field="on",
            )
        case.hearing_requested = True
    if (
        target == S.CLOSED
        and case.kind == Case.Kind.PENALTY
        and case.status == S.SERVED
        and case.amount
        and not extra.get("paid_on")
    ):
        raise DomainError("有罚没款的案件须登记缴款（履行）日期后结案", field="paid_on")
    if extra.get("paid_on"):
        case.paid_on = extra["paid_on"]
    case.status = target
    if date_field:
        setattr(case, date_field, on)
    from fazhi.enforcement.policies import review_required

    case.legal_review_required = review_required(case)
    case.save()
    _clock_side_effects(case, before, target, on, actor)
    event(case, stage=target, title=title, on=on, actor=actor, note=note)
    record(actor, "case_advance", case, {"status": [before, target], "on": [None, on]})
    return case


def _apply_proposal(case: Case, extra: dict[str, Any]) -> None:
    """The proposed penalty stated in the advance notice (Art 44)."""
    types = [t for t in extra.get("penalty_types", []) if t]
    if set(types) - set(Case.PenaltyType.values):
        raise DomainError("处罚种类无效", field="penalty_types")
    if types:
        case.penalty_types = ",".join(types)
    if extra.get("amount") is not None:
        if extra["amount"] < 0:
            raise DomainError("金额不能为负数", field="amount")
        case.amount = extra["amount"]


def _clock_side_effects(case: Case, before: str, target: str, on: dt.date, actor: User) -> None:
    if target == S.NOTICE and case.hearing_request_due_on:
        clocks.start(
            case,
            kind="hearing_request",
            start_on=on,
            due_on=case.hearing_request_due_on,
            actor=actor,
        )
    if before == S.NOTICE:
        clocks.stop(case, kind="hearing_request", on=on, actor=actor)
    if target in (S.NOT_FILED,) and case.filing_due_on:
        clocks.stop(case, kind="filing", on=on, actor=actor)
    if (
        target in (S.NO_PENALTY, S.CLOSED)
        and case.decision_due_on
        and before != S.EXECUTING
        and before != S.SERVED
    ):
        clocks.stop(case, kind="decision", on=on, actor=actor)
    if target == S.CLOSED and case.payment_due_on:
        clocks.stop(case, kind="payment", on=case.paid_on or on, actor=actor)


@transaction.atomic
def case_extend(*, case: Case, actor: User, days: int, reason: str, approved_on: dt.date) -> Case:
    """Approved extension of the decision limit (SAMR: +30 CD by the head; more only collectively)."""
    case = lock(case)
    ensure_perm(actor, APPROVE_CASES, case)
    if case.decision_due_on is None or case.status not in (
        S.FILED,
        S.INVESTIGATING,
        S.INVESTIGATION_CLOSED,
        S.NOTICE,
        S.STATEMENT,
        S.HEARING,
        S.LEGAL_REVIEW,
    ):
        raise DomainError("只有在办的普通程序处罚案件可以延长办案期限")
    if not 1 <= days <= conf.extension_cd():
        raise DomainError(f"每次延长不超过 {conf.extension_cd()} 日", field="days")
    if not (reason or "").strip():
        raise DomainError("请填写延长理由", field="reason")
    if approved_on > case.decision_due_on:
        raise DomainError("办案期限已届满，不能再批准延长", field="approved_on")
    CaseExtension.objects.create(
        case=case, days=days, reason=reason.strip(), approved_by=actor, approved_on=approved_on
    )
    before = case.decision_due_on
    case.extension_days += days
    case.decision_due_on = clocks.decision_due(case)
    case.save(update_fields=["extension_days", "decision_due_on", "updated_at"])
    clocks.start(
        case, kind="decision", start_on=case.filed_on, due_on=case.decision_due_on, actor=actor
    )  # type: ignore[arg-type]
    event(
        case,
        stage=case.status,
        title=f"批准延长办案期限 {days} 日",
        on=approved_on,
        actor=actor,
        note=reason,
    )
    record(actor, "case_extend", case, {"decision_due_on": [before, case.decision_due_on]})
    return case


_ = LABELS
