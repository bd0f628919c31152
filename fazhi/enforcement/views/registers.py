"""Register pages: subjects, officers (certificate and training flags), power list, benchmarks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.tables import Column, Table
from fazhi.enforcement import conf, selectors
from fazhi.enforcement.attachments import ENTRUSTMENT_STAGE
from fazhi.enforcement.forms_registers import BenchmarkAdjustForm, PowerAdjustForm
from fazhi.enforcement.models import (
    BenchmarkTier,
    DiscretionBenchmark,
    EnforcementSubject,
    PowerItem,
)
from fazhi.enforcement.models.registers import DOMAINS, domains_list
from fazhi.enforcement.permissions import MANAGE_REGISTERS, VIEW_REGISTERS
from fazhi.enforcement.services import catalogue as reg
from fazhi.enforcement.services.common import today
from fazhi.files.selectors import attachments_for

from .register_edit import manage_units


def _domains(text: str) -> str:
    return "、".join(DOMAINS.get(c, c) for c in domains_list(text))


@access.requires(VIEW_REGISTERS)
def subject_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.subject_list_visible_to(user=request.user, q=request.GET.get("q", "").strip())
    table = Table(
        request,
        qs,
        [
            Column("org_unit", "单位", order_by="org_unit__path", value=lambda s: s.org_unit.name),
            Column("kind", "主体类型", order_by="kind"),
            Column("domains", "执法领域", value=lambda s: _domains(s.domains)),
            Column(
                "entrusting_unit",
                "委托机关",
                value=lambda s: s.entrusting_unit.name if s.entrusting_unit else "",
            ),
            Column("entrustment_document", "委托书文号"),
        ],
        default_sort="org_unit",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="执法主体", title="执法主体")
    can_manage = access.has_perm(request.user, MANAGE_REGISTERS)
    manageable = set()
    if can_manage:
        manageable = set(manage_units(staff_user(request)).values_list("pk", flat=True))
    return render(
        request,
        "enforcement/subject_list.html",
        {
            "table": table,
            "page": table.page,
            "q": request.GET.get("q", ""),
            "can_manage": can_manage,
            "manageable": manageable,
        },
    )


@access.requires(VIEW_REGISTERS)
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A subject with its legal basis and, when entrusted, the 委托书 itself (attachment panel)."""
    user = staff_user(request)
    subject = selectors.subject_get_visible(user=user, pk=pk)
    entrusted = subject.kind == EnforcementSubject.Kind.ENTRUSTED
    documents = attachments_for(subject, user, stage=ENTRUSTMENT_STAGE).filter(voided=False)
    return render(
        request,
        "enforcement/subject_detail.html",
        {
            "subject": subject,
            "entrusted": entrusted,
            "domains": _domains(subject.domains),
            "missing_document": entrusted and not documents.exists(),
            "expired": entrusted
            and subject.entrustment_valid_to is not None
            and subject.entrustment_valid_to < today(),
            "stage": ENTRUSTMENT_STAGE,
            "can_manage": access.can_reach_unit(user, MANAGE_REGISTERS, subject.org_unit),
        },
    )


@access.requires(VIEW_REGISTERS)
def officer_list(request: HttpRequest) -> HttpResponse:
    """Officers with certificate status and this year's training hours (shortfall flagged)."""
    flag = request.GET.get("flag", "")
    qs = selectors.officer_list_visible_to(
        user=request.user, q=request.GET.get("q", "").strip(), flag=flag
    )
    goal = conf.training_hours_goal()
    table = Table(
        request,
        qs,
        [
            Column("full_name", "姓名", order_by="full_name"),
            Column("org_unit", "单位", order_by="org_unit__path", value=lambda o: o.org_unit.name),
            Column("domains", "执法领域", value=lambda o: _domains(o.domains)),
            Column(
                "certified_now",
                "执法证",
                order_by="certified_now",
                value=lambda o: (
                    ("有效" if o.certified_soon else "即将到期")
                    if o.certified_now
                    else "无有效证件"
                ),
            ),
            Column("legal_qualification", "法律职业资格", order_by="legal_qualification"),
            Column(
                "training_hours",
                f"本年培训学时（目标 {goal}）",
                order_by="training_hours",
                value=lambda o: (
                    f"{o.training_hours}" + ("（不足）" if o.training_hours < goal else "")
                ),
            ),
        ],
        default_sort="org_unit",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="执法人员", title="执法人员")
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "table": table,
            "page": table.page,
            "flag": flag,
            "q": request.GET.get("q", ""),
            "can_manage": access.has_perm(request.user, MANAGE_REGISTERS),
        },
    )


