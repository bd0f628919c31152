"""`fazhi validate {uscc,idcard,division} VALUE`: exit 0 and 有效, or exit 1 and the reason."""

import sys

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.identifiers import VALIDATORS


class Command(BaseCommand):
    help = "校验统一社会信用代码、公民身份号码或行政区划代码"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(VALIDATORS))
        parser.add_argument("value")

    def handle(self, *args: object, **options: str) -> None:
        reason = VALIDATORS[options["kind"]](options["value"])
        if reason is None:
            self.stdout.write("有效")
            return
        self.stdout.write(reason)
        sys.exit(1)
