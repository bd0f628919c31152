"""Clock services, the sweep and its notifications, calendar maintenance."""

import datetime as dt

import pytest

from fazhi.clocks import calendar as engine
from fazhi.clocks import schedule
from fazhi.clocks.models import CalendarDay, Clock
from fazhi.clocks.services import (
    calendar_day_set,
    calendar_import_notice,
    clock_complete,
    clock_extend,
    clock_pause,
    clock_register,
    clock_restart,
    clock_resume,
    clock_sweep,
)
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry, Notification
from fazhi.core.testing import ROLES, make_user

D = dt.date.fromisoformat


@pytest.fixture(autouse=True)
def _fresh_cache():
    engine.invalidate()
    yield
    engine.invalidate()


@pytest.fixture
def clock(world, clerk_a):
    # a disclosure reply clock on district A's market bureau (the unit is the target)
    return clock_register(
        actor=clerk_a,
        target=world.market_a,
        kind="disclosure.reply",
        label="答复期限",
        start_on=D("2024-05-13"),
        rule="20wd",
        legal_basis="《政府信息公开条例》第三十三条",
        responsible=[clerk_a],
    )


def test_register_computes_the_due_date_and_audits(clock):
    assert clock.due_on == D("2024-06-11")
    assert "起算日当日不计入" in clock.explanation
    assert AuditEntry.objects.filter(verb="clocks.register", target_id=str(clock.pk)).count() == 1


def test_one_active_clock_per_kind_and_target(world, clock, clerk_a):
    with pytest.raises(DomainError, match="已在计时中"):
        clock_register(
            actor=clerk_a,
            target=world.market_a,
            kind="disclosure.reply",
            label="答复期限",
            start_on=D("2024-05-14"),
            rule="20wd",
        )
    assert Clock.objects.count() == 1


def test_pause_resume_adds_the_working_days_back(clock, clerk_a):
    clock_pause(actor=clerk_a, clock=clock, from_on=D("2024-05-20"), reason="征求第三方意见")
    clock = clock_resume(actor=clerk_a, clock=clock, to_on=D("2024-05-24"))
    assert clock.due_on == D("2024-06-18")
    assert clock.status == Clock.Status.RUNNING


def test_extension_and_restart(clock, clerk_a):
    clock = clock_extend(
        actor=clerk_a, clock=clock, rule="20wd", reason="需要较长时间检索", approved_by="办公室主任"
    )
    assert clock.due_on == D("2024-07-09")
    clock = clock_restart(
        actor=clerk_a, clock=clock, start_on=D("2024-10-08"), reason="申请人补正后重新起算"
    )
    assert clock.due_on == D("2024-11-04")
    assert not clock.extensions.exists()


def test_extension_needs_reason_and_approver(clock, clerk_a):
    with pytest.raises(DomainError, match="理由和批准人"):
        clock_extend(actor=clerk_a, clock=clock, rule="20wd", reason="", approved_by="")
    clock.refresh_from_db()
    assert clock.due_on == D("2024-06-11")


def test_sweep_marks_due_soon_then_overdue_and_notifies_once(clock, clerk_a):
    # three working days before 06-11 is 06-06: due soon
    result = clock_sweep(today=D("2024-06-06"))
    clock.refresh_from_db()
    assert (result.due_soon, clock.urgency) == (1, Clock.Urgency.DUE_SOON)
    assert Notification.objects.filter(recipient=clerk_a, level="due_soon").count() == 1
    # a second sweep the same day changes nothing and sends nothing new
    assert clock_sweep(today=D("2024-06-06")).due_soon == 0
    assert Notification.objects.filter(recipient=clerk_a).count() == 1
    # after the due date: overdue
    clock_sweep(today=D("2024-06-12"))
    clock.refresh_from_db()
    assert clock.urgency == Clock.Urgency.OVERDUE
    assert Notification.objects.filter(recipient=clerk_a, level="overdue").count() == 1


