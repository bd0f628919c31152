"""Core menu entries."""

from . import navigation
from .access import AUTHENTICATED
from .permissions import MANAGE_SECURITY, MANAGE_USERS, USE_API, VIEW_AUDIT, VIEW_ORG

navigation.add("我的工作台", "core:home", AUTHENTICATED, "工作台")
navigation.add("站内消息", "core:inbox", AUTHENTICATED, "工作台")
navigation.add("组织机构", "core:org-tree", VIEW_ORG, "系统管理")
navigation.add("用户管理", "core:user-list", MANAGE_USERS, "系统管理")
navigation.add("登录安全", "core:security-lockouts", MANAGE_SECURITY, "安全管理")
navigation.add("审计日志", "core:audit-list", VIEW_AUDIT, "安全审计")
navigation.add("接口令牌", "core:tokens", USE_API, "系统管理")
navigation.add("修改密码", "core:password-change", AUTHENTICATED, "个人设置")
