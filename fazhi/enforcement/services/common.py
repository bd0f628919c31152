"""Helpers shared by the case services: locking, policy checks, events, validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.core.identifiers import validate_idcard, validate_uscc
from fazhi.core.models import User
from fazhi.enforcement import conf, indexing
from fazhi.enforcement.models import Case, CaseEvent, CaseOfficer, Officer
from fazhi.enforcement.selectors import officer_is_certified


def lock(case: Case) -> Case:
    """The case row, locked for the rest of the transaction."""
    return Case.objects.select_for_update().select_related("org_unit", "power_item").get(pk=case.pk)


def ensure_perm(actor: User | None, perm: str, case: Case) -> None:
    """Refuse (as not found) when the actor's scope for `perm` does not reach the case's unit."""
    if actor is None:
        return  # the system (jobs, trusted imports already checked by their caller)
    if not access.can_reach_unit(actor, perm, case.org_unit):
        raise DomainError("记录不存在或无权操作")


def event(
    case: Case, *, stage: str, title: str, on: dt.date, actor: User | None, note: str = ""
) -> None:
    """Append a step to the case timeline."""
    CaseEvent.objects.create(case=case, stage=stage, title=title, on=on, actor=actor, note=note)


def record(actor: User | None, verb: str, case: Case, changes: dict[str, Any]) -> None:
    """Audit a change to the case and queue it for the search index, in the same transaction.

    Every case service ends with this call, so every case write reaches the index.
    """
    audit.record(actor=actor, verb=f"enforcement.{verb}", target=case, changes=changes)
    indexing.enqueue(case)


def today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  (dates of record, local calendar)


def not_future(value: dt.date | None, label: str, field: str) -> None:
    if value is not None and value > today():
        raise DomainError(f"{label}不能晚于今天", field=field)


def not_before(
    value: dt.date | None, floor: dt.date | None, label: str, floor_label: str, field: str
) -> None:
    if value is not None and floor is not None and value < floor:
        raise DomainError(f"{label}不能早于{floor_label}（{floor.isoformat()}）", field=field)


def party_error(kind: str, name: str, id_number: str) -> DomainError | None:
    """A Chinese reason when the party data are invalid (身份证 / 统一社会信用代码 checked)."""
    if not (name or "").strip():
        return DomainError("请填写当事人名称", field="party_name")
    if kind == Case.PartyKind.PERSON:
        reason = validate_idcard(id_number)
    elif kind == Case.PartyKind.ORGANISATION:
        reason = validate_uscc(id_number)
    else:
        return DomainError("当事人类型无效", field="party_kind")
    return DomainError(reason, field="party_id_number") if reason else None


def limitation_error(
    *, violation_on: dt.date, violation_ended_on: dt.date | None, safety_harm: bool, on: dt.date
) -> DomainError | None:
    """Art 36: 2 years from the act (or its end), 5 years with harm to life/health/financial safety."""
    years = conf.limitation_years(safety_harm=safety_harm)
    start = violation_ended_on or violation_on
    try:
        expires = start.replace(year=start.year + years)
    except ValueError:  # 29 Feb
        expires = start.replace(year=start.year + years, day=28)
    if on > expires:
        return DomainError(
            f"违法行为自{start.isoformat()}起已超过 {years} 年未被发现，"
            f"依《行政处罚法》第三十六条不再给予行政处罚，不能立案",
            field="violation_on",
        )
    return None


def simplified_error(case: Case, penalty_types: list[str], amount: Any) -> DomainError | None:
    """Simplified procedure only for a warning or a fine ≤ 200 (person) / 3000 (organisation)."""
    if case.procedure != Case.Procedure.SIMPLIFIED:
        return None
    allowed = {Case.PenaltyType.WARNING, Case.PenaltyType.FINE}
    if not penalty_types or set(penalty_types) - allowed:
        return DomainError("简易程序只适用于警告或者罚款", field="penalty_types")
    ceiling = conf.simplified_max(case.party_kind)
    if amount is not None and amount > ceiling:
        who = "公民" if case.party_kind == Case.PartyKind.PERSON else "法人或者其他组织"
        return DomainError(
            f"简易程序对{who}的罚款不能超过 {ceiling} 元（《行政处罚法》第五十一条），请改用普通程序",
            field="amount",
        )
    return None


def case_domain(case: Case) -> str:
    """The enforcement domain the officers' certificates must cover: the case's, else its item's."""
    return case.domain or case.power_item.domain


def certified_officers(case: Case, on: dt.date) -> list[Officer]:
    """Assigned officers holding a valid certificate on `on` that covers the case's domain."""
    officers = [a.officer for a in CaseOfficer.objects.filter(case=case).select_related("officer")]
    domain = case_domain(case)
    return [o for o in officers if officer_is_certified(o, on, domain or None)]


def officers_error(case: Case, on: dt.date) -> DomainError | None:
    """At least two certified officers (Art 42)."""
    n = len(certified_officers(case, on))
    if n < 2:
        return DomainError(
            f"执法人员不得少于两人且须持有效执法证（当前持有本领域有效执法证 {n} 人，"
            f"《行政处罚法》第四十二条）",
            field="officers",
        )
    return None


def officer_in_scope_q(case: Case) -> Q:
    """Officers of the case unit or any unit under it (e.g. its enforcement brigade)."""
    return case.org_unit.subtree_q("org_unit__path")
