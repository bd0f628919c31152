"""Permissions of supervision analytics: the supervisor's and the leader's dashboards."""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role

VIEW_SUPERVISION = register(
    "analytics.view_supervision", "执法监督分析（监督人员看板、异常线索）", [R.SUPERVISOR]
)
VIEW_LEADER = register("analytics.view_leader", "执法监督领导看板", [R.LEADER, R.SUPERVISOR])
