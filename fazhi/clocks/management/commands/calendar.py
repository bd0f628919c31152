"""`fazhi calendar seed` (idempotent) and `fazhi calendar show YYYY-MM`."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandParser

from fazhi.clocks.models import CalendarDay, CalendarYear
from fazhi.clocks.services import calendar_seed


class Command(BaseCommand):
    help = "工作日历：seed 从 chinesecalendar 补齐缺失年度；show YYYY-MM 显示某月"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="补齐 chinesecalendar 已知而日历表缺少的年度")
        show = sub.add_parser("show", help="显示某月的工作日与休息日")
        show.add_argument("month", help="YYYY-MM")
        sub.add_parser("years", help="列出已纳入的年度")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "seed":
            added = calendar_seed(actor=None)
            self.stdout.write(
                f"已补齐年度：{', '.join(map(str, added))}" if added else "日历已是最新，无需补齐"
            )
        elif options["action"] == "years":
            for cy in CalendarYear.objects.order_by("year"):
                self.stdout.write(f"{cy.year}\t{cy.source}\t{cy.notice}")
        else:
            try:
                year, month = (int(p) for p in str(options["month"]).split("-"))
                first = dt.date(year, month, 1)
            except ValueError:
                self.stderr.write("月份格式应为 YYYY-MM")
                sys.exit(2)
            days = {
                d.date: d for d in CalendarDay.objects.filter(date__year=year, date__month=month)
            }
            if not days:
                self.stderr.write(f"{year} 年尚未纳入工作日历")
                sys.exit(1)
            marks = {"weekday": " ", "weekend": ".", "holiday": "休", "makeup": "班"}
            self.stdout.write(
                f"{first:%Y-%m}  一  二  三  四  五  六  日   （休=法定节假日 班=调休上班 .=周末）"
            )
            for week in pycal.Calendar().monthdatescalendar(year, month):
                cells = [
                    f"{d.day:>2}{marks[days[d].kind]}" if d.month == month and d in days else "   "
                    for d in week
                ]
                self.stdout.write("        " + " ".join(cells))
