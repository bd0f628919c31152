"""Data exchange after the performance work: same answers, same audit, same refusals."""

import datetime as dt
import hashlib
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.serializers.json import DjangoJSONEncoder

from fazhi.clocks import calendar as engine
from fazhi.clocks.models import CalendarDay
from fazhi.core.models import AuditEntry
from fazhi.enforcement.case_import import COLUMNS, import_rows
from fazhi.enforcement.ingest import ingest_cases
from fazhi.enforcement.models import Case, CaseOfficer, ImportBatch
from fazhi.enforcement.services.exchange import batch_digest

from .test_exchange import _row, _xlsx, _xrow


def _api_rows(team, world, count, **extra):
    rows = []
    for n in range(1, count + 1):
        row = _row(team, world, n, **extra)
        row["unit"] = row.pop("unit_id")
        for key in ("violation_on", "filed_on", "decided_on", "closed_on"):
            row[key] = dt.date.fromisoformat(row[key])
        row["amount"] = Decimal(row["amount"])
        rows.append(row)
    return rows


def test_batch_digest_is_the_canonical_json_of_earlier_batches():
    # given rows with every kind of value a batch holds
    rows = [
        {
            "external_id": "甲-1",
            "filed_on": dt.date(2024, 5, 10),
            "amount": Decimal("4000.50"),
            "closed_on": None,
            "penalty_types": ["fine", "warning"],
            "safety_harm": False,
            "unit": 7,
            "title": "销售“不合格”产品案\n",
        }
    ]
    # when / then: the digest is the one stored batches were given (verifiable the same way)
    reference = json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    assert batch_digest(rows) == hashlib.sha256(reference.encode()).hexdigest()


def test_a_large_batch_stores_every_case_with_its_officers_and_one_audit_entry(world, team):
    # given 300 valid rows
    rows = _api_rows(team, world, 300)
    audits = AuditEntry.objects.count()
    # when
    result = ingest_cases(user=team.handler, rows=rows, source_system="大批量", channel="api")
    # then every row is created, in order, with two officers each, and ONE audit entry
    assert result.ok and result.created == 300
    assert [r["external_id"] for r in result.rows] == [f"EXT-{n}" for n in range(1, 301)]
    stored = dict(Case.objects.values_list("external_id", "pk"))
    assert [r["case_id"] for r in result.rows] == [stored[f"EXT-{n}"] for n in range(1, 301)]
    assert CaseOfficer.objects.filter(case__source_system="大批量").count() == 600
    assert set(CaseOfficer.objects.values_list("role", flat=True)) == {"lead", "assist"}
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.order_by("-at", "-seq").first()
    batch = ImportBatch.objects.get()
    assert entry.changes["sha256"][1] == batch.digest == batch_digest(rows)
    assert entry.changes["case_ids"][1] == [min(stored.values()), max(stored.values())]
    assert Case.objects.filter(import_batch=batch).count() == 300


def test_a_repeated_push_mixes_created_and_unchanged_rows(world, team):
    # given a batch already stored
    ingest_cases(
        user=team.handler, rows=_api_rows(team, world, 3), source_system="s", channel="api"
    )
    first = dict(Case.objects.values_list("external_id", "pk"))
    # when the next push repeats those rows and adds two
    result = ingest_cases(
        user=team.handler, rows=_api_rows(team, world, 5), source_system="s", channel="api"
    )
    # then only the new rows are written, and each row reports its own case
    assert (result.created, result.unchanged) == (2, 3)
    assert [r["result"] for r in result.rows] == ["unchanged"] * 3 + ["created"] * 2
    assert [r["case_id"] for r in result.rows][:3] == [first[f"EXT-{n}"] for n in (1, 2, 3)]
    assert Case.objects.count() == 5 and CaseOfficer.objects.count() == 10


def test_a_calendar_correction_applies_to_the_next_batch(world, team):
    # given a batch decided on a Thursday, with its publicity deadline in working days
    ingest_cases(
        user=team.handler, rows=_api_rows(team, world, 1), source_system="a", channel="api"
    )
    before = Case.objects.get(source_system="a").publish_due_on
    # when the Friday after is made a holiday
    CalendarDay.objects.filter(date=dt.date(2024, 6, 21)).update(
        is_workday=False, kind="holiday", name="临时调整"
    )
    engine.invalidate()
    ingest_cases(
        user=team.handler, rows=_api_rows(team, world, 1), source_system="b", channel="api"
    )
    # then the next batch counts it (deadlines are cached per batch, never across batches)
    after = Case.objects.get(source_system="b").publish_due_on
    assert after > before


def test_one_bad_row_among_many_refuses_the_batch_and_writes_nothing(world, team):
    rows = _api_rows(team, world, 50)
    rows[41]["officer_certificates"] = ["NOT-A-CERT", *rows[41]["officer_certificates"]]
    result = ingest_cases(user=team.handler, rows=rows, source_system="x", channel="api")
    assert [(e.row, e.field) for e in result.errors] == [(42, "officer_certificates")]
    assert Case.objects.count() == 0 and ImportBatch.objects.count() == 0
    assert not AuditEntry.objects.filter(verb="enforcement.cases_ingest").exists()


