"""Unified numbering (统一编号): gap-free, unique numbers per issuing unit, kind and year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import NumberSequence, OrgUnit, User

# kind → the character after the issuer's short name, e.g. 规 → 江西规〔2026〕3号
NUMBER_KINDS: dict[str, str] = {
    "normdoc": "规",
    "decision": "决",
    "reconsideration": "复",
    "disclosure": "依申",
    "enforcement_penalty": "罚",
    "enforcement_inspection": "检",
}


@dataclass(frozen=True)
class IssuedNumber:
    """A number issued for (unit, kind, year)."""

    unit: OrgUnit
    kind: str
    year: int
    number: int

    @property
    def text(self) -> str:
        """The official form, e.g. 江西规〔2026〕3号."""
        return format_number(
            prefix=self.unit.prefix, kind=self.kind, year=self.year, number=self.number
        )


def format_number(*, prefix: str, kind: str, year: int, number: int) -> str:
    """Official form of a document number."""
    return f"{prefix}{NUMBER_KINDS.get(kind, kind)}〔{year}〕{number}号"


def _sequence_for_update(unit: OrgUnit, kind: str, year: int) -> NumberSequence:
    try:
        return NumberSequence.objects.select_for_update().get(unit=unit, kind=kind, year=year)
    except NumberSequence.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # savepoint: a concurrent creator may win the insert
            NumberSequence.objects.create(unit=unit, kind=kind, year=year, last_number=0)
    except IntegrityError:
        pass
    return NumberSequence.objects.select_for_update().get(unit=unit, kind=kind, year=year)


def number_issue(
    *, unit: OrgUnit, kind: str, year: int, actor: User | None, target: object = None
) -> IssuedNumber:
    """Take the next number. Call inside the transaction that stores it: a rollback returns it unused."""
    if kind not in NUMBER_KINDS:
        raise DomainError(f"未知的编号类别“{kind}”")
    if not 2000 <= year <= 2100:
        raise DomainError("编号年度应在 2000—2100 之间", field="year")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_issue() must run inside the transaction that stores the number")
    seq = _sequence_for_update(unit, kind, year)
    seq.last_number += 1
    seq.save(update_fields=["last_number"])
    issued = IssuedNumber(unit=unit, kind=kind, year=year, number=seq.last_number)
    audit.record(
        actor=actor,
        verb="core.number_issue",
        target=target if target is not None else seq,  # type: ignore[arg-type]
        changes={"number": [None, issued.text]},
        unit_id=unit.pk,
    )
    return issued
