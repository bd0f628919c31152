"""Staff menu entries of case-file evaluation."""

from fazhi.core import navigation

from .permissions import MANAGE, SCORE, VIEW

SECTION = "行政执法监督"

navigation.add("案卷评查", "evaluation:campaign-list", VIEW, SECTION)
navigation.add("我的评查任务", "evaluation:my-evaluations", SCORE, SECTION)
navigation.add("评查结果与整改", "evaluation:evaluation-list", VIEW, SECTION)
navigation.add("评查标准", "evaluation:rubric-list", MANAGE, SECTION)
