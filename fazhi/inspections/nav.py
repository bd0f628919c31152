"""Staff menu entries of the random-inspection app."""

from fazhi.core import navigation

from .permissions import VIEW

SECTION = "双随机一公开"

navigation.add("抽查任务", "inspections:task-list", VIEW, SECTION)
navigation.add("抽查事项清单", "inspections:item-list", VIEW, SECTION)
navigation.add("检查对象名录库", "inspections:object-list", VIEW, SECTION)
navigation.add("检查人员名录库", "inspections:inspector-list", VIEW, SECTION)
