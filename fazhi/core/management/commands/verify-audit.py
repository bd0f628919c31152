"""`fazhi verify-audit`: re-walk the audit hash chain.

Exit 0 and print the head hash when intact; exit 1 naming the first altered, inserted or deleted entry.
"""

import sys

from django.core.management.base import BaseCommand

from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "校验审计日志哈希链：完整则输出链头哈希（退出码 0），否则指出第一条被篡改、插入或删除的记录（退出码 1）"

    def handle(self, *args: object, **options: object) -> None:
        problem, head, count = verify_chain()
        if problem is None:
            self.stdout.write(head)
            self.stdout.write(f"审计哈希链完整：共 {count} 条记录")
            return
        self.stdout.write(
            f"审计哈希链校验失败：{problem.message}（类型：{problem.kind}，链号：{problem.lane}，链内序号：{problem.seq}）"
        )
        sys.exit(1)
