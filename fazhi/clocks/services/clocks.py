"""Registering and running statutory clocks. Due dates come only from `fazhi.clocks.calendar`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone

from fazhi.clocks import calendar as engine
from fazhi.clocks.models import Clock, ClockExtension, ClockPause
from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User

ACTIVE = [Clock.Status.RUNNING, Clock.Status.PAUSED]


def _target_key(target: models.Model) -> tuple[str, str]:
    return target._meta.label_lower, str(target.pk)


def _recompute(clock: Clock) -> None:
    """Due date and explanation from start, rule, closed pauses and extensions."""
    pauses: list[tuple[dt.date, dt.date]] = []
    extensions: list[str] = []
    if clock.pk is not None:
        pauses = [(p.from_on, p.to_on) for p in clock.pauses.all() if p.to_on is not None]
        extensions = [e.rule for e in clock.extensions.all()]
    due = engine.compute_due(clock.start_on, clock.rule, pauses=pauses, extensions=extensions)
    clock.due_on, clock.explanation = due.due_on, due.text


def clock_for(target: models.Model, kind: str) -> Clock | None:
    """The active clock of `kind` on `target`, if any."""
    target_type, target_id = _target_key(target)
    return Clock.objects.filter(
        target_type=target_type, target_id=target_id, kind=kind, status__in=ACTIVE
    ).first()


@transaction.atomic
def clock_register(
    *,
    actor: User | None,
    target: models.Model,
    kind: str,
    label: str,
    start_on: dt.date,
    rule: str,
    org_unit: OrgUnit | None = None,
    legal_basis: str = "",
    responsible: Iterable[User] = (),
    url: str = "",
) -> Clock:
    """Start a clock for `target` (one active clock per kind and target)."""
    target_type, target_id = _target_key(target)
    unit = (
        org_unit
        or getattr(target, "org_unit", None)
        or (target if isinstance(target, OrgUnit) else None)
    )
    if unit is None:
        raise DomainError("法定期限必须有责任单位")
    if clock_for(target, kind) is not None:
        raise DomainError(f"该事项的“{label}”已在计时中")
    engine.Rule.parse(rule)
    clock = Clock(
        kind=kind,
        label=label[:100],
        legal_basis=legal_basis[:200],
        target_type=target_type,
        target_id=target_id,
        target_repr=str(target)[:200],
        url=url or _url_of(target),
        org_unit=unit,
        start_on=start_on,
        rule=rule,
    )
    _recompute(clock)
    clock.save()
    clock.responsible.set(list(responsible))
    audit.record(
        actor=actor,
        verb="clocks.register",
        target=clock,
        unit_id=unit.pk,
        changes={
            "kind": [None, kind],
            "start_on": [None, start_on],
            "rule": [None, rule],
            "due_on": [None, clock.due_on],
            "target": [None, f"{target_type}#{target_id}"],
        },
    )
    return clock


def _url_of(target: models.Model) -> str:
    get = getattr(target, "get_absolute_url", None)
    try:
        return str(get()) if callable(get) else ""
    except Exception:  # noqa: BLE001 - a target without a resolvable URL still gets a clock
        return ""


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _save(
    clock: Clock,
    *,
    actor: User | None,
    verb: str,
    before: dict[str, object],
    extra: dict[str, object],
) -> Clock:
    clock.save()
    changes = audit.diff(
        before, audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    )
    audit.record(
        actor=actor,
        verb=verb,
        target=clock,
        unit_id=clock.org_unit_id,
        changes={**changes, **extra},
    )
    return clock


@transaction.atomic
def clock_pause(*, actor: User | None, clock: Clock, from_on: dt.date, reason: str) -> Clock:
    """Suspend a running clock from `from_on` (included) until resumed."""
    clock = _locked(clock)
    if clock.status != Clock.Status.RUNNING:
        raise DomainError("只有计时中的期限才能中止")
    if from_on < clock.start_on:
        raise DomainError("中止起始日不能早于起算日", field="from_on")
    if not (reason or "").strip():
        raise DomainError("请填写中止原因", field="reason")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    ClockPause.objects.create(
        clock=clock, from_on=from_on, reason=reason.strip()[:200], created_by=actor
    )
    clock.status = Clock.Status.PAUSED
    return _save(
        clock,
        actor=actor,
        verb="clocks.pause",
        before=before,
        extra={"pause_from": [None, from_on]},
    )


@transaction.atomic
def clock_resume(*, actor: User | None, clock: Clock, to_on: dt.date) -> Clock:
    """End the open pause on `to_on` (included); its days are added back to the due date."""
    clock = _locked(clock)
    pause = clock.pauses.filter(to_on__isnull=True).first()
    if clock.status != Clock.Status.PAUSED or pause is None:
        raise DomainError("该期限未处于中止状态")
    if to_on < pause.from_on:
        raise DomainError("恢复日期不能早于中止起始日", field="to_on")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    pause.to_on = to_on
    pause.save(update_fields=["to_on"])
    clock.status = Clock.Status.RUNNING
    _recompute(clock)
    return _save(
        clock, actor=actor, verb="clocks.resume", before=before, extra={"pause_to": [None, to_on]}
    )


@transaction.atomic
def clock_extend(
    *, actor: User | None, clock: Clock, rule: str, reason: str, approved_by: str
) -> Clock:
    """Apply an approved extension (e.g. +30cd), counted on from the current due date."""
    clock = _locked(clock)
    if clock.status not in ACTIVE:
        raise DomainError("已办结或已撤销的期限不能延长")
    engine.Rule.parse(rule)
    if not (reason or "").strip() or not (approved_by or "").strip():
        raise DomainError("延长须写明理由和批准人", field="reason")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    ClockExtension.objects.create(
        clock=clock,
        rule=rule,
        reason=reason.strip()[:200],
        approved_by=approved_by.strip()[:100],
        created_by=actor,
    )
    _recompute(clock)
    return _save(
        clock, actor=actor, verb="clocks.extend", before=before, extra={"extension": [None, rule]}
    )


@transaction.atomic
def clock_restart(*, actor: User | None, clock: Clock, start_on: dt.date, reason: str) -> Clock:
    """Restart counting from a new start day (e.g. the supplemented application arrived, 补正后重新起算)."""
    clock = _locked(clock)
    if clock.status not in ACTIVE:
        raise DomainError("已办结或已撤销的期限不能重新起算")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on", "start_on"])
    clock.pauses.all().delete()
    clock.extensions.all().delete()
    clock.start_on, clock.status = start_on, Clock.Status.RUNNING
    _recompute(clock)
    clock.save()
    changes = audit.diff(
        before, audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on", "start_on"])
    )
    audit.record(
        actor=actor,
        verb="clocks.restart",
        target=clock,
        unit_id=clock.org_unit_id,
        changes={**changes, "reason": [None, reason]},
    )
    return clock


@transaction.atomic
def clock_complete(*, actor: User | None, clock: Clock, on: dt.date | None = None) -> Clock:
    """The duty was done (on `on`, default today): the clock stops; lateness stays visible."""
    clock = _locked(clock)
    if clock.status not in ACTIVE:
        raise DomainError("该期限已办结或已撤销")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    clock.status, clock.completed_on = Clock.Status.COMPLETED, on or timezone.localdate()
    clock.urgency = Clock.Urgency.OVERDUE if clock.completed_on > clock.due_on else Clock.Urgency.OK
    return _save(clock, actor=actor, verb="clocks.complete", before=before, extra={})


def clock_complete_for(
    *, actor: User | None, target: models.Model, kind: str | None = None, on: dt.date | None = None
) -> list[Clock]:
    """Complete the active clock of `kind` on `target` (every active clock of it when kind is None)."""
    target_type, target_id = _target_key(target)
    active = Clock.objects.filter(target_type=target_type, target_id=target_id, status__in=ACTIVE)
    if kind is not None:
        active = active.filter(kind=kind)
    return [clock_complete(actor=actor, clock=clock, on=on) for clock in active.order_by("pk")]


@transaction.atomic
def clock_cancel(*, actor: User | None, clock: Clock, reason: str) -> Clock:
    """Withdraw a clock that no longer applies (e.g. the application was withdrawn)."""
    clock = _locked(clock)
    if clock.status not in ACTIVE:
        raise DomainError("该期限已办结或已撤销")
    before = audit.snapshot(clock, ["status", "due_on", "urgency", "completed_on"])
    clock.status = Clock.Status.CANCELLED
    return _save(
        clock, actor=actor, verb="clocks.cancel", before=before, extra={"reason": [None, reason]}
    )