def test_excel_errors_come_by_row_then_column_with_the_sheet_row_numbers(world, team):
    # given a sheet with an empty row and the same bad date twice
    rows = [
        _xrow(team, 1, f="2024-13-01"),
        [""] * 21,
        _xrow(team, 2, f="2024-13-01", pk="外星人"),
        _xrow(team, 3),
    ]
    # when
    result = import_rows(user=team.handler, source=_xlsx(rows), source_system="excel")
    # then each bad cell is reported at its own sheet row, in reading order
    assert [str(e) for e in result.errors] == [
        "第 2 行“立案日期”列：“2024-13-01”不是有效日期（格式 YYYY-MM-DD）",
        "第 4 行“当事人类型”列：“外星人”不是有效选项（可选：自然人、法人或其他组织）",
        "第 4 行“立案日期”列：“2024-13-01”不是有效日期（格式 YYYY-MM-DD）",
    ]
    assert result.total_rows == 3 and Case.objects.count() == 0


def test_excel_validation_errors_use_the_sheet_row_after_an_empty_row(world, team):
    rows = [_xrow(team, 1), [None] * 21, _xrow(team, 2, id="110105194912310021")]
    result = import_rows(user=team.handler, source=_xlsx(rows), source_system="excel")
    assert [str(e) for e in result.errors] == ["第 4 行“证件号码”列：公民身份号码校验位错误"]


def test_excel_rows_sharing_values_each_get_their_own_lists(world, team):
    rows = [_xrow(team, n) for n in range(1, 6)]
    result = import_rows(user=team.handler, source=_xlsx(rows), source_system="excel")
    assert result.ok and result.saved == 5
    assert CaseOfficer.objects.count() == 10
    assert set(Case.objects.values_list("penalty_types", flat=True)) == {"fine"}


@pytest.mark.parametrize("missing", ["立案日期", "执法证号"])
def test_excel_without_a_required_column_is_refused(world, team, missing):
    keep = [i for i, c in enumerate(COLUMNS) if c.header != missing]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([COLUMNS[i].header for i in keep])
    row = _xrow(team, 1)
    sheet.append([row[i] for i in keep])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    result = import_rows(user=team.handler, source=buffer, source_system="excel")
    assert [str(e) for e in result.errors] == [f"第 1 行“{missing}”列：缺少该列（请使用导入模板）"]


URL = "/api/enforcement/cases/batch"


@pytest.fixture
def headers(team):
    from django.db import transaction

    from fazhi.core.services.tokens import token_create

    with transaction.atomic():
        _, raw = token_create(actor=team.handler, name="推送")
    return {"Authorization": f"Bearer {raw}"}


def test_a_malformed_body_is_refused_by_field_and_writes_nothing(client, world, team, headers):
    # given a row without a filing date and one with an over-long external id
    short = _row(team, world, 1)
    del short["filed_on"]
    long = _row(team, world, 2, external_id="X" * 65)
    body = {"source_system": "x", "cases": [short, long]}
    # when
    response = client.post(URL, body, content_type="application/json", headers=headers)
    # then both problems are named by field, in Chinese, and nothing is stored
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"cases.0.filed_on", "cases.1.external_id"}
    assert Case.objects.count() == 0 and ImportBatch.objects.count() == 0
    broken = client.post(URL, "{not json", content_type="application/json", headers=headers)
    assert broken.status_code == 400


def test_optional_fields_take_their_defaults(client, world, team, headers):
    row = _row(team, world, 1)
    body = {"source_system": "x", "cases": [row]}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 200, response.content
    case = Case.objects.get()
    assert (case.kind, case.procedure, case.facts, case.clue_on) == (
        "penalty",
        "ordinary",
        "",
        case.filed_on,
    )


def test_the_batch_body_is_documented_in_openapi():
    from fazhi.api import api

    operation = api.get_openapi_schema()["paths"]["/api/enforcement/cases/batch"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    case = schema["properties"]["cases"]["items"]
    assert {"external_id", "unit_id", "filed_on", "officer_certificates"} <= set(case["properties"])
    assert "filed_on" in case["required"] and "kind" not in case["required"]
    assert "$ref" not in json.dumps(schema)


def test_imported_cases_are_found_by_the_platform_search(world, team):
    from fazhi.enforcement import indexing
    from fazhi.search import selectors as search
    from fazhi.search import services as search_services

    # given a pushed batch
    result = ingest_cases(
        user=team.handler, rows=_api_rows(team, world, 3), source_system="s", channel="api"
    )
    # when the index catches up
    search_services.apply_pending()
    # then the staff member finds the imported cases
    hits = search.search("不合格产品", user=team.handler, kinds=[indexing.KIND]).hits
    assert {h.object_id for h in hits} == {r["case_id"] for r in result.rows}
