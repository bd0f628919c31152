"""Permissions of the random-inspection app and the roles that carry them.

Clerks and unit heads keep the lists and pools and run tasks (commit the seed, draw, publish);
officers and clerks record results; supervisors and leaders read everything in their scope.
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role
READERS = [R.CLERK, R.OFFICER, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.SUPERVISOR, R.LEADER]

VIEW = register("inspections.view", "查看双随机抽查", READERS)
MANAGE = register(
    "inspections.manage", "维护抽查事项、检查对象库、回避关系，编制抽查任务", [R.CLERK, R.UNIT_HEAD]
)
DRAW = register("inspections.draw", "公布种子承诺、随机抽取", [R.CLERK, R.UNIT_HEAD])
RECORD_RESULTS = register("inspections.record_results", "录入检查结果", [R.OFFICER, R.CLERK])
PUBLISH = register("inspections.publish", "公开抽查结果", [R.CLERK, R.UNIT_HEAD])
