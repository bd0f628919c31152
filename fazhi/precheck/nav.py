"""Staff menu entries of the precheck app (in the normative documents section)."""

from fazhi.core import navigation

from .permissions import CHECK, STATS

SECTION = "规范性文件"

navigation.add("合法性预审", "precheck:check", CHECK, SECTION)
navigation.add("预审规则采纳率", "precheck:rule-stats", STATS, SECTION)
