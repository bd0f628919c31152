"""`fazhi sweep-clocks [--date YYYY-MM-DD]`: mark due-soon and overdue clocks now and notify."""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandParser

from fazhi.clocks.services import clock_sweep
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "立即巡检法定期限：标记即将到期与已逾期事项并发送站内提醒"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按该日期巡检（默认今天）")

    def handle(self, *args: object, **options: object) -> None:
        try:
            today = dt.date.fromisoformat(str(options["date"])) if options["date"] else None
            result = clock_sweep(today=today)
        except ValueError:
            self.stderr.write("日期格式应为 YYYY-MM-DD")
            sys.exit(2)
        except DomainError as exc:
            self.stderr.write(exc.message)
            sys.exit(1)
        self.stdout.write(
            f"{result.day}：新增逾期 {result.overdue}，新增即将到期 {result.due_soon}，"
            f"恢复正常 {result.back_to_ok}，发送提醒 {result.notified}"
        )
