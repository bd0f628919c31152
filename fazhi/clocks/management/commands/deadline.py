"""`fazhi deadline START RULE [--pause FROM..TO]... [--extend RULE]... [--explain] [--json]`.

The first line of output is the ISO due date. Exit 1 when the calendar does not cover a needed
year; exit 2 for malformed input.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from fazhi.clocks.calendar import CalendarNotCovered, compute_due
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "按工作日历计算法定期限届满日，如：fazhi deadline 2024-09-27 20wd --explain"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", help="起算日 YYYY-MM-DD（当日不计入）")
        parser.add_argument("rule", help="期限：20wd（工作日）、15cd（自然日）、6m（月）")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="FROM..TO",
            help="中止期间（含首尾），可多次",
        )
        parser.add_argument(
            "--extend", action="append", default=[], metavar="RULE", help="经批准的延长，如 30cd"
        )
        parser.add_argument("--explain", action="store_true", help="输出计算说明")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def _fail(self, message: str, code: int) -> None:
        self.stderr.write(message)
        sys.exit(code)

    def handle(self, *args: object, **options: object) -> None:
        try:
            start = dt.date.fromisoformat(str(options["start"]))
        except ValueError:
            self._fail(f"起算日“{options['start']}”无效，格式应为 YYYY-MM-DD", 2)
        pauses = []
        for raw in options["pause"]:  # type: ignore[attr-defined]
            try:
                first, last = (dt.date.fromisoformat(p) for p in str(raw).split(".."))
            except ValueError:
                self._fail(f"中止期间“{raw}”无效，格式应为 YYYY-MM-DD..YYYY-MM-DD", 2)
            pauses.append((first, last))
        try:
            extensions = [str(e) for e in options["extend"]]  # type: ignore[attr-defined]
            due = compute_due(start, str(options["rule"]), pauses=pauses, extensions=extensions)
        except CalendarNotCovered as exc:
            self._fail(exc.message, 1)
        except DomainError as exc:
            self._fail(exc.message, 2)
        if options["json"]:
            payload = {
                "start": start.isoformat(),
                "rule": options["rule"],
                "due": due.due_on.isoformat(),
                "pauses": [[a.isoformat(), b.isoformat()] for a, b in pauses],
                "extensions": options["extend"],
                "explanation": due.explanation,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(due.due_on.isoformat())
        if options["explain"]:
            for line in due.explanation:
                self.stdout.write(line)
