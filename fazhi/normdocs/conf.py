"""Tunables of the normdocs app; each reads `settings.FAZHI_NORMDOC_*` with the default shown.

The defaults follow domain.md §1; every figure marked [U]/[S] there is a local rule, hence a setting.
"""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def validity_max_years() -> int:
    """有效期上限（年）: ≤ 5 years."""
    return _get("FAZHI_NORMDOC_VALIDITY_MAX_YEARS", 5)


def provisional_validity_max_years() -> int:
    """暂行/试行 有效期上限（年）: ≤ 2 years."""
    return _get("FAZHI_NORMDOC_PROVISIONAL_VALIDITY_MAX_YEARS", 2)


def comment_min_days() -> int:
    """公开征求意见 minimum, calendar days (37号: ≥ 30 CD; some localities 10 WD)."""
    return _get("FAZHI_NORMDOC_COMMENT_MIN_DAYS", 30)


def comment_day_kind() -> str:
    """ "CD" or "WD" for the comment period."""
    return str(getattr(settings, "FAZHI_NORMDOC_COMMENT_DAY_KIND", "CD"))


def review_max_working_days() -> int:
    """合法性审核 window: at most 15 WD (115号)."""
    return _get("FAZHI_NORMDOC_REVIEW_MAX_WORKING_DAYS", 15)


def review_min_working_days() -> int:
    """合法性审核: the reviewer is given at least 5 WD."""
    return _get("FAZHI_NORMDOC_REVIEW_MIN_WORKING_DAYS", 5)


def filing_days() -> int:
    """备案 within 30 CD of publication (local rule)."""
    return _get("FAZHI_NORMDOC_FILING_DAYS", 30)


def resubmission_days() -> int:
    """补充材料 resubmission window after DEFERRED_INCOMPLETE (15 days for 规章; Beijing 10)."""
    return _get("FAZHI_NORMDOC_RESUBMISSION_DAYS", 15)


def correction_report_days() -> int:
    """The issuer reports its corrections within 30 days of the review outcome."""
    return _get("FAZHI_NORMDOC_CORRECTION_REPORT_DAYS", 30)


def evaluation_reminder_months() -> int:
    """Owners are reminded this many months before expiry to evaluate the document."""
    return _get("FAZHI_NORMDOC_EVALUATION_REMINDER_MONTHS", 6)


def expiring_soon_days() -> int:
    """“即将到期” filter on the list page."""
    return _get("FAZHI_NORMDOC_EXPIRING_SOON_DAYS", 183)
