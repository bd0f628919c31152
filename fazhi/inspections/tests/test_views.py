"""Staff pages: a task runs from draft to published through the UI; registers; refusals."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.urls import reverse
from freezegun import freeze_time

import fazhi.urls  # noqa: F401  (build the API schemas before any test freezes the clock)
from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.inspections.models import DrawnObject, InspectionObject, InspectionTask, RecusalLink

from .conftest import R
from .factories import make_item, make_task, uscc

S = InspectionTask.Status


@freeze_time("2024-06-07 10:00:00+08:00")
def test_task_runs_from_draft_to_published_through_the_ui(client, bureau):
    # given an item of the bureau and its clerk signed in
    item = make_item(bureau.unit)
    client.force_login(bureau.clerk)
    # when the clerk creates a task
    response = client.post(
        reverse("inspections:task-new"),
        {
            "unit": bureau.unit.pk,
            "title": "2026年食品销售者双随机抽查",
            "items": [item.pk],
            "planned_from": "2024-06-10",
            "planned_to": "2024-08-31",
            "inspectors_per_object": "2",
            "ratio_a": "50",
            "ratio_b": "50",
            "ratio_c": "100",
            "ratio_d": "100",
        },
    )
    task = InspectionTask.objects.get()
    assert response.status_code == 302 and task.status == S.DRAFT
    # and commits the seed: the page shows the commitment, not the nonce
    client.post(reverse("inspections:task-action", args=[task.pk, "commit"]))
    task.refresh_from_db()
    page = client.get(task.get_absolute_url()).content.decode()
    assert task.status == S.COMMITTED and task.commitment in page and task.nonce not in page
    # and draws
    response = client.post(reverse("inspections:task-action", args=[task.pk, "draw"]), follow=True)
    task.refresh_from_db()
    assert task.status == S.DRAWN
    assert "已完成随机抽取" in response.content.decode()
    assert "2024-07-08" in response.content.decode()  # 20 WD after 2024-06-07
    # then an officer enters every result through the form
    client.force_login(bureau.officer_user)
    for row in DrawnObject.objects.filter(task=task):
        response = client.post(
            reverse("inspections:result-edit", args=[row.pk]),
            {"result": "no_issue", "inspected_on": task.drawn_on.isoformat()},
        )
        assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == S.RESULTS_ENTERED
    # and the head publishes; the nonce is now shown
    client.force_login(bureau.head)
    client.post(reverse("inspections:task-action", args=[task.pk, "publish"]))
    task.refresh_from_db()
    assert task.status == S.PUBLISHED
    assert task.nonce in client.get(task.get_absolute_url()).content.decode()


@freeze_time("2024-06-07 10:00:00+08:00")
def test_result_form_shows_errors_next_to_the_field_and_writes_nothing(client, bureau):
    task = make_task(bureau.clerk, bureau.unit)
    client.force_login(bureau.head)
    client.post(reverse("inspections:task-action", args=[task.pk, "commit"]))
    client.post(reverse("inspections:task-action", args=[task.pk, "draw"]))
    row = DrawnObject.objects.filter(task=task).first()
    entries = AuditEntry.objects.count()
    client.force_login(bureau.officer_user)
    response = client.post(
        reverse("inspections:result-edit", args=[row.pk]),
        {"result": "case", "inspected_on": "2024-06-07", "finding": "无照经营"},
    )
    assert response.status_code == 200
    assert "请填写立案编号" in response.content.decode()
    row.refresh_from_db()
    assert row.result == "" and AuditEntry.objects.count() == entries


def test_reader_sees_no_draw_button_and_a_post_is_refused(client, bureau, district_supervisor):
    task = make_task(bureau.clerk, bureau.unit)
    client.force_login(district_supervisor)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "公布种子承诺</button>" not in page
    response = client.post(
        reverse("inspections:task-action", args=[task.pk, "commit"]), follow=True
    )
    assert "无权操作" in response.content.decode()
    task.refresh_from_db()
    assert task.status == S.DRAFT and not task.commitment


def test_object_register_recusal_and_validation(client, bureau):
    client.force_login(bureau.clerk)
    # a bad credit code is shown next to the field
    response = client.post(
        reverse("inspections:object-new"),
        {"unit": bureau.unit.pk, "name": "某公司", "uscc": "91110000600037341K", "risk_grade": "B"},
    )
    assert "校验位错误" in response.content.decode()
    # a valid one is saved, then a recusal link is added on its page
    code = uscc(990001)
    client.post(
        reverse("inspections:object-new"),
        {"unit": bureau.unit.pk, "name": "某公司", "uscc": code, "risk_grade": "B"},
    )
    obj = InspectionObject.objects.get(uscc=code)
    client.post(
        obj.get_absolute_url(),
        {"op": "add", "officer": bureau.officers[0].pk, "reason": "employed", "note": "2019年在职"},
    )
    assert RecusalLink.objects.filter(inspection_object=obj, officer=bureau.officers[0]).exists()
    assert "曾在该企业任职" in client.get(obj.get_absolute_url()).content.decode()
    link = RecusalLink.objects.get(inspection_object=obj)
    client.post(obj.get_absolute_url(), {"op": "remove", "link": link.pk})
    assert not RecusalLink.objects.filter(pk=link.pk).exists()
    assert AuditEntry.objects.filter(verb="inspections.recusal_remove").exists()


def _workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "objects.xlsx"
    return buffer


HEADER = ["名称", "统一社会信用代码", "住所（经营场所）", "所属行业", "风险等级"]


def test_import_is_all_or_nothing_with_row_and_column_errors(client, bureau):
    client.force_login(bureau.clerk)
    before = InspectionObject.objects.count()
    bad = _workbook(
        [
            HEADER,
            ["甲公司", uscc(880001), "东湖路1号", "餐饮", "A"],
            ["乙公司", "91110000600037341K", "东湖路2号", "餐饮", "B"],
            ["丙公司", uscc(880003), "东湖路3号", "餐饮", "E"],
        ]
    )
    response = client.post(
        reverse("inspections:object-import"), {"unit": bureau.unit.pk, "file": bad}
    )
    text = response.content.decode()
    assert "所有数据均未写入" in text and "校验位错误" in text and "风险等级" in text
    assert InspectionObject.objects.count() == before
    # a duplicate code inside the file is refused too
    dup = _workbook([HEADER, ["甲", uscc(880001), "", "", "A"], ["乙", uscc(880001), "", "", "B"]])
    response = client.post(
        reverse("inspections:object-import"), {"unit": bureau.unit.pk, "file": dup}
    )
    assert "与第 2 行重复" in response.content.decode()
    assert InspectionObject.objects.count() == before
    # a clean file imports every row
    good = _workbook(
        [HEADER, ["甲公司", uscc(880001), "", "", "A级"], ["乙公司", uscc(880002), "", "", "d"]]
    )
    client.post(reverse("inspections:object-import"), {"unit": bureau.unit.pk, "file": good})
    assert InspectionObject.objects.count() == before + 2
    assert InspectionObject.objects.get(uscc=uscc(880002)).risk_grade == "D"


def test_import_template_downloads(client, bureau):
    client.force_login(bureau.clerk)
    response = client.get(reverse("inspections:object-template"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.active.cell(1, 2).value == "统一社会信用代码（必填）"


def test_lists_render_and_export_for_a_supervisor(client, bureau, district_supervisor):
    make_task(bureau.clerk, bureau.unit, title="东湖区餐饮抽查")
    client.force_login(district_supervisor)
    for name in ("task-list", "item-list", "object-list", "inspector-list"):
        response = client.get(reverse(f"inspections:{name}"))
        assert response.status_code == 200, name
    assert "东湖区餐饮抽查" in client.get(reverse("inspections:task-list")).content.decode()
    pool = client.get(reverse("inspections:inspector-list")).content.decode()
    assert bureau.officers[0].full_name in pool
    export = client.get(reverse("inspections:object-list") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_inspector_pool_page_leaves_out_expired_certificates(client, bureau, district_supervisor):
    from fazhi.enforcement.tests.factories import make_officer

    lapsed = make_officer(bureau.unit, valid_to=dt.date(2024, 1, 1))
    client.force_login(district_supervisor)
    pool = client.get(reverse("inspections:inspector-list")).content.decode()
    assert lapsed.full_name not in pool


def test_sibling_clerk_cannot_use_another_districts_units(client, world, bureau):
    sibling = make_user(world.market_b, R.CLERK)
    item = make_item(bureau.unit)
    client.force_login(sibling)
    response = client.post(
        reverse("inspections:task-new"),
        {
            "unit": bureau.unit.pk,
            "title": "越权任务",
            "items": [item.pk],
            "planned_from": "2024-06-10",
            "planned_to": "2024-08-31",
            "inspectors_per_object": "2",
            "ratio_a": "1",
            "ratio_b": "1",
            "ratio_c": "1",
            "ratio_d": "1",
        },
    )
    assert response.status_code == 200
    assert "请选择您有权维护的单位" in response.content.decode()
    assert not InspectionTask.objects.exists()
