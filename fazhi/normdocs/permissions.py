"""Permissions of the normdocs app and the roles that carry them.

经办人 drafts; 法制审核人员 reviews; 单位负责人 approves and records deliberations; 监督人员 (the Justice
Bureau) registers and numbers, handles filing review, suggestions and cleanup; 领导 views.
"""

from fazhi.core.access import register
from fazhi.core.models import RoleGrant

R = RoleGrant.Role

VIEW = register(
    "normdocs.view",
    "查看规范性文件",
    [R.CLERK, R.LEGAL_REVIEWER, R.UNIT_HEAD, R.SUPERVISOR, R.LEADER],
)
DRAFT = register("normdocs.draft", "起草规范性文件、征求意见", [R.CLERK])
REVIEW = register("normdocs.review", "合法性审核", [R.LEGAL_REVIEWER])
APPROVE = register("normdocs.approve", "集体审议、签发", [R.UNIT_HEAD])
REGISTER = register("normdocs.register", "统一登记编号、公布", [R.SUPERVISOR])
FILE_REVIEW = register("normdocs.file_review", "备案登记与审查", [R.SUPERVISOR])
SUPERVISE = register("normdocs.supervise", "审查建议、清理、统计", [R.SUPERVISOR, R.LEADER])
IMPORT = register("normdocs.import", "批量导入历史文件", [R.SUPERVISOR, R.CLERK])
