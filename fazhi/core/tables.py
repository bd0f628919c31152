"""List pages: whitelisted sorting, pagination and Excel export from one column declaration."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import xlsxwriter
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

EXPORT_LIMIT = 100_000


@dataclass
class Column:
    """One column: a key, a Chinese label, how to sort by it and how to show it."""

    key: str
    label: str
    order_by: str | None = None  # ORM field to sort by; None = not sortable
    value: Callable[[Any], Any] | None = None  # display/export value; default getattr(row, key)
    css: str = ""

    @property
    def sortable(self) -> bool:
        return self.order_by is not None

    def display(self, row: Any) -> Any:
        if self.value is not None:
            return self.value(row)
        result = row
        for part in self.key.split("__"):
            result = getattr(result, part, "") if result is not None else ""
        display = getattr(row, f"get_{self.key}_display", None)
        return display() if callable(display) else result


@dataclass
class Table:
    """A sortable, paginated view of a (scoped!) queryset."""

    request: HttpRequest
    queryset: QuerySet[Any]
    columns: list[Column]
    default_sort: str
    per_page: int = 20
    sort: str = field(init=False)

    def __post_init__(self) -> None:
        wanted = self.request.GET.get("sort", "") or self.default_sort
        by_key = {c.key: c for c in self.columns if c.sortable}
        column = by_key.get(wanted.lstrip("-"))
        self.sort = wanted if column else self.default_sort
        column = by_key.get(self.sort.lstrip("-"))
        if column is not None:
            prefix = "-" if self.sort.startswith("-") else ""
            self.queryset = self.queryset.order_by(prefix + str(column.order_by), "pk")

    @property
    def page(self) -> Page:
        """The requested page (out-of-range numbers give the last page)."""
        return Paginator(self.queryset, self.per_page).get_page(self.request.GET.get("page"))

    def export(self, *, filename: str, title: str) -> HttpResponse:
        """The whole (scoped, filtered, sorted) list as an .xlsx download."""
        return xlsx_response(
            filename=filename,
            title=title,
            columns=self.columns,
            rows=self.queryset[:EXPORT_LIMIT].iterator(chunk_size=2000),
        )


def _excel_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    # Neutralise spreadsheet formulas in user-supplied text (CSV/Excel injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def xlsx_response(
    *, filename: str, title: str, columns: list[Column], rows: Iterable[Any]
) -> HttpResponse:
    """Write rows to an in-memory workbook (constant_memory mode) and return it as an attachment."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(title[:31])
    head = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    for col, column in enumerate(columns):
        sheet.write(0, col, column.label, head)
        sheet.set_column(col, col, max(10, min(40, len(column.label) * 3)))
    for r, row in enumerate(rows, start=1):
        for col, column in enumerate(columns):
            sheet.write(r, col, _excel_value(column.display(row)))
    sheet.freeze_panes(1, 0)
    book.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(f'{filename}-{stamp}.xlsx')}"
    )
    return response
