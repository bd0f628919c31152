"""Excel import of cases: the template's columns and a column-wise parser feeding `ingest`.

The workbook is read with python-calamine (`core.imports.read_rows`). Parsing then goes column by
column, each cell through the column's parser with a memo per column: most columns repeat a few
values (unit, status, dates, certificate lists), so 100,000 rows cost about as many parser calls as
there are distinct values. Every cell is still checked, errors are reported by spreadsheet row and
column header (sorted as the rows run), and one error anywhere refuses the whole file.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from fazhi.core.imports import (
    MAX_ROWS,
    ImportColumn,
    ImportError_,
    ImportResult,
    choice,
    date,
    money,
    read_rows,
    text,
)

from .ingest import cyclic_gc_paused, ingest_cases
from .models import BenchmarkTier, Case, ImportBatch

MAX_ERRORS = 200


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

_MISSING = object()


def _parse_cell(column: ImportColumn, raw: Any) -> tuple[Any, str | None]:
    """(value, None) or (_MISSING, error message) for one cell — the rules of core.imports."""
    if column.required and (raw is None or (isinstance(raw, str) and not raw.strip())):
        return _MISSING, "必填"
    try:
        return column.parse(raw), None
    except ValueError as exc:
        return _MISSING, str(exc)


def _parse_column(
    column: ImportColumn, cells: Sequence[Any], numbers: Sequence[int], errors: list[tuple]
) -> list[Any]:
    """Every cell of one column parsed; errors (row, column, message) appended, at most
    MAX_ERRORS per column (enough: the report shows the first MAX_ERRORS by row overall)."""
    memo: dict[Any, tuple[Any, str | None]] = {}
    found = 0
    values = []
    for number, raw in zip(numbers, cells, strict=True):
        # str keys as they are; others with their type, so 1, 1.0 and True stay apart
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = _parse_cell(column, raw)
        value, message = hit
        if message is not None:
            found += 1
            if found <= MAX_ERRORS:
                errors.append((number, column.header, message))
        values.append(list(value) if value.__class__ is list else value)  # no shared lists
    return values


def parse_sheet(
    rows: Sequence[Sequence[Any]],
) -> tuple[list[dict[str, Any]], list[int], list[ImportError_]]:
    """(case rows, their spreadsheet row numbers, errors by row then column) of a whole sheet."""
    if not rows:
        return [], [], [ImportError_(1, "", "表格为空")]
    header = [str(h).strip().removesuffix("（必填）") for h in rows[0]]
    positions = {c.key: header.index(c.header) for c in COLUMNS if c.header in header}
    missing = [
        ImportError_(1, c.header, "缺少该列（请使用导入模板）")
        for c in COLUMNS
        if c.required and c.key not in positions
    ]
    if missing:
        return [], [], missing
    if len(rows) - 1 > MAX_ROWS:
        return [], [], [ImportError_(1, "", f"单次导入不能超过 {MAX_ROWS} 行")]
    numbers, kept = [], []
    for number, row in enumerate(rows[1:], start=2):
        if row.count("") + row.count(None) < len(row):  # skip rows with every cell empty
            numbers.append(number)
            kept.append(row)
    width = max((len(r) for r in kept), default=0)
    cells = list(itertools.zip_longest(*kept, fillvalue=None)) if kept else []
    empty = [None] * len(kept)
    problems: list[tuple] = []
    columns = [
        _parse_column(
            c,
            cells[positions[c.key]] if positions.get(c.key, width) < width else empty,
            numbers,
            problems,
        )
        for c in COLUMNS
    ]
    if problems:
        order = {c.header: i for i, c in enumerate(COLUMNS)}
        problems.sort(key=lambda p: (p[0], order[p[1]]))
        return [], numbers, [ImportError_(*p) for p in problems[:MAX_ERRORS]]
    keys = [c.key for c in COLUMNS]
    return (
        [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)],
        numbers,
        [],
    )


def import_rows(*, user: Any, source: Any, source_system: str) -> ImportResult:
    """Read and parse the workbook, then hand the rows to the shared ingest path (all or nothing)."""
    with cyclic_gc_paused():
        rows, numbers, errors = parse_sheet(read_rows(source))
        result = ImportResult(total_rows=len(numbers), errors=errors)
        if errors:
            return result
        outcome = ingest_cases(
            user=user,
            rows=rows,
            source_system=source_system,
            channel=ImportBatch.Channel.EXCEL,
            row_numbers=numbers,
        )
    result.errors = [
        ImportError_(e.row, FIELD_HEADERS.get(e.field, e.field), e.message) for e in outcome.errors
    ][:MAX_ERRORS]
    result.saved = outcome.created if outcome.ok else 0
    return result
