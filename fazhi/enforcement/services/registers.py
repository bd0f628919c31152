"""Register services: subjects, officers, certificates, training, power list (versioned), benchmarks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import (
    Certificate,
    EnforcementSubject,
    Officer,
    TrainingRecord,
)
from fazhi.enforcement.models.registers import DOMAINS, domains_text
from fazhi.enforcement.permissions import MANAGE_REGISTERS


def _ensure(actor: User | None, unit: OrgUnit) -> None:
    if actor is not None and not access.can_reach_unit(actor, MANAGE_REGISTERS, unit):
        raise DomainError("无权维护该单位的登记信息", field="org_unit")


def adjustment_reason(reason: str, effective_on: dt.date | None) -> str:
    """The reason of a register adjustment (both it and the date are required), trimmed to 500."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写调整理由", field="reason")
    if effective_on is None:
        raise DomainError("请填写调整日期", field="effective_on")
    return reason[:500]


def _domains(codes: list[str]) -> str:
    bad = [c for c in codes if c not in DOMAINS]
    if bad:
        raise DomainError(f"执法领域“{bad[0]}”无效", field="domains")
    return domains_text(codes)


SUBJECT_FIELDS = (
    "kind",
    "domains",
    "legal_basis",
    "entrusting_unit_id",
    "entrustment_document",
    "entrustment_valid_to",
    "active",
)


@transaction.atomic
def subject_save(
    *,
    actor: User | None,
    unit: OrgUnit,
    kind: str,
    domains: list[str],
    legal_basis: str = "",
    entrusting_unit: OrgUnit | None = None,
    entrustment_document: str = "",
    entrustment_attachment_id: int | None = None,
    entrustment_valid_to: dt.date | None = None,
    active: bool = True,
) -> EnforcementSubject:
    """Create or update the unit's subject record; an entrusted body needs its 委托书 (Arts 20–21)."""
    _ensure(actor, unit)
    if kind not in EnforcementSubject.Kind.values:
        raise DomainError("主体类型无效", field="kind")
    entrustment_document = (entrustment_document or "").strip()
    if kind == EnforcementSubject.Kind.ENTRUSTED:
        if entrusting_unit is None:
            raise DomainError("受委托组织须登记委托机关", field="entrusting_unit")
        if entrusting_unit.pk == unit.pk:
            raise DomainError("委托机关不能是受委托组织本身", field="entrusting_unit")
        if not entrustment_document:
            raise DomainError(
                "受委托组织须登记书面委托书文号（《行政处罚法》第二十条）",
                field="entrustment_document",
            )
    else:  # statutory / authorised bodies act in their own name: no entrustment data
        entrusting_unit, entrustment_document, entrustment_valid_to = None, "", None
        entrustment_attachment_id = None
    existing = EnforcementSubject.objects.select_for_update().filter(org_unit=unit).first()
    before = audit.snapshot(existing, SUBJECT_FIELDS) if existing else {}
    subject = existing or EnforcementSubject(org_unit=unit)
    subject.kind, subject.domains = kind, _domains(domains)
    subject.legal_basis = (legal_basis or "").strip()
    subject.entrusting_unit = entrusting_unit
    subject.entrustment_document = entrustment_document
    subject.entrustment_attachment_id = entrustment_attachment_id
    subject.entrustment_valid_to = entrustment_valid_to
    subject.active = active
    subject.save()
    changes = audit.diff(before, audit.snapshot(subject, SUBJECT_FIELDS))
    audit.record(
        actor=actor,
        verb="enforcement.subject_save",
        target=subject,
        changes=changes,
        unit_id=unit.pk,
    )
    return subject


@transaction.atomic
def officer_create(
    *,
    actor: User | None,
    unit: OrgUnit,
    full_name: str,
    domains: list[str],
    user: User | None = None,
    legal_qualification: bool = False,
    legal_qualification_number: str = "",
) -> Officer:
    _ensure(actor, unit)
    if not full_name.strip():
        raise DomainError("请填写姓名", field="full_name")
    if legal_qualification and not legal_qualification_number.strip():
        raise DomainError("请填写法律职业资格证书编号", field="legal_qualification_number")
    _check_account(unit, user)
    officer = Officer.objects.create(
        org_unit=unit,
        user=user,
        full_name=full_name.strip(),
        domains=_domains(domains),
        legal_qualification=legal_qualification,
        legal_qualification_number=legal_qualification_number.strip(),
    )
    audit.record(
        actor=actor,
        verb="enforcement.officer_create",
        target=officer,
        changes={"full_name": [None, officer.full_name]},
    )
    return officer


OFFICER_FIELDS = (
    "full_name",
    "domains",
    "legal_qualification",
    "legal_qualification_number",
    "active",
    "user_id",
)


