"""Staff menu entries of supervision analytics."""

from fazhi.core import navigation

from .permissions import VIEW_LEADER, VIEW_SUPERVISION

SECTION = "执法监督分析"

navigation.add("监督看板", "analytics:supervisor", VIEW_SUPERVISION, SECTION)
navigation.add("异常线索", "analytics:flags", VIEW_SUPERVISION, SECTION)
navigation.add("领导看板", "analytics:leader", VIEW_LEADER, SECTION)
