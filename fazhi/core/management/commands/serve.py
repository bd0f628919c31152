"""`fazhi serve`: the web server (gunicorn) plus the background worker, for demos and small installs.

Production runs the two as separate services (see docs/deployment.md); this command is the
one-process-tree convenience used by `make run`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "启动 Web 服务（gunicorn）与后台任务进程"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000"
        )
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")

    def handle(self, *args: object, **options: object) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "fazhi.settings.dev"
            ),
        }
        bin_dir = os.path.dirname(sys.executable)
        procs: list[subprocess.Popen[bytes]] = []
        if not options["no_worker"] and "worker" in get_commands():
            procs.append(subprocess.Popen([os.path.join(bin_dir, "fazhi"), "worker"], env=env))  # noqa: S603
        if settings.DEBUG:
            env["FAZHI_SERVE_STATIC_FROM_FINDERS"] = "1"
        web = [
            os.path.join(bin_dir, "gunicorn"),
            "fazhi.wsgi:application",
            "--bind",
            str(options["addr"]),
            "--workers",
            str(options["workers"]),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--env",
            f"DJANGO_SETTINGS_MODULE={env['DJANGO_SETTINGS_MODULE']}",
        ]
        procs.append(subprocess.Popen(web, env=env))  # noqa: S603
        self.stdout.write(
            f"法治平台已启动：http://{options['addr']}/  （工作人员入口 /staff/，按 Ctrl+C 停止）"
        )
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
