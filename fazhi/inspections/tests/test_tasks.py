"""Task lifecycle through the services: commitment, draw, certificates, recusal, clock, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from fazhi.clocks.models import Clock
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.enforcement.models import Certificate
from fazhi.enforcement.tests.factories import make_officer
from fazhi.inspections import draw, services
from fazhi.inspections.models import DrawnObject, InspectionTask, RecusalLink

from .conftest import COMMIT_ON, DRAW_ON, R
from .factories import make_task

S = InspectionTask.Status


def committed(bureau, **kwargs) -> InspectionTask:
    task = make_task(bureau.clerk, bureau.unit, **kwargs)
    with transaction.atomic():
        return services.task_commit_seed(actor=bureau.head, task=task, on=COMMIT_ON)


def drawn(bureau, **kwargs) -> InspectionTask:
    task = committed(bureau, **kwargs)
    with transaction.atomic():
        return services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)


def assigned_pairs(task: InspectionTask) -> set[tuple[int, int]]:
    return {
        (row.inspection_object_id, officer.pk)
        for row in DrawnObject.objects.filter(task=task).prefetch_related("inspectors")
        for officer in row.inspectors.all()
    }


def test_commit_freezes_inputs_and_publishes_only_the_hash_of_the_nonce(bureau):
    # given a draft task / when the head commits the seed
    task = committed(bureau)
    # then the inputs are frozen with their digest, the commitment is SHA-256(nonce)
    assert task.status == S.COMMITTED
    assert task.number.startswith("东市监抽〔2024〕")
    assert [o["id"] for o in task.inputs["objects"]] == sorted(o.pk for o in bureau.objects)
    assert task.inputs["inspectors"] == sorted(o.pk for o in bureau.officers)
    assert task.inputs_sha256 == draw.digest(task.inputs)
    assert task.commitment == draw.commitment_of(task.nonce)
    assert timezone.localdate(task.committed_at) == COMMIT_ON  # recorded for its own day
    # and the audit entry carries the commitment but never the nonce
    entry = AuditEntry.objects.get(verb="inspections.seed_commit")
    assert entry.changes["commitment"] == [None, task.commitment]
    assert task.nonce not in str(entry.changes)


def test_draw_is_replayable_and_stored_as_computed(bureau):
    # given / when
    task = drawn(bureau)
    # then the stored draw is exactly the algorithm applied to the frozen inputs
    replayed = draw.run(draw.parse_inputs(task.inputs), task.nonce)
    assert task.result == replayed
    rows = DrawnObject.objects.filter(task=task).order_by("position")
    assert [r.inspection_object_id for r in rows] == [x["object"] for x in replayed]
    # ratios 50/50/100/100 over 4 A, 4 B, 3 C, 2 D entities → 2 + 2 + 3 + 2
    assert rows.count() == 9
    assert all(r.inspectors.count() >= 2 for r in rows)
    assert AuditEntry.objects.get(verb="inspections.draw").changes["result_sha256"] == [
        None,
        draw.digest(task.result),
    ]


def test_draw_registers_the_20_working_day_results_clock(bureau):
    task = drawn(bureau)
    clock = Clock.objects.get(kind="inspections.results", target_id=str(task.pk))
    # domain.md §9 E7: formed 2024-06-07 → 20 WD → 2024-07-08
    assert (clock.start_on, clock.rule, clock.due_on) == (DRAW_ON, "20wd", dt.date(2024, 7, 8))
    assert task.results_due_on == dt.date(2024, 7, 8)
    assert clock.status == Clock.Status.RUNNING


def test_officer_with_expired_certificate_is_not_in_the_pool(bureau):
    # given an officer whose certificate lapsed before the commitment
    lapsed = make_officer(bureau.unit, valid_to=dt.date(2024, 5, 31))
    uncertified = make_officer(bureau.unit, certified=False)
    # when
    task = drawn(bureau)
    # then neither is in the pool or in any team
    assert lapsed.pk not in task.inputs["inspectors"]
    assert uncertified.pk not in task.inputs["inspectors"]
    assert not {lapsed.pk, uncertified.pk} & {i for _, i in assigned_pairs(task)}


def test_certificate_lapsing_between_commit_and_draw_excludes_the_officer(bureau):
    # given a committed task whose pool includes an officer certified until 2024-06-05
    leaving = make_officer(bureau.unit, valid_to=dt.date(2024, 6, 5))
    task = committed(bureau)
    assert leaving.pk in task.inputs["inspectors"]
    # when the draw runs on 2024-06-07
    with transaction.atomic():
        task = services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)
    # then the officer is excluded (published) and never assigned; the replay agrees
    assert task.excluded_inspectors == [leaving.pk]
    assert leaving.pk not in {i for _, i in assigned_pairs(task)}
    assert task.result == draw.run(draw.parse_inputs(task.inputs), task.nonce, {leaving.pk})


def test_recusal_links_are_respected(bureau):
    # given officers 0 and 1 linked to every entity except the last
    for obj in bureau.objects[:-1]:
        for officer in bureau.officers[:2]:
            RecusalLink.objects.create(
                inspection_object=obj, officer=officer, reason=RecusalLink.Reason.RELATIVE
            )
    # when
    task = drawn(bureau, ratios={"A": "100", "B": "100", "C": "100", "D": "100"})
    # then no linked pair was drawn, and every entity still has two inspectors
    linked = set(RecusalLink.objects.values_list("inspection_object_id", "officer_id"))
    assert len(task.inputs["recusals"]) == len(linked)
    assert not assigned_pairs(task) & linked
    assert DrawnObject.objects.filter(task=task).count() == len(bureau.objects)


def test_commit_is_refused_when_recusals_leave_fewer_than_two_inspectors(bureau):
    target = bureau.objects[0]
    for officer in bureau.officers[:4]:
        RecusalLink.objects.create(
            inspection_object=target, officer=officer, reason=RecusalLink.Reason.EMPLOYED
        )
    task = make_task(bureau.clerk, bureau.unit)
    with pytest.raises(DomainError, match="可选检查人员不足 2 人"), transaction.atomic():
        services.task_commit_seed(actor=bureau.head, task=task, on=COMMIT_ON)
    task.refresh_from_db()
    assert (task.status, task.commitment) == (S.DRAFT, "")


def test_draw_before_commit_and_second_draw_are_refused(bureau):
    task = make_task(bureau.clerk, bureau.unit)
    with pytest.raises(DomainError, match="不能变更为"), transaction.atomic():
        services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)
    task = drawn(bureau)
    before = list(DrawnObject.objects.filter(task=task).values_list("pk", flat=True))
    with pytest.raises(DomainError, match="不能变更为"), transaction.atomic():
        services.task_draw(actor=bureau.head, task=task, on=DRAW_ON)
    with pytest.raises(DomainError, match="不能变更为"), transaction.atomic():
        services.task_cancel(actor=bureau.clerk, task=task, reason="重抽")
    assert list(DrawnObject.objects.filter(task=task).values_list("pk", flat=True)) == before


def test_draw_date_before_commitment_is_refused(bureau):
    task = committed(bureau)
    with pytest.raises(DomainError, match="不能早于种子承诺日"), transaction.atomic():
        services.task_draw(actor=bureau.head, task=task, on=dt.date(2024, 6, 1))


def test_results_complete_the_task_and_publication_stops_the_clock(bureau):
    # given a drawn task
    task = drawn(bureau)
    rows = list(DrawnObject.objects.filter(task=task))
    # when an officer enters every result
    for row in rows[:-1]:
        with transaction.atomic():
            services.result_record(
                actor=bureau.officer_user,
                drawn=row,
                result=DrawnObject.Result.NO_ISSUE,
                inspected_on=dt.date(2024, 6, 20),
            )
    task.refresh_from_db()
    assert task.status == S.DRAWN
    with transaction.atomic():
        services.result_record(
            actor=bureau.officer_user,
            drawn=rows[-1],
            result=DrawnObject.Result.RECTIFY,
            inspected_on=dt.date(2024, 6, 21),
            finding="部分进货查验记录缺失，已当场责令整改",
        )
    task.refresh_from_db()
    assert task.status == S.RESULTS_ENTERED
    # and the head publishes
    with transaction.atomic():
        services.task_publish(actor=bureau.head, task=task, on=dt.date(2024, 7, 1))
    task.refresh_from_db()
    clock = Clock.objects.get(kind="inspections.results", target_id=str(task.pk))
    assert (task.status, clock.status, clock.urgency) == (
        S.PUBLISHED,
        Clock.Status.COMPLETED,
        Clock.Urgency.OK,
    )
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {
        "inspections.task_create",
        "inspections.seed_commit",
        "inspections.draw",
        "inspections.result_record",
        "inspections.results_complete",
        "inspections.publish",
    } <= verbs


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"result": "bogus"}, "请选择检查结果"),
        ({"inspected_on": None}, "请填写检查日期"),
        ({"inspected_on": dt.date(2024, 6, 6)}, "不能早于抽取日期"),
        ({"inspected_on": dt.date(2099, 1, 1)}, "不能晚于今天"),
        ({"result": "rectify"}, "请写明检查情况"),
        ({"result": "case", "finding": "无证经营"}, "请填写立案编号"),
    ],
)
def test_bad_results_are_refused_and_nothing_changes(bureau, kwargs, message):
    task = drawn(bureau)
    row = DrawnObject.objects.filter(task=task).first()
    entries = AuditEntry.objects.count()
    data = {"result": "no_issue", "inspected_on": dt.date(2024, 6, 20)} | kwargs
    with pytest.raises(DomainError, match=message), transaction.atomic():
        services.result_record(actor=bureau.officer_user, drawn=row, **data)
    row.refresh_from_db()
    assert row.result == "" and AuditEntry.objects.count() == entries


def test_publish_before_all_results_is_refused(bureau):
    task = drawn(bureau)
    with pytest.raises(DomainError, match="不能变更为"), transaction.atomic():
        services.task_publish(actor=bureau.head, task=task, on=dt.date(2024, 7, 1))


def test_sibling_unit_cannot_commit_draw_or_record(world, bureau):
    # given users of district B holding every business role over their own bureau
    sibling = make_user(world.market_b, R.CLERK, R.UNIT_HEAD, R.OFFICER)
    task = make_task(bureau.clerk, bureau.unit)
    entries = AuditEntry.objects.count()
    # when / then
    with pytest.raises(DomainError, match="无权操作"), transaction.atomic():
        services.task_commit_seed(actor=sibling, task=task, on=COMMIT_ON)
    with pytest.raises(DomainError, match="无权操作"), transaction.atomic():
        make_task(sibling, bureau.unit)
    task = drawn(bureau)
    row = DrawnObject.objects.filter(task=task).first()
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="无权操作"), transaction.atomic():
        services.result_record(
            actor=sibling, drawn=row, result="no_issue", inspected_on=dt.date(2024, 6, 20)
        )
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("ratios", "message"),
    [
        ({"A": "abc", "B": "1", "C": "1", "D": "1"}, "A 级抽查比例应为数字"),
        ({"A": "101", "B": "1", "C": "1", "D": "1"}, "0—100"),
        ({"A": "1.234", "B": "1", "C": "1", "D": "1"}, "两位小数"),
        ({"A": "NaN", "B": "1", "C": "1", "D": "1"}, "0—100"),
        ({"A": "0", "B": "0", "C": "0", "D": "0"}, "至少一个"),
    ],
)
def test_bad_ratios_are_refused(bureau, ratios, message):
    with pytest.raises(DomainError, match=message):
        make_task(bureau.clerk, bureau.unit, ratios=ratios)
    assert not InspectionTask.objects.exists()


def test_one_inspector_per_object_is_refused(bureau):
    with pytest.raises(DomainError, match="不得少于两人"):
        make_task(bureau.clerk, bureau.unit, per_object=1)


def test_commit_without_two_certified_officers_is_refused(world, bureau):
    Certificate.objects.filter(officer__in=bureau.officers[1:]).update(valid_to=dt.date(2024, 1, 1))
    task = make_task(bureau.clerk, bureau.unit)
    with pytest.raises(DomainError, match="持有效执法证的检查人员仅 1 人"), transaction.atomic():
        services.task_commit_seed(actor=bureau.head, task=task, on=COMMIT_ON)
