"""Permissions of the precheck app.

Seeing findings follows the normative document (`normdocs.view` over its issuer); deciding them is
the legality reviewer's (`normdocs.review`). Two permissions of its own: checking pasted text, and
the per-rule acceptance rates used to tune the rules.
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant
from fazhi.normdocs import permissions as normdocs_permissions

R = RoleGrant.Role

VIEW = normdocs_permissions.VIEW
DECIDE = normdocs_permissions.REVIEW
CHECK = register("precheck.check", "文本合法性预审", [R.CLERK, R.LEGAL_REVIEWER])
STATS = register("precheck.stats", "预审规则采纳率", [R.LEGAL_REVIEWER, R.SUPERVISOR, R.LEADER])
