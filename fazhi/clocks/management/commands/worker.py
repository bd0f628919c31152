"""`fazhi worker`: run background tasks and, in a thread, the daily-job scheduler (no cron needed)."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from fazhi.clocks.schedule import scheduler_loop


class Command(BaseCommand):
    help = "后台任务进程：执行队列中的任务，并按时触发每日任务（期限巡检、审计检查点等）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-scheduler", action="store_true", help="只执行任务，不触发每日任务"
        )
        parser.add_argument("--interval", type=float, default=1.0, help="轮询队列的间隔秒数")

    def handle(self, *args: object, **options: object) -> None:
        stop = threading.Event()
        if not options["no_scheduler"]:
            threading.Thread(
                target=scheduler_loop, args=(stop,), name="fazhi-scheduler", daemon=True
            ).start()
        try:
            if getattr(settings, "TASK_BACKEND", "database") == "redis":
                call_command("rqworker", "default", with_scheduler=False)
            else:
                call_command("db_worker", interval=options["interval"])
        finally:
            stop.set()
