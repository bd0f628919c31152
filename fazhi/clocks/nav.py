"""Clock menu entries."""

from fazhi.core import navigation
from fazhi.core.access import has_root_scope
from fazhi.core.permissions import MANAGE_CALENDAR, VIEW_CLOCKS

from .permissions import USE_CALCULATOR

navigation.add("法定期限", "clocks:list", VIEW_CLOCKS, "工作台")
navigation.add("期限计算器", "clocks:calculator", USE_CALCULATOR, "工作台")
navigation.add(
    "工作日历",
    "clocks:calendar",
    MANAGE_CALENDAR,
    "系统管理",
    check=lambda user: has_root_scope(user, MANAGE_CALENDAR),
)
