"""Excel upload of cases (all-or-nothing, row/column errors) and its template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.imports import (
    ImportColumn,
    ImportError_,
    ImportResult,
    choice,
    date,
    money,
    parse_rows,
    read_rows,
    text,
)
from fazhi.enforcement import forms
from fazhi.enforcement.ingest import ingest_cases
from fazhi.enforcement.models import BenchmarkTier, Case, ImportBatch
from fazhi.enforcement.permissions import IMPORT_CASES


def _list(value: Any) -> list[str]:
    raw = "" if value is None else str(value)
    return [
        p.strip()
        for p in raw.replace("；", ";").replace("，", ";").replace(",", ";").split(";")
        if p.strip()
    ]


def _penalties(value: Any) -> list[str]:
    labels = {str(label): code for code, label in Case.PenaltyType.choices}
    out = []
    for part in _list(value):
        code = part if part in Case.PenaltyType.values else labels.get(part)
        if code is None:
            raise ValueError(f"“{part}”不是有效的处罚种类")
        out.append(code)
    return out


def _flag(value: Any) -> bool:
    return str(value or "").strip() in ("是", "1", "true", "True", "Y")


COLUMNS = [
    ImportColumn("来源系统编号", "external_id", text(64), required=True),
    ImportColumn("办案单位", "unit", text(100), required=True),
    ImportColumn("案件类型", "kind", choice(dict(Case.Kind.choices)), required=True),
    ImportColumn("程序", "procedure", choice(dict(Case.Procedure.choices))),
    ImportColumn("状态", "status", choice(dict(Case.Status.choices)), required=True),
    ImportColumn("权责事项编码", "power_item_code", text(40), required=True),
    ImportColumn("案件编号", "number", text(60)),
    ImportColumn("案由", "title", text(200), required=True),
    ImportColumn("当事人类型", "party_kind", choice(dict(Case.PartyKind.choices)), required=True),
    ImportColumn("当事人", "party_name", text(100), required=True),
    ImportColumn("证件号码", "party_id_number", text(18), required=True),
    ImportColumn("违法行为发生日", "violation_on", date, required=True),
    ImportColumn("涉及安全且有危害后果", "safety_harm", _flag),
    ImportColumn("立案日期", "filed_on", date, required=True),
    ImportColumn("决定日期", "decided_on", date),
    ImportColumn("结案日期", "closed_on", date),
    ImportColumn("决定书文号", "decision_number", text(60)),
    ImportColumn("处罚种类", "penalty_types", _penalties),
    ImportColumn("罚没金额", "amount", money),
    ImportColumn("裁量阶次", "benchmark_tier", choice(dict(BenchmarkTier.Tier.choices))),
    ImportColumn(
        "执法证号", "officer_certificates", _list, required=True, help="两个以上，用分号分隔"
    ),
]
FIELD_HEADERS = {c.key: c.header for c in COLUMNS}
EXAMPLE = [
    "ZF-2024-0001",
    "东湖区市场监督管理局",
    "行政处罚",
    "普通程序",
    "已结案",
    "CF00001",
    "",
    "销售不合格产品案",
    "自然人",
    "张三",
    "11010519491231002X",
    "2024-06-01",
    "否",
    "2024-06-10",
    "2024-07-20",
    "2024-08-30",
    "东市监罚决〔2024〕1号",
    "罚款",
    "3000",
    "从轻处罚",
    "ZF00000001;ZF00000002",
]


def import_rows(*, user: Any, source: Any, source_system: str) -> ImportResult:
    """Parse the workbook (core.imports) and hand the rows to the shared ingest path."""
    rows = read_rows(source)
    parsed, errors = parse_rows(rows, COLUMNS)
    result = ImportResult(total_rows=len(parsed), errors=errors[:200])
    if errors:
        return result
    outcome = ingest_cases(
        user=user, rows=parsed, source_system=source_system, channel=ImportBatch.Channel.EXCEL
    )
    result.errors = [
        ImportError_(e.row, FIELD_HEADERS.get(e.field, e.field), e.message) for e in outcome.errors
    ][:200]
    result.saved = outcome.created if outcome.ok else 0
    return result


@access.requires(IMPORT_CASES)
def import_template(request: HttpRequest) -> HttpResponse:
    from fazhi.core.imports import template_response

    return template_response(filename="执法案件导入模板", columns=COLUMNS, examples=[EXAMPLE])


@access.requires(IMPORT_CASES)
def case_import(request: HttpRequest) -> HttpResponse:
    """Upload a workbook: every row valid → all saved; otherwise nothing, errors by row and column."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_rows(
                user=staff_user(request),
                source=form.cleaned_data["file"],
                source_system=form.cleaned_data["source_system"],
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(
                    request, f"已导入 {result.saved} 件案件（共 {result.total_rows} 行）"
                )
    return render(
        request, "enforcement/import.html", {"form": form, "result": result, "columns": COLUMNS}
    )
