"""The audit trail for audit administrators (审计管理员 only)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from fazhi.core import access, audit, selectors
from fazhi.core.permissions import VIEW_AUDIT
from fazhi.core.tables import Column, Table

COLUMNS = [
    Column("id", "编号", order_by="id", css="num"),
    Column("at", "时间", order_by="id"),
    Column("actor_repr", "操作人", order_by="actor_repr"),
    Column("verb", "操作", order_by="verb"),
    Column("target_repr", "对象"),
    Column("ip", "IP 地址"),
    Column("changes", "变更内容", value=lambda e: audit.normalise(e.changes)),
    Column("lane", "链号"),
    Column("seq", "链内序号"),
    Column("hash", "哈希"),
]


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@access.requires(VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    """Filterable, exportable audit list (entries of units in scope)."""
    filters = {k: request.GET.get(k, "").strip() for k in ("verb", "actor", "date_from", "date_to")}
    qs = selectors.audit_list_visible_to(
        user=request.user,
        verb=filters["verb"],
        actor=filters["actor"],
        date_from=_date(filters["date_from"]),
        date_to=_date(filters["date_to"]),
    )
    table = Table(request, qs, COLUMNS, default_sort="-id", per_page=50)
    if request.GET.get("export") == "xlsx":
        return table.export(filename="审计日志", title="审计日志")
    return render(request, "core/audit_list.html", {"table": table, "page": table.page, **filters})


@access.requires(VIEW_AUDIT)
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry with its hash link."""
    entry = get_object_or_404(selectors.audit_list_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "core/audit_detail.html",
        {"entry": entry, "recomputed": audit.compute_hash(entry.prev_hash, entry)},
    )


@access.requires(VIEW_AUDIT)
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Re-walk the whole chain now and show the result."""
    problem, head, count = audit.verify_chain()
    return render(
        request, "core/audit_verify.html", {"problem": problem, "head": head, "count": count}
    )
