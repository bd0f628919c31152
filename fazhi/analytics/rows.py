"""Table rows of the dashboards rendered in Python.

A district's dashboard has a hundred units × a dozen figures in each table; through the template
engine (variable lookup, localisation and escaping per cell) that was most of an uncached
request. These helpers build the same markup directly, escaping every text value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def _num(value: Any, cls: str = "num") -> str:
    return f'<td class="{cls}">{"—" if value is None else value}</td>'


def _flagged(value: int) -> str:
    return "num alert" if value else "num"


def _amount(value: Any) -> str:
    return f"{Decimal(value or 0):,.2f}"


def unit_rows(rows: list[dict[str, Any]], *, year: int, kind: str) -> SafeString:
    """Rows of the per-unit table (supervisor dashboard)."""
    out = []
    for r in rows:
        filter_link = "?" + urlencode(
            {"year": year, "unit": r["unit_id"], **({"kind": kind} if kind else {})}
        )
        out.append(
            f'<tr><td><a href="{escape(filter_link)}">{escape(r["unit"])}</a></td>'
            f'<td class="num"><a href="{escape(r["link"])}">{r["cases"]}</a></td>'
            f"{_num(r['filed'])}{_num(r['closed'])}{_num(_pct(r['closure_rate']))}"
            f'<td class="{_flagged(r["decision_overdue"])}">'
            f'<a href="{escape(r["overdue_link"])}">{r["decision_overdue"]}</a></td>'
            f"{_num(_pct(r['publicity_rate']))}{_num(_pct(r['review_rate']))}"
            f"{_num(_amount(r['amount_total']))}"
            f"{_num(r['out_of_tier'], _flagged(r['out_of_tier']))}"
            f"{_num(r['uncertified'], _flagged(r['uncertified']))}{_num(r['flags'])}</tr>"
        )
    if not out:
        out.append('<tr><td colspan="12" class="empty">该年度没有案件汇总数据</td></tr>')
    return mark_safe("\n".join(out))  # noqa: S308  (every text value above is escaped)


def register_rows(rows: list[dict[str, Any]]) -> SafeString:
    """Rows of the officers table (certificates and training per unit)."""
    out = [
        f"<tr><td>{escape(r['unit'])}</td>{_num(r['officers'])}{_num(r['certified'])}"
        f"{_num(_pct(r['certified_rate']))}{_num(r['training_ok'])}"
        f"{_num(_pct(r['training_rate']))}{_num(r['hours_avg'])}{_num(r['penalty_items'])}</tr>"
        for r in rows
    ]
    if not out:
        out.append('<tr><td colspan="8" class="empty">暂无执法人员统计</td></tr>')
    return mark_safe("\n".join(out))  # noqa: S308  (every text value above is escaped)
