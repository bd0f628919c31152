"""Register editing: subjects, officers (certificates, training), power items, benchmarks, the four
lists. Thin views: scope via core.access (404 outside it), rules and audit in the services."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.core.tables import Column, Table
from fazhi.enforcement import forms_registers as f
from fazhi.enforcement import selectors
from fazhi.enforcement.models import (
    Certificate,
    EnforcementSubject,
    LenientListEntry,
    Officer,
    PowerItem,
)
from fazhi.enforcement.models.registers import domains_list
from fazhi.enforcement.permissions import MANAGE_REGISTERS, VIEW_REGISTERS
from fazhi.enforcement.services import catalogue as cat
from fazhi.enforcement.services import registers as reg


def manage_units(user: User) -> QuerySet[OrgUnit]:
    """Units whose registers the user may maintain."""
    qs = OrgUnit.objects.filter(active=True).order_by("path")
    return access.visible(qs, user, MANAGE_REGISTERS, field="self")


def _refused(form: djforms.Form, exc: DomainError) -> None:
    """Show a service refusal next to its field (or above the form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _page(request: HttpRequest, form: djforms.Form, title: str, back: str, **extra: Any):  # type: ignore[no-untyped-def]
    template = extra.pop("template", "enforcement/register_form.html")
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


@access.requires(MANAGE_REGISTERS)
def subject_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Register or update a unit's 执法主体 record (法定/授权/委托 with its 委托书)."""
    user = staff_user(request)
    units = manage_units(user)
    subject = None
    initial: dict[str, Any] = {"active": True}
    if pk is not None:
        qs = EnforcementSubject.objects.select_related("org_unit")
        subject = access.get_visible(qs, user, MANAGE_REGISTERS, pk=pk)
        initial = {
            "unit": subject.org_unit_id,
            "kind": subject.kind,
            "domains": domains_list(subject.domains),
            "legal_basis": subject.legal_basis,
            "entrusting_unit": subject.entrusting_unit_id,
            "entrustment_document": subject.entrustment_document,
            "entrustment_valid_to": subject.entrustment_valid_to,
            "active": subject.active,
        }
    form = f.SubjectForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if subject is not None and d["unit"].pk != subject.org_unit_id:
            form.add_error("unit", "不能更改主体所属单位")
        else:
            try:
                saved = reg.subject_save(
                    actor=user,
                    unit=d["unit"],
                    kind=d["kind"],
                    domains=d["domains"],
                    legal_basis=d["legal_basis"],
                    entrusting_unit=d["entrusting_unit"],
                    entrustment_document=d["entrustment_document"],
                    entrustment_valid_to=d["entrustment_valid_to"],
                    active=d["active"],
                )
            except DomainError as exc:
                _refused(form, exc)
            else:
                entrusted = saved.kind == EnforcementSubject.Kind.ENTRUSTED
                note = "，请在本页上传委托书" if entrusted else ""
                messages.success(request, f"已保存执法主体{note}")
                return redirect("enforcement:subject-detail", pk=saved.pk)
    title = "修改执法主体" if subject else "登记执法主体"
    return _page(request, form, title, reverse("enforcement:subject-list"))


def _officer_users(user: User) -> QuerySet[User]:
    qs = User.objects.filter(is_active=True).order_by("org_unit__path", "username")
    return access.visible(qs, user, MANAGE_REGISTERS)


@access.requires(MANAGE_REGISTERS)
def officer_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = f.OfficerForm(
        request.POST or None,
        units=manage_units(user),
        users=_officer_users(user),
        initial={"active": True},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            officer = reg.officer_create(
                actor=user,
                unit=d["unit"],
                full_name=d["full_name"],
                domains=d["domains"],
                user=d["user"],
                legal_qualification=d["legal_qualification"],
                legal_qualification_number=d["legal_qualification_number"],
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已登记执法人员，请登记其执法证")
            return redirect("enforcement:officer-detail", pk=officer.pk)
    return _page(request, form, "登记执法人员", reverse("enforcement:officer-list"))


def _managed_officer(request: HttpRequest, pk: int) -> Officer:
    qs = Officer.objects.select_related("org_unit", "user")
    return access.get_visible(qs, staff_user(request), MANAGE_REGISTERS, pk=pk)


@access.requires(MANAGE_REGISTERS)
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    officer = _managed_officer(request, pk)
    form = f.OfficerForm(
        request.POST or None,
        units=manage_units(user),
        users=_officer_users(user),
        editing=True,
        initial=f.OfficerForm.initial_for(officer),
    )
    back = reverse("enforcement:officer-detail", args=[officer.pk])
    if request.method == "POST" and form.is_valid():
        try:
            reg.officer_update(actor=user, officer=officer, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect(back)
    return _page(request, form, f"修改执法人员：{officer.full_name}", back)


@access.requires(MANAGE_REGISTERS)
def certificate_new(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _managed_officer(request, pk)
    form = f.CertificateForm(request.POST or None)
    back = reverse("enforcement:officer-detail", args=[officer.pk])
    if request.method == "POST" and form.is_valid():
        try:
            reg.certificate_add(actor=staff_user(request), officer=officer, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已登记执法证")
            return redirect(back)
    return _page(request, form, f"登记执法证：{officer.full_name}", back)


@require_POST
@access.requires(MANAGE_REGISTERS)
def certificate_revoke(request: HttpRequest, pk: int, cert_pk: int) -> HttpResponse:
    officer = _managed_officer(request, pk)
    cert = Certificate.objects.filter(officer=officer, pk=cert_pk).first()
    form = f.RevokeForm(request.POST)
    if cert is None:
        messages.error(request, "执法证不存在")
    elif not form.is_valid():
        messages.error(request, "注销未完成：请填写注销日期和原因")
    else:
        try:
            reg.certificate_revoke(actor=staff_user(request), certificate=cert, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, f"注销未完成：{exc.message}")
        else:
            messages.success(request, f"已注销执法证 {cert.number}")
    return redirect("enforcement:officer-detail", pk=officer.pk)


@access.requires(MANAGE_REGISTERS)
def training_new(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _managed_officer(request, pk)
    form = f.TrainingForm(request.POST or None)
    back = reverse("enforcement:officer-detail", args=[officer.pk])
    if request.method == "POST" and form.is_valid():
        try:
            reg.training_add(actor=staff_user(request), officer=officer, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已登记培训记录")
            return redirect(back)
    return _page(request, form, f"登记培训：{officer.full_name}", back)


@access.requires(MANAGE_REGISTERS)
def power_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = f.PowerItemForm(request.POST or None, units=manage_units(user))
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            item = cat.power_item_create(actor=user, unit=d.pop("unit"), **d)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已新增权责事项（第 1 版）")
            return redirect("enforcement:power-detail", pk=item.pk)
    return _page(request, form, "新增权责事项", reverse("enforcement:power-list"))


@access.requires(MANAGE_REGISTERS)
def benchmark_new(request: HttpRequest) -> HttpResponse:
    """A benchmark with its tiers (≥ 3, amount ranges checked by the service)."""
    user = staff_user(request)
    items = access.visible(
        PowerItem.objects.filter(category=PowerItem.Category.PENALTY, active=True),
        user,
        MANAGE_REGISTERS,
    )
    form = f.BenchmarkForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            bench = cat.benchmark_create(
                actor=user,
                power_item=d["power_item"],
                violation=d["violation"],
                legal_basis=d["legal_basis"],
                tiers=form.tiers(),
            )
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已制定裁量基准（尚未公开）")
            return redirect("enforcement:benchmark-detail", pk=bench.pk)
    return _page(
        request,
        form,
        "制定裁量基准",
        reverse("enforcement:benchmark-list"),
        template="enforcement/benchmark_form.html",
    )


@access.requires(VIEW_REGISTERS)
def lenient_list(request: HttpRequest) -> HttpResponse:
    """The four lists (不予处罚/从轻/减轻/免予强制) in scope."""
    user = staff_user(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in LenientListEntry.ListKind.values else ""
    qs = selectors.lenient_list_visible_to(user=user, list_kind=kind)
    table = Table(
        request,
        qs,
        [
            Column("list_kind", "清单", order_by="list_kind"),
            Column("matter", "违法行为/事项", order_by="matter"),
            Column("conditions", "适用条件"),
            Column("basis", "法律依据", order_by="basis"),
            Column("version", "版本", order_by="version"),
            Column("active", "有效", order_by="active"),
            Column(
                "org_unit", "制定单位", order_by="org_unit__path", value=lambda e: e.org_unit.name
            ),
            Column("published", "已公开", order_by="published"),
        ],
        default_sort="list_kind",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="四张清单", title="包容审慎监管清单")
    can_manage = access.has_perm(user, MANAGE_REGISTERS)
    manageable = set(manage_units(user).values_list("pk", flat=True)) if can_manage else set()
    return render(
        request,
        "enforcement/lenient_list.html",
        {
            "table": table,
            "page": table.page,
            "kind": kind,
            "kinds": LenientListEntry.ListKind.choices,
            "can_manage": can_manage,
            "manageable": manageable,
        },
    )


@access.requires(MANAGE_REGISTERS)
def lenient_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    items = access.visible(PowerItem.objects.filter(active=True), user, MANAGE_REGISTERS)
    form = f.LenientEntryForm(request.POST or None, units=manage_units(user), items=items)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            cat.lenient_entry_create(actor=user, unit=d.pop("unit"), **d)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已新增清单条目（尚未公开）")
            return redirect("enforcement:lenient-list")
    return _page(request, form, "新增清单条目", reverse("enforcement:lenient-list"))


@access.requires(VIEW_REGISTERS)
def lenient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An entry of the four lists with its versions; managers adjust it (reason + date)."""
    user = staff_user(request)
    qs = LenientListEntry.objects.select_related("org_unit", "power_item")
    entry = access.get_visible(qs, user, VIEW_REGISTERS, pk=pk)
    can_manage = access.can_reach_unit(user, MANAGE_REGISTERS, entry.org_unit)
    posted = request.method == "POST" and can_manage
    items = PowerItem.objects.filter(org_unit=entry.org_unit, active=True)
    form = f.LenientAdjustForm(
        request.POST if posted else None,
        items=items,
        initial=f.LenientAdjustForm.initial_for(entry),
    )
    if posted and form.is_valid():
        try:
            cat.lenient_entry_adjust(entry=entry, actor=user, **form.cleaned_data)
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已保存为新版本")
            return redirect("enforcement:lenient-detail", pk=entry.pk)
    versions = list(entry.versions.select_related("changed_by"))
    kinds, bases = dict(LenientListEntry.ListKind.choices), dict(LenientListEntry.Basis.choices)
    for v in versions:
        v.kind_label = kinds.get(v.snapshot.get("list_kind"), "")  # type: ignore[attr-defined]
        v.basis_label = bases.get(v.snapshot.get("basis"), "")  # type: ignore[attr-defined]
    context = {"entry": entry, "form": form, "can_manage": can_manage, "versions": versions}
    return render(
        request,
        "enforcement/lenient_detail.html",
        context,
        status=400 if form.errors else 200,
    )


@require_POST
@access.requires(MANAGE_REGISTERS)
def lenient_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    entry = access.get_visible(LenientListEntry.objects.all(), user, MANAGE_REGISTERS, pk=pk)
    try:
        cat.lenient_entry_publish(entry=entry, actor=user, published=not entry.published)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已取消公开" if entry.published else "已公开")
    if request.POST.get("next") == "detail":
        return redirect("enforcement:lenient-detail", pk=entry.pk)
    return redirect("enforcement:lenient-list")
