"""Permissions of the platform foundation and the roles that carry them."""

from .access import register
from .models import RoleGrant

R = RoleGrant.Role
BUSINESS = [R.CLERK, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.OFFICER, R.SUPERVISOR, R.LEADER]

MANAGE_ORG = register("core.manage_org", "管理组织机构", [R.SYSTEM_ADMIN])
MANAGE_USERS = register("core.manage_users", "管理用户与授权", [R.SYSTEM_ADMIN])
MANAGE_CALENDAR = register("core.manage_calendar", "维护工作日历", [R.SYSTEM_ADMIN])
MANAGE_SECURITY = register(
    "core.manage_security", "安全管理（锁定、会话、口令策略）", [R.SECURITY_ADMIN]
)
VIEW_AUDIT = register("core.view_audit", "查阅审计日志", [R.AUDIT_ADMIN])
VIEW_ORG = register(
    "core.view_org", "查看组织机构", [R.SYSTEM_ADMIN, R.SECURITY_ADMIN, R.AUDIT_ADMIN, *BUSINESS]
)
VIEW_CLOCKS = register("core.view_clocks", "查看法定期限", BUSINESS)
VIEW_DASHBOARD = register(
    "core.view_dashboard", "查看统计看板", [R.LEADER, R.SUPERVISOR, R.UNIT_HEAD]
)
USE_SEARCH = register("core.search", "全文检索", BUSINESS)
UPLOAD_ATTACHMENT = register(
    "core.upload_attachment", "上传附件", [R.CLERK, R.OFFICER, R.LEGAL_REVIEWER]
)
VIEW_ATTACHMENT = register("core.view_attachment", "查看附件", BUSINESS)
USE_API = register("core.use_api", "使用数据接口", [R.SYSTEM_ADMIN, *BUSINESS])
