"""Evaluation rules: sampling, the reviewer recusal gate, veto, grades, rectification and its clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.clocks.calendar import compute_due
from fazhi.clocks.models import Clock
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.evaluation import services
from fazhi.evaluation.models import Evaluation, Grade, Rectification, Rubric

from .conftest import ITEMS, full_marks, make_campaign


def _sampled(setting, world, **kw):
    campaign = make_campaign(setting, world, **kw)
    return services.campaign_sample(actor=setting.organiser, campaign=campaign, seed="seed-1")


def _assigned_market_file(setting, world):
    campaign = _sampled(setting, world)
    evaluation = campaign.evaluations.filter(org_unit=world.market_a).first()
    return services.evaluation_assign(
        actor=setting.organiser, evaluation=evaluation, reviewer=setting.reviewer_a
    )


def test_sampling_draws_n_per_unit_only_closed_in_period_and_is_reproducible(setting, world):
    # given / when
    campaign = _sampled(setting, world, value=3)
    # then three files per unit, all closed within the period
    rows = {r.unit_id: (r.population, r.sampled) for r in campaign.unit_rows.all()}
    assert rows == {world.market_a.pk: (10, 3), setting.transport.pk: (4, 3)}
    drawn = set(campaign.evaluations.values_list("case_id", flat=True))
    allowed = {c.pk for c in setting.market_cases + setting.transport_cases}
    assert drawn <= allowed
    # and the same seed over the same candidates draws the same files
    ids = sorted(c.pk for c in setting.market_cases)
    again = services.draw("seed-1", world.market_a.pk, ids, 3)
    assert set(again) == set(
        campaign.evaluations.filter(org_unit=world.market_a).values_list("case_id", flat=True)
    )
    # and the rubric version is frozen
    setting.rubric.refresh_from_db()
    assert setting.rubric.used is True


def test_percent_sampling_rounds_up(setting, world):
    campaign = _sampled(setting, world, mode="percent", value=25)
    rows = {r.unit_id: r.sampled for r in campaign.unit_rows.all()}
    assert rows == {world.market_a.pk: 3, setting.transport.pk: 1}  # ⌈2.5⌉, ⌈1⌉


def test_reviewer_from_the_case_unit_is_refused_and_nothing_changes(setting, world):
    # given a drawn file of the market bureau
    campaign = _sampled(setting, world)
    evaluation = campaign.evaluations.filter(org_unit=world.market_a).first()
    entries = AuditEntry.objects.count()
    # when the organiser assigns the market bureau's own legal reviewer
    with pytest.raises(DomainError, match="不得评查本单位"):
        services.evaluation_assign(
            actor=setting.organiser, evaluation=evaluation, reviewer=setting.market_reviewer
        )
    # then nothing changed
    evaluation.refresh_from_db()
    assert (evaluation.reviewer_id, evaluation.status) == (None, Evaluation.Status.PENDING)
    assert AuditEntry.objects.count() == entries
    # and the same reviewer may review the transport bureau's file
    other = campaign.evaluations.filter(org_unit=setting.transport).first()
    done = services.evaluation_assign(
        actor=setting.organiser, evaluation=other, reviewer=setting.market_reviewer
    )
    assert done.status == Evaluation.Status.ASSIGNED


def test_even_assignment_never_gives_a_reviewer_its_own_units_files(setting, world):
    campaign = _sampled(setting, world)
    count = services.campaign_assign_evenly(
        actor=setting.organiser,
        campaign=campaign,
        reviewers=[setting.market_reviewer, setting.reviewer_a],
    )
    assert count == 6
    own = campaign.evaluations.filter(reviewer=setting.market_reviewer, org_unit=world.market_a)
    assert not own.exists()


def test_a_veto_zeroes_the_score_and_fails_the_file(setting, world):
    # given
    evaluation = _assigned_market_file(setting, world)
    scores = full_marks(setting.rubric, p4={"veto": True, "note": "协办人员执法证已过期"})
    # when
    done = services.evaluation_score(
        actor=setting.reviewer_a, evaluation=evaluation, scores=scores, on=dt.date(2024, 9, 2)
    )
    # then
    assert (done.total, done.grade, done.vetoed) == (Decimal(0), Grade.FAIL, True)


@pytest.mark.parametrize(
    ("deduct", "total", "grade"),
    [
        ("0", Decimal("100.0"), Grade.EXCELLENT),
        ("10", Decimal("90.0"), Grade.EXCELLENT),  # exactly the excellent line
        ("10.5", Decimal("89.5"), Grade.PASS),
        ("30", Decimal("70.0"), Grade.PASS),  # exactly the pass line
        ("30.5", Decimal("69.5"), Grade.FAIL),
    ],
)
def test_grades_follow_the_rubric_thresholds(setting, world, deduct, total, grade):
    evaluation = _assigned_market_file(setting, world)
    points = Decimal(40) - Decimal(deduct)
    scores = full_marks(setting.rubric, p2={"points": str(points), "note": "证据不充分"})
    done = services.evaluation_score(actor=setting.reviewer_a, evaluation=evaluation, scores=scores)
    assert (done.total, done.grade) == (total, grade)
    assert Rectification.objects.filter(evaluation=done).exists() is (grade == Grade.FAIL)


def test_a_failed_file_gets_a_rectification_task_with_a_20wd_clock(setting, world):
    # given a failed file scored on Friday 2024-09-27 (National Day week follows)
    evaluation = _assigned_market_file(setting, world)
    services.evaluation_score(
        actor=setting.reviewer_a,
        evaluation=evaluation,
        scores=full_marks(
            setting.rubric,
            p2={"points": "10", "note": "证据不足"},
            p3={"points": "0", "note": "未履行告知程序"},
        ),
        on=dt.date(2024, 9, 27),
    )
    # then the task is due 20 working days later: 9-29 and 10-12 are make-up workdays (调休),
    # 10-01..07 is the National Day holiday, so the 20th working day is Wednesday 2024-10-30
    task = Rectification.objects.get(evaluation=evaluation)
    assert task.due_on == compute_due(dt.date(2024, 9, 27), "20wd").due_on == dt.date(2024, 10, 30)
    clock = Clock.objects.get(kind=services.CLOCK_KIND, target_id=str(task.pk))
    assert (clock.status, clock.due_on, clock.org_unit_id) == (
        "running",
        task.due_on,
        world.market_a.pk,
    )
    assert "未履行告知程序" in task.requirement
    # when the unit reports and the organiser accepts
    services.rectification_submit(
        actor=setting.market_clerk,
        rectification=task,
        report="已补正告知书并重新送达",
        on=dt.date(2024, 10, 20),
    )
    services.rectification_review(actor=setting.organiser, rectification=task, accept=True)
    # then the clock is completed on the report date
    clock.refresh_from_db()
    assert (clock.status, clock.completed_on) == ("completed", dt.date(2024, 10, 20))
    assert AuditEntry.objects.filter(verb="evaluation.rectification_accept").count() == 1


def test_only_the_assigned_reviewer_scores_and_deductions_need_reasons(setting, world):
    evaluation = _assigned_market_file(setting, world)
    with pytest.raises(DomainError, match="只有被分配的评查人"):
        services.evaluation_score(
            actor=setting.organiser, evaluation=evaluation, scores=full_marks(setting.rubric)
        )
    with pytest.raises(DomainError, match="扣分理由"):
        services.evaluation_score(
            actor=setting.reviewer_a,
            evaluation=evaluation,
            scores=full_marks(setting.rubric, p2={"points": "35"}),
        )
    with pytest.raises(DomainError, match="0 到 40"):
        services.evaluation_score(
            actor=setting.reviewer_a,
            evaluation=evaluation,
            scores=full_marks(setting.rubric, p2={"points": "41", "note": "x"}),
        )
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.ASSIGNED
    assert not evaluation.scores.exists()


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "至少应有一个"),
        ([{"category": "a", "title": "b", "points": "90"}], "合计应为 100"),
        ([{"category": "a", "title": "b", "points": "abc"}], "应为数字"),
        ([{"category": "", "title": "b", "points": "100"}], "类别"),
        (
            [
                {"category": "a", "title": "b", "points": "100"},
                {"category": "a", "title": "c", "points": "5", "veto": True},
            ],
            "否决项",
        ),
    ],
)
def test_bad_rubrics_are_refused(setting, world, items, message):
    before = Rubric.objects.count()
    with pytest.raises(DomainError, match=message):
        services.rubric_create(
            actor=setting.organiser,
            unit=world.justice_a,
            family="X",
            name="x",
            excellent_min="90",
            pass_min="70",
            items=items,
        )
    assert Rubric.objects.count() == before


def test_thresholds_must_be_ordered(setting, world):
    with pytest.raises(DomainError, match="合格线应低于优秀线"):
        services.rubric_create(
            actor=setting.organiser,
            unit=world.justice_a,
            family="Y",
            name="y",
            excellent_min="70",
            pass_min="80",
            items=ITEMS,
        )


def test_a_used_rubric_is_revised_as_a_new_version(setting, world):
    # given a rubric used by a campaign
    _sampled(setting, world)
    # when it is revised
    new = services.rubric_revise(
        actor=setting.organiser,
        rubric=setting.rubric,
        name="修订版",
        excellent_min="85",
        pass_min="60",
        items=ITEMS,
    )
    # then a second version exists and the first is unchanged
    old = Rubric.objects.get(pk=setting.rubric.pk)
    assert (new.version, new.family, new.excellent_min) == (2, "PJ-T", Decimal(85))
    assert (old.superseded, old.excellent_min, old.items.count()) == (True, Decimal(90), 4)


def test_an_unused_rubric_is_revised_in_place(setting, world):
    new = services.rubric_revise(
        actor=setting.organiser,
        rubric=setting.rubric,
        name="改名",
        excellent_min="95",
        pass_min="75",
        items=ITEMS,
    )
    assert new.pk == setting.rubric.pk and new.version == 1 and new.name == "改名"
    assert AuditEntry.objects.filter(verb="evaluation.rubric_update").count() == 1


def test_sampling_with_no_closed_files_is_refused_and_writes_nothing(setting, world):
    campaign = services.campaign_create(
        actor=setting.organiser,
        unit=world.justice_a,
        title="空",
        rubric=setting.rubric,
        period_from=dt.date(2020, 1, 1),
        period_to=dt.date(2020, 12, 31),
        sample_mode="count",
        sample_value=2,
        units=[world.market_a],
    )
    with pytest.raises(DomainError, match="没有已结案"):
        services.campaign_sample(actor=setting.organiser, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == "draft" and not campaign.evaluations.exists()


def test_a_campaign_cannot_reach_units_outside_the_organisers_scope(setting, world):
    with pytest.raises(DomainError, match="无权"):
        services.campaign_create(
            actor=setting.organiser,
            unit=world.justice_a,
            title="越权",
            rubric=setting.rubric,
            period_from=dt.date(2024, 1, 1),
            period_to=dt.date(2024, 12, 31),
            sample_mode="count",
            sample_value=2,
            units=[world.market_b],
        )