def test_overdue_shows_on_the_responsible_users_home_page(client, clock, clerk_a):
    clock_sweep(today=D("2024-06-12"))
    client.force_login(clerk_a)
    page = client.get("/staff/").content.decode()
    assert "答复期限" in page and "已逾期事项" in page


def test_completed_late_stays_visible_as_overdue(clock, clerk_a):
    clock = clock_complete(actor=clerk_a, clock=clock, on=D("2024-06-12"))
    assert clock.status == Clock.Status.COMPLETED and clock.urgency == Clock.Urgency.OVERDUE


def test_calendar_day_edit_requires_a_reason_and_changes_deadlines(world):
    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    with pytest.raises(DomainError, match="修改原因"):
        calendar_day_set(actor=admin, day=D("2024-06-05"), is_workday=False, name="", note="")
    calendar_day_set(
        actor=admin, day=D("2024-06-05"), is_workday=False, name="地方性假日", note="测试：地方调整"
    )
    engine.invalidate()
    assert engine.compute_due(D("2024-06-04"), "1wd").due_on == D("2024-06-06")
    assert AuditEntry.objects.filter(verb="clocks.calendar_day_set").count() == 1


NOTICE_2027 = """\
2027-01-01..2027-01-03 元旦
2027-02-06..2027-02-13 春节
2027-02-14 调休上班
2027-04-05 清明节
"""


def test_importing_next_years_notice_makes_it_computable(world):
    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    with pytest.raises(engine.CalendarNotCovered):
        engine.compute_due(D("2027-02-05"), "1wd")
    calendar_import_notice(actor=admin, year=2027, notice="国办发明电〔2026〕9号", text=NOTICE_2027)
    engine.invalidate()
    assert engine.compute_due(D("2027-02-05"), "1wd").due_on == D("2027-02-14")  # a make-up Sunday
    assert CalendarDay.objects.filter(date__year=2027).count() == 365


@pytest.mark.parametrize(
    "text", ["2027-02-30 春节", "not a line", "2026-12-31 元旦", "2027-02-10..2027-02-01 春节"]
)
def test_bad_notice_lines_are_refused_and_nothing_is_written(world, text):
    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    with pytest.raises(DomainError) as exc:
        calendar_import_notice(
            actor=admin, year=2027, notice="国办发明电〔2026〕9号", text=NOTICE_2027 + text
        )
    assert "第 5 行" in exc.value.message or "不属于 2027 年" in exc.value.message
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_scheduler_runs_each_daily_job_once(db, monkeypatch):
    calls = []
    monkeypatch.setattr(schedule, "JOBS", {})
    monkeypatch.setattr(schedule, "PERIODIC", {})
    schedule.register("test.job", lambda: calls.append(1), hour=0)
    assert schedule.run_pending() == ["test.job"]
    assert schedule.run_pending() == []
    assert calls == [1]


def test_scheduler_enqueues_periodic_jobs_once_per_interval(db, monkeypatch):
    calls = []
    monkeypatch.setattr(schedule, "JOBS", {})
    monkeypatch.setattr(schedule, "PERIODIC", {})
    monkeypatch.setattr(schedule, "_last_periodic", {})
    schedule.every("test.often", lambda: calls.append(1), seconds=3600)
    assert schedule.run_pending() == ["test.often"]
    assert schedule.run_pending() == []  # not again within the interval
    assert calls == [1]


def test_everyone_is_warned_late_in_the_year_when_next_years_calendar_is_missing(
    client, world, clerk_a
):
    from fazhi.clocks.selectors import calendar_gap

    assert calendar_gap(today=D("2026-06-30")) is None  # too early to expect the notice
    assert calendar_gap(today=D("2026-11-30")) == 2027
    client.force_login(clerk_a)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda: D("2026-11-30"))
        page = client.get("/staff/").content.decode()
    assert "2027 年工作日历尚未导入" in page and "请联系系统管理员" in page

    admin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    calendar_import_notice(
        actor=admin, year=2027, notice="国办发明电〔2026〕X号", text="2027-01-01 元旦"
    )
    assert calendar_gap(today=D("2026-11-30")) is None
