"""All-or-nothing spreadsheet imports with errors by row and column.

A module declares its columns (Chinese header, key, parser) and a `save(rows)` callback; `run_import`
reads the workbook (python-calamine: ~13× faster than openpyxl on 100k rows), parses and validates
every row, and only when there is no error at all calls `save` inside one transaction. Any error —
in parsing or raised by `save` as `RowError` — means nothing is written.
"""

from __future__ import annotations

import datetime as dt
import decimal
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from python_calamine import CalamineWorkbook

from fazhi.core.errors import DomainError

MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportError_:
    """One problem: 1-based spreadsheet row (header = row 1), the column header, the message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return (
            f"第 {self.row} 行“{self.column}”列：{self.message}"
            if self.column
            else f"第 {self.row} 行：{self.message}"
        )


class RowError(DomainError):
    """Raised by a save callback for a row that violates a rule only visible at save time."""

    def __init__(self, row: int, column: str, message: str) -> None:
        super().__init__(message, field=column)
        self.row = row
        self.column = column


@dataclass(frozen=True)
class ImportColumn:
    """A column: header text in the template, key in the parsed row, parser (raises ValueError with a message)."""

    header: str
    key: str
    parse: Callable[[Any], Any] = lambda v: v
    required: bool = False
    help: str = ""


@dataclass
class ImportResult:
    """What happened: rows saved (0 when refused) and every error found."""

    total_rows: int = 0
    saved: int = 0
    errors: list[ImportError_] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# ---- parsers ---------------------------------------------------------------------------------


def text(max_length: int = 500) -> Callable[[Any], str]:
    """Trimmed text no longer than max_length."""

    def parse(value: Any) -> str:
        result = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            result = str(int(value))
        if len(result) > max_length:
            raise ValueError(f"长度不能超过 {max_length} 个字符")
        return result

    return parse


def date(value: Any) -> dt.date | None:
    """A date cell, or text like 2024-09-27 / 2024/9/27 / 2024年9月27日."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = (
        str(value)
        .strip()
        .replace("年", "-")
        .replace("月", "-")
        .replace("日", "")
        .replace("/", "-")
        .replace(".", "-")
    )
    try:
        year, month, day = (int(part) for part in raw.split("-"))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        raise ValueError(f"“{value}”不是有效日期（格式 YYYY-MM-DD）") from None


def integer(value: Any) -> int | None:
    """A whole number."""
    if value in (None, ""):
        return None
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ValueError(f"“{value}”不是数字") from None
    if number != number.to_integral_value():
        raise ValueError(f"“{value}”应为整数")
    return int(number)


def money(value: Any) -> decimal.Decimal | None:
    """An amount in yuan with at most two decimals."""
    if value in (None, ""):
        return None
    try:
        number = decimal.Decimal(str(value).strip().replace(",", "").replace("元", ""))
    except decimal.InvalidOperation:
        raise ValueError(f"“{value}”不是有效金额") from None
    if number < 0 or number.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError("金额应为非负数，最多两位小数")
    return number


def choice(options: dict[str, str]) -> Callable[[Any], str]:
    """A Chinese label (or the code itself) mapped to a code."""
    by_label = {label: code for code, label in options.items()}

    def parse(value: Any) -> str:
        raw = "" if value is None else str(value).strip()
        if not raw:
            return ""
        if raw in options:
            return raw
        if raw in by_label:
            return by_label[raw]
        raise ValueError(f"“{raw}”不是有效选项（可选：{'、'.join(options.values())}）")

    return parse


# ---- reading and running ---------------------------------------------------------------------


def read_rows(source: IO[bytes] | str, *, sheet: int = 0) -> list[list[Any]]:
    """All rows of one sheet as lists of cell values."""
    try:
        workbook = (
            CalamineWorkbook.from_filelike(source)
            if not isinstance(source, str)
            else CalamineWorkbook.from_path(source)
        )
        return workbook.get_sheet_by_index(sheet).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several types for corrupt or non-spreadsheet files
        raise DomainError(
            "无法读取该文件，请上传 .xlsx / .xls / .ods 格式的表格", field="file"
        ) from exc


def parse_rows(
    rows: Sequence[Sequence[Any]], columns: Sequence[ImportColumn]
) -> tuple[list[dict[str, Any]], list[ImportError_]]:
    """Map headers to columns and parse every data row; returns (parsed rows with `_row`, errors)."""
    if not rows:
        return [], [ImportError_(1, "", "表格为空")]
    header = [str(h).strip().removesuffix("（必填）") for h in rows[0]]
    errors: list[ImportError_] = []
    positions: dict[str, int] = {}
    for column in columns:
        if column.header in header:
            positions[column.key] = header.index(column.header)
        elif column.required:
            errors.append(ImportError_(1, column.header, "缺少该列（请使用导入模板）"))
    if errors:
        return [], errors
    if len(rows) - 1 > MAX_ROWS:
        return [], [ImportError_(1, "", f"单次导入不能超过 {MAX_ROWS} 行")]
    parsed: list[dict[str, Any]] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(cell in (None, "") for cell in row):
            continue
        item: dict[str, Any] = {"_row": number}
        for column in columns:
            pos = positions.get(column.key)
            raw = row[pos] if pos is not None and pos < len(row) else None
            if (
                column.required
                and raw in (None, "")
                or (isinstance(raw, str) and column.required and not raw.strip())
            ):
                errors.append(ImportError_(number, column.header, "必填"))
                continue
            try:
                item[column.key] = column.parse(raw)
            except ValueError as exc:
                errors.append(ImportError_(number, column.header, str(exc)))
        parsed.append(item)
    return parsed, errors


def run_import(
    source: IO[bytes] | str | Iterable[Sequence[Any]],
    *,
    columns: Sequence[ImportColumn],
    save: Callable[[list[dict[str, Any]]], int],
    max_errors: int = 200,
) -> ImportResult:
    """Parse everything, then save everything in one transaction — or nothing at all."""
    if isinstance(source, str) or hasattr(source, "read"):
        rows = read_rows(source)  # type: ignore[arg-type]
    else:
        rows = [list(row) for row in source]
    parsed, errors = parse_rows(rows, columns)
    result = ImportResult(total_rows=len(parsed), errors=errors[:max_errors])
    if errors:
        return result
    try:
        with transaction.atomic():
            result.saved = save(parsed)
    except RowError as exc:
        result.errors = [ImportError_(exc.row, exc.column, exc.message)]
        result.saved = 0
    return result


def template_response(
    *, filename: str, columns: Sequence[ImportColumn], examples: Sequence[Sequence[Any]] = ()
) -> Any:
    """An .xlsx template with the headers (required ones marked) and example rows."""
    from fazhi.core.tables import Column, xlsx_response

    cols = [
        Column(str(i), c.header + ("（必填）" if c.required else ""), value=operator.itemgetter(i))
        for i, c in enumerate(columns)
    ]
    return xlsx_response(filename=filename, title="导入模板", columns=cols, rows=list(examples))
