"""The daily sweep: mark running clocks due-soon or overdue and tell the people responsible.

Set-based: the two thresholds are computed once from the calendar, then each urgency is one
UPDATE over the (status, due_on) index; only clocks whose urgency changed are notified, in bulk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.clocks import calendar as engine
from fazhi.clocks import conf
from fazhi.clocks.models import Clock
from fazhi.core import audit
from fazhi.core.models import Notification

BATCH = 5000
U = Clock.Urgency


@dataclass(frozen=True)
class SweepResult:
    """What one sweep changed."""

    day: dt.date
    overdue: int
    due_soon: int
    back_to_ok: int
    notified: int


def _changed_ids(qs) -> list[int]:  # type: ignore[no-untyped-def]
    return list(qs.values_list("pk", flat=True))


def _apply(ids: list[int], urgency: str) -> None:
    for i in range(0, len(ids), BATCH):
        Clock.objects.filter(pk__in=ids[i : i + BATCH]).update(
            urgency=urgency, updated_at=timezone.now()
        )


def _notify(ids: list[int], urgency: str) -> int:
    level = Notification.Level.OVERDUE if urgency == U.OVERDUE else Notification.Level.DUE_SOON
    word = "已逾期" if urgency == U.OVERDUE else "即将到期"
    through = Clock.responsible.through
    made = 0
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        clocks = {
            c.pk: c
            for c in Clock.objects.filter(pk__in=chunk).only("pk", "label", "target_repr", "due_on")
        }
        notes = [
            Notification(
                recipient_id=user_id,
                level=level,
                title=f"{word}：{clocks[clock_id].label} — {clocks[clock_id].target_repr}"[:200],
                body=f"届满日 {clocks[clock_id].due_on.isoformat()}",
                url=f"/staff/clocks/{clock_id}/",
                dedupe_key=f"clock:{clock_id}:{urgency}",
            )
            for clock_id, user_id in through.objects.filter(clock_id__in=chunk).values_list(
                "clock_id", "user_id"
            )
        ]
        made += len(Notification.objects.bulk_create(notes, batch_size=2000, ignore_conflicts=True))
    return made


def clock_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Mark urgencies as of `today` (default: the local date) and notify; safe to run repeatedly."""
    today = today or timezone.localdate()
    soon_until = engine.add_working_days(today, conf.due_soon_working_days())
    running = Clock.objects.filter(status=Clock.Status.RUNNING)
    with transaction.atomic():
        overdue = _changed_ids(running.filter(due_on__lt=today).exclude(urgency=U.OVERDUE))
        soon = _changed_ids(
            running.filter(due_on__gte=today, due_on__lte=soon_until).exclude(urgency=U.DUE_SOON)
        )
        ok = _changed_ids(running.filter(due_on__gt=soon_until).exclude(urgency=U.OK))
        _apply(overdue, U.OVERDUE)
        _apply(soon, U.DUE_SOON)
        _apply(ok, U.OK)
        notified = _notify(overdue, U.OVERDUE) + _notify(soon, U.DUE_SOON)
        audit.record(
            actor=None,
            verb="clocks.sweep",
            target=f"法定期限巡检 {today.isoformat()}",
            changes={
                "overdue": [None, len(overdue)],
                "due_soon": [None, len(soon)],
                "ok": [None, len(ok)],
                "notified": [None, notified],
            },
        )
    return SweepResult(today, len(overdue), len(soon), len(ok), notified)