@access.requires(VIEW_REGISTERS)
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Certificates (validity, domains, revocation), training this year against the goal."""
    user = staff_user(request)
    officer = selectors.officer_get_visible(user=user, pk=pk)
    on = today()
    trainings = list(officer.trainings.all())
    hours = sum((t.hours for t in trainings if t.year == on.year), Decimal(0))
    goal = conf.training_hours_goal()
    return render(
        request,
        "enforcement/officer_detail.html",
        {
            "officer": officer,
            "certificates": _certificates(officer),
            "trainings": trainings,
            "domains": _domains(officer.domains),
            "certified": selectors.officer_is_certified(officer, on),
            "hours": hours,
            "goal": goal,
            "shortfall": goal - hours if hours < goal else None,
            "year": on.year,
            "today": on,
            "can_manage": access.can_reach_unit(user, MANAGE_REGISTERS, officer.org_unit),
        },
    )


@access.requires(VIEW_REGISTERS)
def power_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    qs = selectors.power_item_list_visible_to(
        user=request.user,
        q=request.GET.get("q", "").strip(),
        category=category if category in PowerItem.Category.values else "",
    )
    table = Table(
        request,
        qs,
        [
            Column("code", "事项编码", order_by="code"),
            Column("name", "事项名称", order_by="name"),
            Column("category", "权力类别", order_by="category"),
            Column(
                "org_unit", "实施主体", order_by="org_unit__path", value=lambda i: i.org_unit.name
            ),
            Column("legal_basis", "设定依据"),
            Column("version", "版本", order_by="version"),
            Column("published", "已公开", order_by="published"),
            Column("active", "有效", order_by="active"),
        ],
        default_sort="code",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="权责清单", title="权责清单")
    return render(
        request,
        "enforcement/power_list.html",
        {
            "table": table,
            "page": table.page,
            "q": request.GET.get("q", ""),
            "category": category,
            "categories": PowerItem.Category.choices,
            "can_manage": access.has_perm(request.user, MANAGE_REGISTERS),
        },
    )


@access.requires(VIEW_REGISTERS)
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An item with its version history; managers adjust (reason + date) or publish it."""
    user = staff_user(request)
    item = access.get_visible(
        PowerItem.objects.select_related("org_unit", "responsible_unit"),
        user,
        VIEW_REGISTERS,
        pk=pk,
    )
    can_manage = access.can_reach_unit(user, MANAGE_REGISTERS, item.org_unit)
    units = manage_units(user)
    form = PowerAdjustForm(
        request.POST if request.method == "POST" and can_manage else None,
        units=units,
        initial=PowerAdjustForm.initial_for(item),
    )
    if request.method == "POST" and can_manage:
        if request.POST.get("op") == "publish":
            try:
                reg.power_item_publish(
                    item=item, actor=user, published=not item.published, on=today()
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "已取消公开" if item.published else "已公开")
            return redirect("enforcement:power-detail", pk=item.pk)
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                reg.power_item_adjust(
                    item=item,
                    actor=user,
                    reason=d.pop("reason"),
                    effective_on=d.pop("effective_on"),
                    **d,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "已保存为新版本")
                return redirect("enforcement:power-detail", pk=item.pk)
    return render(
        request,
        "enforcement/power_detail.html",
        {
            "item": item,
            "versions": _versions(item),
            "can_manage": can_manage,
            "form": form,
            "domain_label": DOMAINS.get(item.domain, item.domain),
        },
        status=400 if form.errors else 200,
    )


@access.requires(VIEW_REGISTERS)
def benchmark_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.benchmark_list_visible_to(user=request.user, q=request.GET.get("q", "").strip())
    table = Table(
        request,
        qs,
        [
            Column("violation", "违法行为", order_by="violation"),
            Column("power_item", "处罚事项", value=lambda b: str(b.power_item)),
            Column(
                "org_unit", "制定单位", order_by="org_unit__path", value=lambda b: b.org_unit.name
            ),
            Column("tier_count", "阶次数", order_by="tier_count"),
            Column("version", "版本", order_by="version"),
            Column("published", "已公开", order_by="published"),
        ],
        default_sort="violation",
    )
    if request.GET.get("export") == "xlsx":
        return table.export(filename="裁量基准", title="裁量基准")
    return render(
        request,
        "enforcement/benchmark_list.html",
        {
            "table": table,
            "page": table.page,
            "q": request.GET.get("q", ""),
            "can_manage": access.has_perm(request.user, MANAGE_REGISTERS),
        },
    )


@access.requires(VIEW_REGISTERS)
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A benchmark with its tiers and version history; managers adjust (reason + date) or publish."""
    user = staff_user(request)
    bench = access.get_visible(
        DiscretionBenchmark.objects.select_related("org_unit", "power_item"),
        user,
        VIEW_REGISTERS,
        pk=pk,
    )
    can_manage = access.can_reach_unit(user, MANAGE_REGISTERS, bench.org_unit)
    posted = request.method == "POST" and can_manage
    if posted and request.POST.get("op") != "adjust":
        try:
            reg.benchmark_publish(
                benchmark=bench, actor=user, on=today(), published=not bench.published
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已取消公开" if bench.published else "已公开")
        return redirect("enforcement:benchmark-detail", pk=bench.pk)
    form = BenchmarkAdjustForm(
        request.POST if posted else None, initial=BenchmarkAdjustForm.initial_for(bench)
    )
    if posted and form.is_valid():
        try:
            reg.benchmark_adjust(
                benchmark=bench,
                actor=user,
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                violation=form.cleaned_data["violation"],
                legal_basis=form.cleaned_data["legal_basis"],
                tiers=form.tiers(),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存为新版本")
            return redirect("enforcement:benchmark-detail", pk=bench.pk)
    return render(
        request,
        "enforcement/benchmark_detail.html",
        {
            "bench": bench,
            "tiers": bench.tiers.all(),
            "versions": _benchmark_versions(bench),
            "can_manage": can_manage,
            "form": form,
            "adjusting": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


def _benchmark_versions(bench: DiscretionBenchmark) -> list[Any]:
    """Versions newest first, each tier labelled for display."""
    labels = dict(BenchmarkTier.Tier.choices)
    versions = list(bench.versions.select_related("changed_by"))
    for v in versions:
        for t in v.snapshot.get("tiers", []):
            t["label"] = labels.get(t.get("tier"), t.get("tier"))
    return versions


def _versions(item: PowerItem) -> list[Any]:
    """The item's versions, newest first, with the category label of each snapshot."""
    labels = dict(PowerItem.Category.choices)
    versions = list(item.versions.select_related("changed_by"))
    for v in versions:
        v.category_label = labels.get(v.snapshot.get("category"), "")  # type: ignore[attr-defined]
    return versions


def _certificates(officer: Any) -> list[Any]:
    certs = list(officer.certificates.all())
    for c in certs:
        c.domain_labels = _domains(c.domains)
    return certs
