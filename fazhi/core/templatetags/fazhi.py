"""Template helpers for the staff shell: query-string editing and sortable headers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (None/"" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], table: Any, column: Any) -> str:
    """A table header cell that sorts by the column (toggling direction)."""
    if not column.sortable:
        return format_html('<th scope="col" class="{}">{}</th>', column.css, column.label)
    params = context["request"].GET.copy()
    current = table.sort
    is_sorted = current.lstrip("-") == column.key
    descending = current.startswith("-")
    params["sort"] = (
        ("" if is_sorted and descending else "-") + column.key if is_sorted else column.key
    )
    params.pop("page", None)
    css = "sorted desc" if is_sorted and descending else ("sorted" if is_sorted else "")
    aria = ("descending" if descending else "ascending") if is_sorted else "none"
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}"><a class="{}" href="?{}">{}</a></th>',
        column.css,
        aria,
        css,
        params.urlencode(),
        column.label,
    )


@register.filter
def cell(row: Any, column: Any) -> Any:
    """The display value of `column` for `row`."""
    return column.display(row)
