"""Org tree pages (组织机构): browse lazily, view, create, edit, move."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core import access, selectors
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.forms import UnitForm
from fazhi.core.models import OrgUnit
from fazhi.core.permissions import MANAGE_ORG, VIEW_ORG
from fazhi.core.services.org import unit_create, unit_move, unit_update
from fazhi.core.tables import Column, Table

COLUMNS = [
    Column("name", "名称", order_by="name"),
    Column("short_name", "简称", order_by="short_name"),
    Column("kind", "类型", order_by="kind"),
    Column("level", "层级", order_by="level"),
    Column("uscc", "统一社会信用代码", order_by="uscc"),
    Column("division_code", "行政区划代码", order_by="division_code"),
    Column("parent", "上级单位", value=lambda u: u.parent.name if u.parent_id else ""),
    Column("active", "状态", order_by="active", value=lambda u: "启用" if u.active else "停用"),
]


@access.requires(VIEW_ORG)
def tree(request: HttpRequest) -> HttpResponse:
    """The tree (top levels of the user's scope; deeper levels load on demand), or a flat searchable list."""
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if q or kind or request.GET.get("view") == "list":
        qs = selectors.unit_list_visible_to(
            user=request.user, perm=VIEW_ORG, q=q, kind=kind
        ).select_related("parent")
        table = Table(request, qs, COLUMNS, default_sort="name", per_page=50)
        if request.GET.get("export") == "xlsx":
            return table.export(filename="组织机构", title="组织机构")
        return render(
            request,
            "core/org_list.html",
            {
                "table": table,
                "page": table.page,
                "q": q,
                "kind": kind,
                "kinds": OrgUnit.Kind.choices,
            },
        )
    roots = list(selectors.unit_children_visible(user=request.user, perm=VIEW_ORG, parent=None))
    # The top of the tree opens with its first level shown; deeper levels load on demand (htmx).
    for root in roots[:5]:
        root.preloaded = selectors.unit_children_visible(  # type: ignore[attr-defined]
            user=request.user, perm=VIEW_ORG, parent=root
        )
    return render(
        request,
        "core/org_tree.html",
        {
            "nodes": roots,
            "kinds": OrgUnit.Kind.choices,
            "can_manage": access.has_perm(request.user, MANAGE_ORG),
        },
    )


@access.requires(VIEW_ORG)
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the children of one node."""
    parent = selectors.unit_get_visible(user=request.user, perm=VIEW_ORG, pk=pk)
    nodes = selectors.unit_children_visible(user=request.user, perm=VIEW_ORG, parent=parent)
    return render(request, "core/_org_nodes.html", {"nodes": nodes})


@access.requires(VIEW_ORG)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit: its fields, its children and its users."""
    unit = selectors.unit_get_visible(user=request.user, perm=VIEW_ORG, pk=pk)
    ancestors = selectors.unit_list_visible_to(user=request.user, perm=VIEW_ORG).filter(
        path__in=[unit.path[:i] for i in range(8, len(unit.path), 8)]
    )
    kids = selectors.unit_children_visible(user=request.user, perm=VIEW_ORG, parent=unit)
    can_manage = access.can_reach_unit(request.user, MANAGE_ORG, unit)
    return render(
        request,
        "core/org_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "children": kids,
            "can_manage": can_manage,
            "user_count": unit.users.filter(is_active=True).count(),
        },
    )


@access.requires(MANAGE_ORG)
def create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a child unit under `pk`."""
    parent = selectors.unit_get_visible(user=request.user, perm=MANAGE_ORG, pk=pk)
    form = UnitForm(request.POST or None, initial={"level": parent.level, "active": True})
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_create(actor=staff_user(request), parent=parent, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已新增单位“{unit.name}”")
            return redirect("core:org-detail", pk=unit.pk)
    return render(
        request, "core/org_form.html", {"form": form, "parent": parent, "title": "新增下级单位"}
    )


@access.requires(MANAGE_ORG)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a unit's fields."""
    unit = selectors.unit_get_visible(user=request.user, perm=MANAGE_ORG, pk=pk)
    initial = {f: getattr(unit, f) for f in UnitForm.base_fields}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(actor=staff_user(request), unit=unit, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存")
            return redirect("core:org-detail", pk=unit.pk)
    return render(
        request, "core/org_form.html", {"form": form, "unit": unit, "title": f"编辑：{unit.name}"}
    )


@access.requires(MANAGE_ORG)
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a unit (and its subtree) under another parent within the administrator's scope."""
    unit = selectors.unit_get_visible(user=request.user, perm=MANAGE_ORG, pk=pk)
    candidates = selectors.unit_list_visible_to(
        user=request.user, perm=MANAGE_ORG, include_inactive=False
    ).exclude(unit.subtree_q())
    if request.method == "POST":
        raw = request.POST.get("parent", "")
        target = candidates.filter(pk=int(raw)).first() if raw.isdigit() else None
        if target is None:
            messages.error(request, "请选择有效的新上级单位")
        else:
            try:
                unit_move(actor=staff_user(request), unit=unit, new_parent=target)  # type: ignore[arg-type]
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"已将“{unit.name}”调整到“{target.name}”之下")
                return redirect("core:org-detail", pk=unit.pk)
    return render(request, "core/org_move.html", {"unit": unit, "candidates": candidates[:2000]})
