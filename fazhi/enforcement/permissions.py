"""Permissions of the enforcement app and the roles that carry them.

Officers and clerks handle their unit's cases, legal reviewers review, unit heads approve and
decide, supervisors (Justice Bureau, granted over their subtree) and leaders read everything in
scope. Scope always comes from the role grant (core.access).
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role
READERS = [R.CLERK, R.OFFICER, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.SUPERVISOR, R.LEADER]

VIEW_CASES = register("enforcement.view_cases", "查看执法案件", READERS)
HANDLE_CASES = register("enforcement.handle_cases", "办理执法案件", [R.OFFICER, R.CLERK])
REVIEW_CASES = register("enforcement.review_cases", "法制审核", [R.LEGAL_REVIEWER])
APPROVE_CASES = register(
    "enforcement.approve_cases", "审批执法案件（立案、延期、决定、移送）", [R.UNIT_HEAD]
)
VIEW_REGISTERS = register("enforcement.view_registers", "查看执法主体、人员、清单", READERS)
MANAGE_REGISTERS = register(
    "enforcement.manage_registers",
    "维护执法主体、人员、权责清单、裁量基准",
    [R.CLERK, R.UNIT_HEAD, R.SUPERVISOR],
)
MANAGE_PUBLICITY = register("enforcement.manage_publicity", "执法公示", [R.CLERK, R.UNIT_HEAD])
IMPORT_CASES = register(
    "enforcement.import_cases", "导入/推送执法案件", [R.CLERK, R.OFFICER, R.UNIT_HEAD]
)
