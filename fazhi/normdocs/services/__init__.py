"""The write path of the normdocs app: every step of the lifecycle, atomic and audited."""

from .approval import (
    deliberation_record,
    document_confirm_changes,
    document_publish,
    document_register,
    document_sign,
    legality_review_record,
)
from .cleanup import campaign_add_documents, campaign_create, campaign_publish, cleanup_item_decide
from .comments import comment_add, comment_handle, comment_period_close, comment_period_open
from .drafting import (
    dept_precheck_record,
    document_create,
    document_evaluate,
    document_update,
    fair_review_record,
    legality_review_submit,
    version_add,
)
from .filing import (
    correction_report_submit,
    default_filing_body,
    filing_register,
    filing_resubmit,
    filing_review_record,
    filing_submit,
)
from .suggestions import review_suggestion_handle, review_suggestion_submit
from .validity import document_amend_start, document_end, validity_sweep

__all__ = [
    "campaign_add_documents",
    "campaign_create",
    "campaign_publish",
    "cleanup_item_decide",
    "comment_add",
    "comment_handle",
    "comment_period_close",
    "comment_period_open",
    "correction_report_submit",
    "default_filing_body",
    "deliberation_record",
    "dept_precheck_record",
    "document_amend_start",
    "document_confirm_changes",
    "document_create",
    "document_end",
    "document_evaluate",
    "document_publish",
    "document_register",
    "document_sign",
    "document_update",
    "fair_review_record",
    "filing_register",
    "filing_resubmit",
    "filing_review_record",
    "filing_submit",
    "legality_review_record",
    "legality_review_submit",
    "review_suggestion_handle",
    "review_suggestion_submit",
    "validity_sweep",
    "version_add",
]
