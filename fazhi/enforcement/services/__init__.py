"""Write path of the enforcement app: every change goes through these services (audited).

Cross-app contract: ``case_mark_revoked(*, case, by, outcome, decided_on, actor)`` (reconsideration).
"""

from .cases import (
    case_advance,
    case_assign_officer,
    case_create,
    case_extend,
    case_file,
    case_remove_officer,
)
from .decision import case_decide, case_record_hearing, case_serve, legal_review_record
from .publicity import case_mark_revoked, case_publish, case_withdraw_publicity
from .transfer import transfer_police_result, transfer_report, transfer_resolve, transfer_send

__all__ = [
    "case_advance",
    "case_assign_officer",
    "case_create",
    "case_decide",
    "case_extend",
    "case_file",
    "case_mark_revoked",
    "case_publish",
    "case_record_hearing",
    "case_remove_officer",
    "case_serve",
    "case_withdraw_publicity",
    "legal_review_record",
    "transfer_police_result",
    "transfer_report",
    "transfer_resolve",
    "transfer_send",
]
