"""The working-day engine reproduces every case of domain.md §9 (and the §7 rules)."""

import datetime as dt

import pytest

from fazhi.clocks import calendar as engine
from fazhi.clocks.calendar import CalendarNotCovered, compute_due
from fazhi.core.errors import DomainError

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    engine.invalidate()
    yield
    engine.invalidate()


@pytest.mark.parametrize(
    ("case", "start", "rule", "due"),
    [
        ("A3 disclosure reply", "2024-05-13", "20wd", "2024-06-11"),
        ("A4 disclosure reply", "2024-10-08", "20wd", "2024-11-04"),
        ("B3 copy to respondent", "2024-04-30", "7wd", "2024-05-13"),
        ("B3 respondent reply", "2024-05-13", "10wd", "2024-05-27"),
        ("B7 supplement notice", "2024-06-05", "5wd", "2024-06-13"),
        ("B7 applicant supplies", "2024-06-14", "10wd", "2024-06-28"),
        ("C3 hearing request", "2024-09-27", "5wd", "2024-10-10"),
        ("C5 service", "2024-02-08", "7wd", "2024-02-23"),
        ("D1 defence", "2024-09-20", "15cd", "2024-10-08"),
        ("D2 defence (make-up Sunday)", "2024-01-26", "15cd", "2024-02-18"),
        ("D3 appeal judgment", "2024-04-19", "15cd", "2024-05-06"),
        ("D4 appeal ruling", "2024-06-01", "10cd", "2024-06-11"),
        ("D8 reminder", "2024-09-27", "10wd", "2024-10-16"),
        ("E2 publicity", "2024-09-27", "20wd", "2024-10-30"),
        ("E3 publicity", "2024-02-05", "7wd", "2024-02-20"),
        ("E4 publicity", "2024-04-30", "20wd", "2024-05-30"),
        ("E5 publicity across years", "2024-12-25", "20wd", "2025-01-23"),
        ("E7 random inspection", "2024-06-07", "20wd", "2024-07-08"),
        ("F1 comment period", "2024-09-02", "30cd", "2024-10-08"),
        ("F3 decision legality review", "2024-09-26", "7wd", "2024-10-11"),
        ("months: month-end rule", "2024-01-31", "1m", "2024-02-29"),
    ],
)
def test_domain_cases(case, start, rule, due):
    assert compute_due(D(start), rule).due_on == D(due), case


def test_f1_earliest_close_is_the_thirtieth_day_itself():
    # §9 F1 gives 10-02, the bare 30th calendar day (a holiday); a statutory period that ends on a
    # holiday rolls to the next working day, which is what the engine computes for a deadline.
    assert D("2024-09-02") + dt.timedelta(days=30) == D("2024-10-02")
    assert compute_due(D("2024-09-02"), "30cd").due_on == D("2024-10-08")


def test_extensions_continue_from_the_due_date():
    # A3/A4: 20 WD, extended by 20 WD
    assert compute_due(D("2024-05-13"), "20wd", extensions=["20wd"]).due_on == D("2024-07-09")
    assert compute_due(D("2024-10-08"), "20wd", extensions=["20wd"]).due_on == D("2024-12-02")
    # C2: filed 2024-07-15, 90 CD + 30 CD (SAMR) = 120 CD
    assert compute_due(D("2024-07-15"), "90cd", extensions=["30cd"]).due_on == D("2024-11-12")


def test_pauses_add_back_working_days_for_wd_rules():
    # 20 WD from 2024-05-13 is 06-11; a consultation 05-20..05-24 (5 working days) pushes it 5 WD.
    due = compute_due(D("2024-05-13"), "20wd", pauses=[(D("2024-05-20"), D("2024-05-24"))])
    assert due.due_on == D("2024-06-18")
    assert "5 个工作日" in due.text


def test_pauses_add_back_all_days_for_cd_rules_and_roll_only_at_the_end():
    # 60 CD from 2024-03-01 is 04-30; a suspension 04-01..04-03 (3 days) gives 05-03 (a holiday) → 05-06
    due = compute_due(D("2024-03-01"), "60cd", pauses=[(D("2024-04-01"), D("2024-04-03"))])
    assert due.due_on == D("2024-05-06")
    assert "顺延至其后第一个工作日" in due.text


def test_explanation_names_holidays_weekends_and_make_up_days():
    text = compute_due(D("2024-09-27"), "20wd").text
    assert "起算日当日不计入" in text
    assert "国庆节" in text
    assert "2024-10-12（星期六）" in text and "计为工作日" in text


def test_a_year_the_calendar_does_not_cover_is_refused():
    with pytest.raises(CalendarNotCovered) as exc:
        compute_due(D("2026-12-20"), "20wd")
    assert "2027 年的工作日历尚未维护" in exc.value.message
    with pytest.raises(CalendarNotCovered):
        compute_due(D("2027-01-04"), "5wd")


@pytest.mark.parametrize("rule", ["", "20", "wd", "20days", "-5wd", "0cd", "20 WDX"])
def test_malformed_rules_are_refused(rule):
    with pytest.raises(DomainError, match="期限"):
        compute_due(D("2024-01-02"), rule)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-03-01", "2025-02-28"),  # F6: annual report due on a Saturday
        ("2025-01-31", "2025-01-27"),  # F7: disclosure report inside the Spring Festival
        (
            "2024-10-01",
            "2024-09-30",
        ),  # F4: hearing materials ≥7 days before 10-08 would be a holiday
    ],
)
def test_fixed_deadlines_on_rest_days_warn_with_the_previous_working_day(day, expected):
    warning = engine.check_fixed_deadline(D(day))
    assert warning is not None and expected in warning and "不顺延" in warning


def test_fixed_deadline_on_a_working_day_has_no_warning():
    assert engine.check_fixed_deadline(D("2025-03-03")) is None