@transaction.atomic
def officer_update(
    *,
    actor: User | None,
    officer: Officer,
    full_name: str,
    domains: list[str],
    legal_qualification: bool,
    legal_qualification_number: str = "",
    active: bool = True,
    user: User | None = None,
) -> Officer:
    """Edit an officer's register entry (domains, 法律职业资格, on duty); every change audited."""
    officer = Officer.objects.select_for_update().select_related("org_unit").get(pk=officer.pk)
    _ensure(actor, officer.org_unit)
    if not (full_name or "").strip():
        raise DomainError("请填写姓名", field="full_name")
    if legal_qualification and not (legal_qualification_number or "").strip():
        raise DomainError("请填写法律职业资格证书编号", field="legal_qualification_number")
    _check_account(officer.org_unit, user, exclude=officer.pk)
    before = audit.snapshot(officer, OFFICER_FIELDS)
    officer.full_name, officer.domains = full_name.strip(), _domains(domains)
    officer.legal_qualification = legal_qualification
    officer.legal_qualification_number = (
        legal_qualification_number.strip() if legal_qualification else ""
    )
    officer.active, officer.user = active, user
    changes = audit.diff(before, audit.snapshot(officer, OFFICER_FIELDS))
    if not changes:
        raise DomainError("内容没有变化")
    officer.save()
    audit.record(actor=actor, verb="enforcement.officer_update", target=officer, changes=changes)
    return officer


def _check_account(unit: OrgUnit, user: User | None, *, exclude: int | None = None) -> None:
    """A linked staff account must belong to the officer's unit (or below) and to no other officer."""
    if user is None:
        return
    if user.org_unit is None or not user.org_unit.path.startswith(unit.path):
        raise DomainError("系统账号须属于该执法人员所在单位", field="user")
    if Officer.objects.filter(user=user).exclude(pk=exclude).exists():
        raise DomainError("该系统账号已关联其他执法人员", field="user")


@transaction.atomic
def certificate_revoke(
    *, actor: User | None, certificate: Certificate, on: dt.date, reason: str
) -> Certificate:
    """注销 a certificate from `on` (the officer can no longer be assigned from that day)."""
    cert = Certificate.objects.select_for_update().select_related("officer__org_unit")
    cert = cert.get(pk=certificate.pk)
    _ensure(actor, cert.officer.org_unit)
    if cert.revoked_on is not None:
        raise DomainError("该执法证已注销", field="on")
    if not (reason or "").strip():
        raise DomainError("请填写注销原因", field="reason")
    if on < cert.valid_from:
        raise DomainError("注销日期不能早于有效期起始日", field="on")
    cert.revoked_on = on
    cert.save(update_fields=["revoked_on"])
    audit.record(
        actor=actor,
        verb="enforcement.certificate_revoke",
        target=cert.officer,
        changes={
            "certificate": [cert.number, None],
            "revoked_on": [None, on],
            "reason": [None, reason.strip()],
        },
        unit_id=cert.officer.org_unit_id,
    )
    return cert


@transaction.atomic
def certificate_add(
    *,
    actor: User | None,
    officer: Officer,
    number: str,
    issuer: str,
    valid_from: dt.date,
    valid_to: dt.date,
    domains: list[str] = (),
) -> Certificate:  # type: ignore[assignment]
    _ensure(actor, officer.org_unit)
    if not number.strip() or not issuer.strip():
        raise DomainError("请填写执法证号和发证机关", field="number")
    if valid_to < valid_from:
        raise DomainError("有效期至不能早于有效期自", field="valid_to")
    if Certificate.objects.filter(number=number.strip()).exists():
        raise DomainError("该执法证号已登记", field="number")
    cert = Certificate.objects.create(
        officer=officer,
        number=number.strip(),
        issuer=issuer.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        domains=_domains(list(domains)),
    )
    audit.record(
        actor=actor,
        verb="enforcement.certificate_add",
        target=officer,
        changes={"certificate": [None, cert.number], "valid_to": [None, valid_to]},
        unit_id=officer.org_unit_id,
    )
    return cert


@transaction.atomic
def training_add(
    *, actor: User | None, officer: Officer, course: str, hours: Decimal, attended_on: dt.date
) -> TrainingRecord:
    _ensure(actor, officer.org_unit)
    if hours is None or hours <= 0 or hours > 500:
        raise DomainError("学时应为 0—500 之间的正数", field="hours")
    record = TrainingRecord.objects.create(
        officer=officer,
        course=course.strip() or "培训",
        hours=hours,
        attended_on=attended_on,
        year=attended_on.year,
    )
    audit.record(
        actor=actor,
        verb="enforcement.training_add",
        target=officer,
        changes={"hours": [None, hours]},
        unit_id=officer.org_unit_id,
    )
    return record
