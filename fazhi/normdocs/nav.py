"""Staff menu entries of the normdocs app."""

from fazhi.core import navigation

from . import permissions as P

SECTION = "规范性文件"

navigation.add("文件管理", "normdocs:document-list", P.VIEW, SECTION)
navigation.add("备案审查", "normdocs:filing-dashboard", P.FILE_REVIEW, SECTION)
navigation.add("审查建议", "normdocs:suggestion-list", P.SUPERVISE, SECTION)
navigation.add("清理工作", "normdocs:campaign-list", P.SUPERVISE, SECTION)
navigation.add("统计分析", "normdocs:statistics", P.VIEW, SECTION)
navigation.add("批量导入", "normdocs:import", P.IMPORT, SECTION)
