"""Data exchange: API batch (idempotent, all-or-nothing, validation) and Excel import."""

import io

import openpyxl
import pytest

from fazhi.core.models import AuditEntry
from fazhi.core.services.tokens import token_create
from fazhi.enforcement.models import Case, CaseOfficer, Certificate
from fazhi.enforcement.views.exchange import COLUMNS, import_rows

URL = "/api/enforcement/cases/batch"


def _row(team, world, n=1, **extra):
    certs = list(
        Certificate.objects.filter(officer__in=team.officers).values_list("number", flat=True)
    )
    row = {
        "external_id": f"EXT-{n}",
        "unit_id": world.market_a.pk,
        "status": "closed",
        "power_item_code": team.item.code,
        "title": "销售不合格产品案",
        "party_kind": "organisation",
        "party_name": "江城某公司",
        "party_id_number": "91110000600037341L",
        "violation_on": "2024-05-01",
        "filed_on": "2024-05-10",
        "decided_on": "2024-06-20",
        "closed_on": "2024-07-30",
        "penalty_types": ["fine"],
        "amount": "4000",
        "benchmark_tier": "lighter",
        "officer_certificates": certs,
    }
    row.update(extra)
    return row


@pytest.fixture
def headers(team):
    with __import__("django").db.transaction.atomic():
        _, raw = token_create(actor=team.handler, name="推送")
    return {"Authorization": f"Bearer {raw}"}


def test_batch_creates_cases_with_one_audit_entry_and_is_idempotent(client, world, team, headers):
    body = {"source_system": "市监办案系统", "cases": [_row(team, world, 1), _row(team, world, 2)]}
    audits = AuditEntry.objects.count()
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2
    assert Case.objects.count() == 2 and CaseOfficer.objects.count() == 4
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.verb == "enforcement.cases_ingest" and len(entry.changes["sha256"][1]) == 64
    case = Case.objects.get(external_id="EXT-1")
    assert case.amount_in_tier is True and case.publish_due_on is not None
    # when the same batch is pushed again
    again = client.post(URL, body, content_type="application/json", headers=headers)
    # then nothing new is written
    assert again.status_code == 200 and again.json()["unchanged"] == 2
    assert Case.objects.count() == 2


def test_batch_with_one_bad_row_writes_nothing_and_lists_errors(client, world, team, headers):
    bad = _row(team, world, 2, party_id_number="91110000600037341K", closed_on="2024-06-01")
    body = {"source_system": "x", "cases": [_row(team, world, 1), bad]}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(e["row"], e["field"]) for e in errors} >= {(2, "party_id_number"), (2, "closed_on")}
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"power_item_code": "NOPE"}, "power_item_code"),
        ({"officer_certificates": []}, "officer_certificates"),
        ({"violation_on": "2020-01-01"}, "violation_on"),
        ({"status": "weird"}, "status"),
        ({"benchmark_tier": "heavier_x"}, "benchmark_tier"),
    ],
)
def test_batch_validation(client, world, team, headers, extra, field):
    body = {"source_system": "x", "cases": [_row(team, world, 1, **extra)]}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}


def test_batch_for_a_sibling_unit_is_refused(client, world, team, headers):
    body = {"source_system": "x", "cases": [_row(team, world, 1, unit_id=world.market_b.pk)]}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 400 and Case.objects.count() == 0


def test_expired_certificate_on_filing_date_is_refused(client, world, team, headers):
    Certificate.objects.filter(officer=team.officers[1]).update(valid_to="2024-05-01")
    body = {"source_system": "x", "cases": [_row(team, world, 1)]}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert "无效" in response.json()["errors"][0]["message"]


def _xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS])
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _xrow(team, n, **over):
    certs = ";".join(
        Certificate.objects.filter(officer__in=team.officers).values_list("number", flat=True)
    )
    data = {
        "external_id": f"X-{n}",
        "unit": "东湖区市场监督管理局",
        "kind": "行政处罚",
        "procedure": "普通程序",
        "status": "已结案",
        "code": team.item.code,
        "number": "",
        "title": "案由",
        "pk": "自然人",
        "name": "张三",
        "id": "11010519491231002X",
        "v": "2024-05-01",
        "harm": "否",
        "f": "2024-05-10",
        "d": "2024-06-01",
        "c": "2024-07-01",
        "dn": "决1号",
        "types": "罚款",
        "amount": "3000",
        "tier": "从轻处罚",
        "certs": certs,
    }
    data.update(over)
    return list(data.values())


def test_excel_import_all_or_nothing_with_row_and_column(world, team):
    good = _xrow(team, 1)
    bad = _xrow(team, 2, id="110105194912310021", f="2024-13-01")
    result = import_rows(user=team.handler, source=_xlsx([good, bad]), source_system="excel")
    assert not result.ok and result.saved == 0
    messages = {str(e) for e in result.errors}
    assert any("第 3 行“立案日期”列" in m for m in messages), messages
    assert Case.objects.count() == 0
    result = import_rows(
        user=team.handler, source=_xlsx([good, _xrow(team, 2)]), source_system="excel"
    )
    assert result.ok and result.saved == 2


def test_excel_import_validation_error_names_the_column(world, team):
    bad = _xrow(team, 1, id="110105194912310021")
    result = import_rows(user=team.handler, source=_xlsx([bad]), source_system="excel")
    assert [str(e) for e in result.errors] == ["第 2 行“证件号码”列：公民身份号码校验位错误"]


def test_excel_import_rejects_a_non_spreadsheet(client, world, team):
    client.force_login(team.handler)
    upload = io.BytesIO(b"not a workbook")
    upload.name = "x.xlsx"
    response = client.post("/staff/enforcement/import/", {"source_system": "excel", "file": upload})
    assert response.status_code == 200
    assert "无法读取该文件".encode() in response.content
    assert Case.objects.count() == 0
