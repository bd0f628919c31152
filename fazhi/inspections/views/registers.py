"""Register pages: inspection items, the object pool (import, recusals), the inspector pool."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.imports import template_response
from fazhi.core.models import OrgUnit
from fazhi.core.tables import Column, Table
from fazhi.enforcement import selectors as enforcement
from fazhi.enforcement.models import DOMAINS, Officer
from fazhi.inspections import forms, selectors, services
from fazhi.inspections.models import RiskGrade
from fazhi.inspections.permissions import MANAGE, VIEW
from fazhi.inspections.services.common import today
from fazhi.inspections.services.registers import OBJECT_COLUMNS, OBJECT_EXAMPLE


def managed_units(user: Any) -> QuerySet[OrgUnit]:
    """Active units in which the user may maintain registers and tasks."""
    return access.visible(OrgUnit.objects.filter(active=True), user, MANAGE, field="self")


def form_error(form: Any, exc: DomainError) -> None:
    """Show a service refusal next to its field (or above the form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _list_page(request: HttpRequest, table: Table, title: str, extra: dict[str, Any]) -> Any:
    if request.GET.get("export") == "xlsx":
        return table.export(filename=title, title=title)
    context = {"table": table, "page": table.page, "title": title, "q": request.GET.get("q", "")}
    return render(request, "inspections/register_list.html", context | extra)


@access.requires(VIEW)
def item_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.item_list_visible_to(user=request.user, q=request.GET.get("q", "").strip())
    table = Table(
        request,
        qs,
        [
            Column("name", "抽查事项", order_by="name"),
            Column(
                "org_unit", "实施单位", order_by="org_unit__path", value=lambda i: i.org_unit.name
            ),
            Column("basis", "检查依据"),
            Column("domain", "执法领域", value=lambda i: DOMAINS.get(i.domain, "—")),
            Column("power_item", "对应权责事项", value=lambda i: str(i.power_item or "—")),
        ],
        default_sort="name",
    )
    can_add = access.has_perm(request.user, MANAGE)
    new_url = "inspections:item-new" if can_add else ""
    return _list_page(request, table, "抽查事项清单", {"new_url": new_url})


@access.requires(MANAGE)
def item_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = forms.ItemForm(request.POST or None, units=managed_units(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            power_item = _power_item(user, data["unit"], data["power_item_code"])
            services.item_create(
                actor=user,
                unit=data["unit"],
                name=data["name"],
                basis=data["basis"],
                domain=data["domain"],
                power_item=power_item,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已添加抽查事项")
            return redirect("inspections:item-list")
    context = {"form": form, "title": "添加抽查事项", "back": "inspections:item-list"}
    return render(request, "inspections/form.html", context)


def _power_item(user: Any, unit: OrgUnit, code: str) -> Any:
    if not code.strip():
        return None
    found = (
        enforcement.power_item_list_visible_to(user=user)
        .filter(org_unit=unit, code=code.strip())
        .first()
    )
    if found is None:
        raise DomainError("本单位权责清单中没有该事项编码", field="power_item_code")
    return found


OBJECT_COLUMNS_UI = [
    Column("name", "名称", order_by="name"),
    Column("uscc", "统一社会信用代码", order_by="uscc", css="mono"),
    Column("risk_grade", "风险等级", order_by="risk_grade"),
    Column("industry", "所属行业", order_by="industry"),
    Column("address", "住所（经营场所）"),
    Column("org_unit", "管理单位", order_by="org_unit__path", value=lambda o: o.org_unit.name),
    Column("active", "在库", order_by="active"),
]


@access.requires(VIEW)
def object_list(request: HttpRequest) -> HttpResponse:
    grade = request.GET.get("grade", "")
    qs = selectors.object_list_visible_to(
        user=request.user,
        q=request.GET.get("q", "").strip(),
        grade=grade if grade in RiskGrade.values else "",
    )
    table = Table(request, qs, OBJECT_COLUMNS_UI, default_sort="name")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="检查对象名录库", title="检查对象名录库")
    return render(
        request,
        "inspections/object_list.html",
        {
            "table": table,
            "page": table.page,
            "q": request.GET.get("q", ""),
            "grade": grade,
            "grades": RiskGrade.choices,
            "can_manage": access.has_perm(request.user, MANAGE),
        },
    )


@access.requires(MANAGE)
def object_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = forms.ObjectForm(request.POST or None, units=managed_units(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            obj, created = services.object_save(actor=user, **data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已加入检查对象名录库" if created else "已更新该对象信息")
            return redirect(obj)
    context = {"form": form, "title": "登记检查对象", "back": "inspections:object-list"}
    return render(request, "inspections/form.html", context)


@access.requires(MANAGE)
def object_import(request: HttpRequest) -> HttpResponse:
    """Upload a workbook: every row valid → all saved; otherwise nothing, errors by row and column."""
    user = staff_user(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None, units=managed_units(user))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.object_import(
                actor=user, unit=form.cleaned_data["unit"], source=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(request, f"已导入 {result.saved} 个检查对象")
    return render(request, "inspections/import.html", {"form": form, "result": result})


@access.requires(MANAGE)
def object_import_template(request: HttpRequest) -> HttpResponse:
    return template_response(
        filename="检查对象导入模板", columns=OBJECT_COLUMNS, examples=[OBJECT_EXAMPLE]
    )


@access.requires(VIEW)
def object_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An entity with its recusal links; managers add or remove links here."""
    user = staff_user(request)
    obj = selectors.object_get_visible(user=user, pk=pk)
    can_manage = access.can_reach_unit(user, MANAGE, obj.org_unit)
    officers = selectors.recusal_candidates(obj)
    form = forms.RecusalForm(None, officers=officers)
    if request.method == "POST" and can_manage:
        if request.POST.get("op") == "remove":
            return _recusal_remove(request, obj)
        form = forms.RecusalForm(request.POST, officers=officers)
        if form.is_valid():
            try:
                services.recusal_add(actor=user, inspection_object=obj, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "已登记回避关系")
                return redirect(obj)
    return render(
        request,
        "inspections/object_detail.html",
        {
            "obj": obj,
            "recusals": selectors.recusals_of(obj),
            "form": form,
            "can_manage": can_manage,
        },
    )


def _recusal_remove(request: HttpRequest, obj: Any) -> HttpResponse:
    raw = str(request.POST.get("link", "")).strip()
    link = obj.recusals.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if link is None:
        messages.error(request, "回避关系不存在")
    else:
        services.recusal_remove(actor=staff_user(request), link=link)
        messages.success(request, "已删除回避关系")
    return redirect(obj)


@access.requires(VIEW)
def inspector_list(request: HttpRequest) -> HttpResponse:
    """The inspector pool: officers in scope holding a valid certificate today."""
    on = today()
    qs = selectors.inspector_list_visible_to(
        user=request.user, on=on, q=request.GET.get("q", "").strip()
    )
    table = Table(
        request,
        qs,
        [
            Column("full_name", "姓名", order_by="full_name"),
            Column("org_unit", "单位", order_by="org_unit__path", value=lambda o: o.org_unit.name),
            Column(
                "certificate",
                "执法证号（有效期至）",
                value=lambda o: _certificate(o, on),
            ),
        ],
        default_sort="org_unit",
    )
    return _list_page(
        request,
        table,
        "检查人员名录库",
        {"note": f"持有 {on.isoformat()} 有效执法证的在岗执法人员；证件失效者不会被抽取或指派。"},
    )


def _certificate(officer: Officer, on: Any) -> str:
    cert = enforcement.officer_valid_certificate(officer, on)
    return f"{cert.number}（{cert.valid_to.isoformat()}）" if cert else "—"
