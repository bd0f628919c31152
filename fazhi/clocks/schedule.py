"""Daily jobs without cron: the worker's scheduler thread enqueues each registered job once a day.

Apps register jobs in their AppConfig.ready(): `schedule.register("normdocs.validity", func, hour=2)`.
A `ScheduledRun(job, day)` row (unique) makes sure that however many workers run, a job runs once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A daily job: a name, a callable and the local hour after which it runs."""

    name: str
    func: Callable[[], object]
    hour: int


JOBS: dict[str, Job] = {}


@dataclass(frozen=True)
class Periodic:
    """A frequent job (e.g. applying the search outbox), enqueued every `seconds` by each scheduler.

    Periodic jobs must be safe to run concurrently (several workers may enqueue them).
    """

    name: str
    func: Callable[[], object]
    seconds: float


PERIODIC: dict[str, Periodic] = {}
_last_periodic: dict[str, float] = {}


def every(name: str, func: Callable[[], object], *, seconds: float) -> None:
    """Declare a periodic job."""
    PERIODIC[name] = Periodic(name, func, seconds)


def register(name: str, func: Callable[[], object], *, hour: int = 1) -> None:
    """Declare a daily job."""
    JOBS[name] = Job(name, func, hour)


def due_jobs(now=None) -> list[Job]:  # type: ignore[no-untyped-def]
    """Jobs whose hour has come today and that nobody has started today."""
    from .models import ScheduledRun

    now = timezone.localtime(now)
    done = set(ScheduledRun.objects.filter(day=now.date()).values_list("job", flat=True))
    return [job for job in JOBS.values() if now.hour >= job.hour and job.name not in done]


def claim(job: Job, now=None) -> bool:  # type: ignore[no-untyped-def]
    """Record today's run of `job`; False if another worker already did."""
    from .models import ScheduledRun

    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, day=timezone.localtime(now).date())
    except IntegrityError:
        return False
    return True


def run_pending(now=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Enqueue every job that is due and not yet claimed today; returns their names."""
    import time

    from .tasks import run_scheduled_job

    started = []
    for job in due_jobs(now):
        if claim(job, now):
            run_scheduled_job.enqueue(name=job.name)
            started.append(job.name)
    tick = time.monotonic()
    for periodic in PERIODIC.values():
        last = _last_periodic.get(periodic.name)
        if last is None or tick - last >= periodic.seconds:
            _last_periodic[periodic.name] = tick
            run_scheduled_job.enqueue(name=periodic.name)
            started.append(periodic.name)
    return started


def scheduler_loop(stop: threading.Event, interval: float = 15.0) -> None:
    """Body of the worker's scheduler thread."""
    from django.db import close_old_connections

    while not stop.is_set():
        try:
            close_old_connections()
            for name in run_pending():
                log.info("scheduled job %s enqueued", name)
        except Exception:  # the scheduler must survive a database hiccup
            log.exception("scheduler tick failed")
        stop.wait(interval)
