"""Clock permissions (calendar maintenance is core.manage_calendar; reading clocks core.view_clocks)."""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role
USE_CALCULATOR = register(
    "clocks.calculator",
    "使用期限计算器",
    [R.CLERK, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.OFFICER, R.SUPERVISOR, R.LEADER, R.SYSTEM_ADMIN],
)
MANAGE_CLOCKS = register(
    "clocks.manage",
    "中止、延长、办结法定期限",
    [R.CLERK, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.OFFICER, R.SUPERVISOR],
)
