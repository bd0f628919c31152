"""Dashboards (supervisor, leader) over the rollups, anomaly flags, and the drill-down to records."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from fazhi.core import access
from fazhi.core.models import OrgUnit
from fazhi.core.tables import Column, Table, xlsx_response
from fazhi.enforcement.models import Case
from fazhi.enforcement.permissions import VIEW_CASES

from . import conf, rows, selectors
from .models import AnomalyFlag
from .permissions import VIEW_LEADER, VIEW_SUPERVISION

UNIT_COLUMNS = [
    Column("unit", "单位"),
    Column("cases", "登记案件"),
    Column("filed", "立案"),
    Column("closed", "结案"),
    Column("closure_rate", "结案率（%）"),
    Column("decision_overdue", "超期案件"),
    Column("publicity_rate", "按时公示率（%）"),
    Column("publicity_late", "公示逾期"),
    Column("review_rate", "法制审核覆盖率（%）"),
    Column("amount_total", "罚没金额（元）"),
    Column("out_of_tier", "偏离裁量基准"),
    Column("uncertified", "无证执法"),
    Column("flags", "异常线索"),
]
for _c in UNIT_COLUMNS:
    _c.value = (lambda key: lambda row: row[key])(_c.key)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    today = timezone.localdate().year
    if raw.isdigit() and 2000 <= int(raw) <= today + 1:
        return int(raw)
    return years[0] if years else today


def _params(request: HttpRequest, perm: str, version: str = "") -> dict[str, Any]:
    years = selectors.years_available(version)
    kind = request.GET.get("kind", "")
    return {
        "year": _year(request, years),
        "years": years,
        "kind": kind if kind in Case.Kind.values else "",
        "unit": selectors.scoped_unit(request.user, perm, request.GET.get("unit")),
    }


def _drill(year: int, unit_id: int | None = None, **extra: Any) -> str:
    query = {
        "year": year,
        **({"unit": unit_id} if unit_id else {}),
        **{k: v for k, v in extra.items() if v},
    }
    return _cases_url() + "?" + urlencode(query)


@functools.cache
def _cases_url() -> str:
    return reverse("analytics:cases")  # a dashboard builds hundreds of drill-down links


def _chart_data(data: dict[str, Any], year: int, kind: str) -> dict[str, Any]:
    """What dashboard.js draws (plain lists; links make every bar a drill-down)."""
    units = data["by_unit"]
    return {
        "trend": {
            "labels": [f"{m['month'].month}月" for m in data["months"]],
            "cases": [m["cases"] for m in data["months"]],
            "closed": [m["closed"] for m in data["months"]],
            "overdue": [m["decision_overdue"] for m in data["months"]],
            "links": [
                _drill(year, None, month=m["month"].month, kind=kind) for m in data["months"]
            ],
        },
        "units": {
            "labels": [u["unit"] for u in units],
            "cases": [u["cases"] for u in units],
            "closed": [u["closed"] for u in units],
            "overdue": [u["decision_overdue"] for u in units],
            "links": [_drill(year, u["unit_id"], kind=kind) for u in units],
        },
        "rates": {
            "labels": [u["unit"] for u in units],
            "publicity": [u["publicity_rate"] for u in units],
            "review": [u["review_rate"] for u in units],
            "closure": [u["closure_rate"] for u in units],
        },
        "types": [{"name": t["name"], "value": t["value"]} for t in data["types"]],
        "registers": {
            "labels": [r["unit"] for r in data["registers"]],
            "certified": [r["certified_rate"] for r in data["registers"]],
            "training": [r["training_rate"] for r in data["registers"]],
        },
    }


def _body(
    template: str,
    *,
    scope: selectors.ScopeUnits,
    year: int,
    kind: str,
    unit: OrgUnit | None,
    can_flags: bool,
    version: str,
) -> str:
    """The dashboard's content (figures, charts' data, tables), rendered once per rollup version.

    The cache key holds everything the content depends on: the rollup version (a new token after
    every refresh that changed something), the viewer's units with their paths and names (so a
    grant, a moved or renamed unit gives a new key), the filters and the flags permission.
    """
    key = None
    if version:  # nothing is cached before the first refresh
        parts = (template, version, scope.fingerprint(), year, kind, unit and unit.pk, can_flags)
        key = "analytics:body:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        html = cache.get(key)
        if html is not None:
            return html
    data = selectors.dashboard(scope=scope, year=year, kind=kind)
    for row in data["by_unit"]:
        row["link"] = _drill(year, row["unit_id"], kind=kind)
        row["overdue_link"] = _drill(year, row["unit_id"], kind=kind, measure="overdue")
    html = render_to_string(
        template,
        {
            **data,
            "year": year,
            "kind": kind,
            "can_flags": can_flags,
            "chart_data": _chart_data(data, year, kind),
            # callables: the template engine calls them only where the tables appear
            "unit_rows": lambda: rows.unit_rows(data["by_unit"], year=year, kind=kind),
            "register_rows": lambda: rows.register_rows(data["registers"]),
            "drill_all": _drill(year, unit.pk if unit else None, kind=kind),
            "drill_overdue": _drill(year, unit.pk if unit else None, kind=kind, measure="overdue"),
        },
    )
    if key is not None:
        cache.set(key, html, conf.get("CACHE_SECONDS"))
    return html


def _dashboard(request: HttpRequest, perm: str, template: str, title: str) -> HttpResponse:
    state = selectors.freshness()
    version = state.version if state else ""
    params = _params(request, perm, version)
    year, unit, kind = params["year"], params["unit"], params["kind"]
    scope = selectors.scope_units(user=request.user, perm=perm, unit=unit)
    if request.GET.get("export") == "xlsx":
        data = selectors.dashboard(scope=scope, year=year, kind=kind)
        return xlsx_response(
            filename=f"{title}-{year}",
            title=f"{year}年各单位执法情况",
            columns=UNIT_COLUMNS,
            rows=data["by_unit"],
        )
    body = _body(
        template.replace("/", "/_body_", 1),
        scope=scope,
        year=year,
        kind=kind,
        unit=unit,
        can_flags=access.has_perm(request.user, VIEW_SUPERVISION),
        version=version,
    )
    # the body is this app's own template output (autoescaped when rendered), kept as a string
    return render(
        request,
        template,
        {**params, "title": title, "state": state, "body": mark_safe(body)},  # noqa: S308
    )


@access.requires(VIEW_SUPERVISION)
def supervisor_dashboard(request: HttpRequest) -> HttpResponse:
    """监督人员看板: every measure per unit, flags, registers; drill-down everywhere."""
    return _dashboard(request, VIEW_SUPERVISION, "analytics/supervisor.html", "执法监督看板")


@access.requires(VIEW_LEADER)
def leader_dashboard(request: HttpRequest) -> HttpResponse:
    """领导看板: headline figures, trend, ranking and the number of anomalies."""
    return _dashboard(request, VIEW_LEADER, "analytics/leader.html", "执法工作领导看板")


FLAG_COLUMNS = [
    Column("year", "年度", order_by="year"),
    Column("org_unit", "单位", order_by="org_unit__path", value=lambda f: f.org_unit.name),
    Column("kind", "异常类型", order_by="kind"),
    Column("detail", "说明"),
    Column("value", "指标值", order_by="value"),
    Column("raised_at", "首次发现", order_by="raised_at"),
]


@access.requires(VIEW_SUPERVISION)
def flag_list(request: HttpRequest) -> HttpResponse:
    """Anomaly flags in scope, with links to the records behind each."""
    years = selectors.years_available()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    kind = request.GET.get("kind", "")
    kind = kind if kind in AnomalyFlag.Kind.values else ""
    qs = selectors.flag_list(user=request.user, perm=VIEW_SUPERVISION, year=year, kind=kind)
    table = Table(request, qs, FLAG_COLUMNS, "kind")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="执法监督异常线索", title="异常线索")
    measures = {"overdue": "overdue", "out_of_tier": "out_of_tier", "uncertified": "uncertified"}
    page = table.page
    for flag in page.object_list:
        flag.link = _drill(
            flag.year,
            flag.org_unit_id,
            kind="penalty" if flag.kind != "uncertified" else "",
            measure=measures.get(flag.kind, "cases"),
        )
    return render(
        request,
        "analytics/flags.html",
        {
            "table": table,
            "page": page,
            "years": years,
            "year": year,
            "kind": kind,
            "kinds": AnomalyFlag.Kind.choices,
            "state": selectors.freshness(),
        },
    )


CASE_COLUMNS = [
    Column("number", "案件编号", order_by="number"),
    Column("title", "案由", order_by="title"),
    Column("org_unit", "办案单位", order_by="org_unit__path", value=lambda c: c.org_unit.name),
    Column("kind", "类型", order_by="kind"),
    Column("status", "状态", order_by="status"),
    Column("clue_on", "登记日期", order_by="clue_on"),
    Column("decision_due_on", "决定期限", order_by="decision_due_on"),
    Column("decided_on", "决定日期", order_by="decided_on"),
    Column("amount", "罚没金额", order_by="amount"),
]


@access.requires(VIEW_LEADER)
def drilldown(request: HttpRequest) -> HttpResponse:
    """The case records behind a dashboard number (scoped by the enforcement case permission)."""
    params = _params(request, VIEW_CASES)
    month_raw = request.GET.get("month", "")
    month = int(month_raw) if month_raw.isdigit() and 1 <= int(month_raw) <= 12 else None
    measure = request.GET.get("measure", "cases")
    measure = measure if measure in selectors.DRILL_MEASURES else "cases"
    state = selectors.freshness()
    as_of = state.as_of if state and state.as_of else timezone.localdate()
    qs = selectors.drilldown_cases(
        user=request.user,
        year=params["year"],
        month=month,
        unit=params["unit"],
        kind=params["kind"],
        measure=measure,
        as_of=as_of,
    )
    table = Table(request, qs, CASE_COLUMNS, "-clue_on")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="执法案件明细", title="执法案件明细")
    return render(
        request,
        "analytics/cases.html",
        {
            **params,
            "table": table,
            "page": table.page,
            "month": month,
            "measure": measure,
            "measures": selectors.DRILL_MEASURES.items(),
            "kinds": Case.Kind.choices,
            "as_of": as_of,
        },
    )
