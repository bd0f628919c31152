"""Permissions of the attachments app.

Seeing and adding attachments use the platform's `core.view_attachment` / `core.upload_attachment`;
on top of that an attachment is visible exactly when its owner record is (see `registry`).
Voiding evidence is a separate, audited act.
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant
from fazhi.core.permissions import UPLOAD_ATTACHMENT, VIEW_ATTACHMENT

R = RoleGrant.Role

VIEW = VIEW_ATTACHMENT
UPLOAD = UPLOAD_ATTACHMENT
VOID = register(
    "files.void_attachment", "作废附件（须说明理由）", [R.CLERK, R.OFFICER, R.UNIT_HEAD]
)
