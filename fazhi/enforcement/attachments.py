"""Cases own attachments: evidence and documents per stage (全过程记录), visible like the case."""

from fazhi.files.registry import register_owner

from .models import Case
from .permissions import VIEW_CASES

# The stages of the full-process record, in procedural order.
EVIDENCE_STAGES = ("立案", "调查取证", "审核", "决定", "送达", "执行", "结案")

register_owner(Case, VIEW_CASES, "org_unit", stages=EVIDENCE_STAGES)
