"""Cases own attachments: evidence and documents per stage (全过程记录), visible like the case.
Enforcement subjects own their written entrustment (委托书, 行政处罚法 Arts 20–21), visible like
the subject register.

The files app imports this module at start-up (``fazhi.files.registry.discover``).
"""

from fazhi.files.registry import register_owner

from .models import Case, EnforcementSubject
from .permissions import VIEW_CASES, VIEW_REGISTERS

S = Case.Status

# The stages of the full-process record, in procedural order.
EVIDENCE_STAGES = ("立案", "调查取证", "审核", "决定", "送达", "执行", "结案")

_STAGE_OF_STATUS = {
    S.CLUE: "立案",
    S.NOT_FILED: "立案",
    S.FILED: "立案",
    S.INVESTIGATING: "调查取证",
    S.INVESTIGATION_CLOSED: "调查取证",
    S.NOTICE: "调查取证",
    S.STATEMENT: "调查取证",
    S.HEARING: "调查取证",
    S.LEGAL_REVIEW: "审核",
    S.DECIDED: "决定",
    S.NO_PENALTY: "决定",
    S.TRANSFERRED: "决定",
    S.SERVED: "送达",
    S.EXECUTING: "执行",
    S.CLOSED: "结案",
    S.ARCHIVED: "结案",
}


def evidence_stage_for(case: Case) -> str:
    """The stage a new attachment most likely belongs to, from the case's status."""
    return _STAGE_OF_STATUS.get(case.status, "立案")


register_owner(Case, VIEW_CASES, "org_unit", stages=EVIDENCE_STAGES)

# The written entrustment of an entrusted organisation (委托书), scanned or as issued.
ENTRUSTMENT_STAGE = "委托书"

register_owner(EnforcementSubject, VIEW_REGISTERS, "org_unit", stages=(ENTRUSTMENT_STAGE,))
