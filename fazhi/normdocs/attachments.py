"""Normative documents own attachments (draft originals, interpretations), visible like the document.

The files app imports this module at start-up (``fazhi.files.registry.discover``).
"""

from fazhi.files.registry import register_owner

from .models import NormativeDocument
from .permissions import VIEW

register_owner(NormativeDocument, VIEW, stages=("起草", "征求意见", "合法性审核", "公布", "备案"))
