"""Tunables of the enforcement app (行政执法监督). Override in settings as FAZHI_ENFORCEMENT_*.

Defaults follow domain.md §3; items tagged [U] there are local choices, hence settings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings


def _get(name: str, default: Any) -> Any:
    return getattr(settings, f"FAZHI_ENFORCEMENT_{name}", default)


def training_hours_goal() -> Decimal:
    """Yearly training goal per officer (hours)."""
    return Decimal(str(_get("TRAINING_HOURS_GOAL", 60)))


def certificate_warning_days() -> int:
    """Certificates expiring within this many days are flagged."""
    return int(_get("CERTIFICATE_WARNING_DAYS", 60))


def simplified_max(party_kind: str) -> Decimal:
    """Simplified procedure ceiling: 200 CNY for a person, 3000 CNY for an organisation (Art 51)."""
    if party_kind == "person":
        return Decimal(str(_get("SIMPLIFIED_MAX_PERSON", 200)))
    return Decimal(str(_get("SIMPLIFIED_MAX_ORGANISATION", 3000)))


def hearing_amount(party_kind: str) -> Decimal:
    """ "Large fine" that gives a right to a hearing (Art 63; set by province/department) [U]."""
    if party_kind == "person":
        return Decimal(str(_get("HEARING_AMOUNT_PERSON", 10_000)))
    return Decimal(str(_get("HEARING_AMOUNT_ORGANISATION", 100_000)))


def legal_review_amount(party_kind: str) -> Decimal:
    """Amount at or above which legal review is mandatory (local rule) [U]."""
    if party_kind == "person":
        return Decimal(str(_get("LEGAL_REVIEW_AMOUNT_PERSON", 10_000)))
    return Decimal(str(_get("LEGAL_REVIEW_AMOUNT_ORGANISATION", 100_000)))


def legal_review_triggers() -> set[str]:
    """Which criteria make legal review mandatory: hearing, amount, public_interest, complex."""
    return set(_get("LEGAL_REVIEW_TRIGGERS", ("hearing", "amount", "public_interest", "complex")))


def filing_decision_domains() -> set[str]:
    """Domains where the 立案 decision has a limit (SAMR Art 18: 15 WD, +15 WD)."""
    return set(_get("FILING_DECISION_DOMAINS", ("market",)))


def filing_decision_wd() -> int:
    return int(_get("FILING_DECISION_WD", 15))


def decision_limit_cd() -> int:
    """Decision within 90 CD of filing (Art 60)."""
    return int(_get("DECISION_LIMIT_CD", 90))


def extension_cd() -> int:
    """One approved extension of the decision limit (SAMR: +30 CD)."""
    return int(_get("EXTENSION_CD", 30))


def hearing_request_wd() -> int:
    return int(_get("HEARING_REQUEST_WD", 5))


def service_wd() -> int:
    return int(_get("SERVICE_WD", 7))


def payment_cd() -> int:
    return int(_get("PAYMENT_CD", 15))


def publicity_wd(kind: str) -> int:
    """Publicity limit: 7 WD for penalties (双公示), 20 WD for other decisions (118号)."""
    if kind == "penalty":
        return int(_get("PUBLICITY_PENALTY_WD", 7))
    return int(_get("PUBLICITY_OTHER_WD", 20))


def withdrawal_wd() -> int:
    """Withdraw publicity within 3 WD of a revocation (Art 48)."""
    return int(_get("WITHDRAWAL_WD", 3))


def transfer_days() -> tuple[int, str]:
    """行刑衔接 "3 days" and its day type ("CD" by default; the Order does not say) [U]."""
    return int(_get("TRANSFER_DAYS", 3)), str(_get("TRANSFER_DAY_UNIT", "CD"))


def limitation_years(*, safety_harm: bool) -> int:
    """Limitation period (Art 36): 2 years, 5 for life/health/financial safety with harm."""
    return (
        int(_get("LIMITATION_YEARS_HARM", 5)) if safety_harm else int(_get("LIMITATION_YEARS", 2))
    )


def batch_max_rows() -> int:
    """Largest API batch accepted in one request."""
    return int(_get("BATCH_MAX_ROWS", 5000))
