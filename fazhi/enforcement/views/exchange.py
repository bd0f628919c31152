"""Excel upload of cases (all-or-nothing, row/column errors) and its template."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.enforcement import forms
from fazhi.enforcement.case_import import COLUMNS, EXAMPLE, import_rows
from fazhi.enforcement.permissions import IMPORT_CASES

__all__ = ["COLUMNS", "case_import", "import_rows", "import_template"]


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
