"""Permissions of case-file evaluation and the roles that carry them.

Supervisors (Justice Bureau) organise campaigns and accept rectification; legal reviewers and
supervisors score the files assigned to them; evaluated units see their results and report on
rectification; leaders read.
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role

VIEW = register(
    "evaluation.view",
    "查看案卷评查结果",
    [R.SUPERVISOR, R.LEADER, R.UNIT_HEAD, R.CLERK, R.LEGAL_REVIEWER],
)
MANAGE = register(
    "evaluation.manage", "组织案卷评查（评查标准、抽取案卷、分配、验收整改）", [R.SUPERVISOR]
)
SCORE = register("evaluation.score", "案卷评分", [R.LEGAL_REVIEWER, R.SUPERVISOR])
RECTIFY = register("evaluation.rectify", "提交案卷整改报告", [R.CLERK, R.UNIT_HEAD])
