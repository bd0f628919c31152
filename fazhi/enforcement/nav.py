"""Staff menu entries of the enforcement app."""

from fazhi.core import navigation

from .permissions import REVIEW_CASES, VIEW_CASES, VIEW_REGISTERS

SECTION = "行政执法监督"

navigation.add("执法案件", "enforcement:case-list", VIEW_CASES, SECTION)
navigation.add("公示管理", "enforcement:publicity-queue", VIEW_CASES, SECTION)
navigation.add("法制审核", "enforcement:review-queue", REVIEW_CASES, SECTION)
navigation.add("执法主体", "enforcement:subject-list", VIEW_REGISTERS, SECTION)
navigation.add("执法人员", "enforcement:officer-list", VIEW_REGISTERS, SECTION)
navigation.add("权责清单", "enforcement:power-list", VIEW_REGISTERS, SECTION)
navigation.add("裁量基准", "enforcement:benchmark-list", VIEW_REGISTERS, SECTION)
navigation.add("四张清单", "enforcement:lenient-list", VIEW_REGISTERS, SECTION)
