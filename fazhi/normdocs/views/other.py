"""Review-suggestion inbox, cleanup campaigns, statistics and the bulk import page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core import access
from fazhi.core import imports as I
from fazhi.core.access import requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.normdocs import forms as F
from fazhi.normdocs import permissions as P
from fazhi.normdocs import services
from fazhi.normdocs.models import ReviewSuggestion
from fazhi.normdocs.selectors import staff as staff_selectors
from fazhi.normdocs.selectors.stats import document_statistics
from fazhi.normdocs.services.catalogue import COLUMNS, EXAMPLE, catalogue_import, texts_from_zip
from fazhi.normdocs.transitions import LIVE


@requires(P.SUPERVISE)
def suggestion_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    status = request.GET.get("status", "")
    status = status if status in ReviewSuggestion.Status.values else ""
    items = staff_selectors.suggestion_list_visible_to(user=user, status=status)[:300]
    return render(
        request,
        "normdocs/suggestion_list.html",
        {"items": items, "status": status, "statuses": ReviewSuggestion.Status.choices},
    )


@requires(P.SUPERVISE)
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    item = staff_selectors.suggestion_get_visible(user=user, pk=pk)
    form = F.SuggestionHandleForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_suggestion_handle(actor=user, suggestion=item, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存办理情况")
            return redirect("normdocs:suggestion-detail", pk=item.pk)
    return render(request, "normdocs/suggestion_detail.html", {"item": item, "form": form})


def _units(user: object, perm: str) -> object:
    return access.visible(OrgUnit.objects.filter(active=True), user, perm, "self")


@requires(P.SUPERVISE)
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = F.CampaignForm(request.POST or None, units=_units(user, P.SUPERVISE))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("normdocs:campaign-detail", pk=campaign.pk)
    campaigns = staff_selectors.campaign_list_visible_to(user=user)[:200]
    return render(request, "normdocs/campaign_list.html", {"campaigns": campaigns, "form": form})


@requires(P.SUPERVISE)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    campaign = staff_selectors.campaign_get_visible(user=user, pk=pk)
    if request.method == "POST":
        try:
            _campaign_post(request, campaign)
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("normdocs:campaign-detail", pk=campaign.pk)
    items = campaign.items.select_related("document", "owner")
    in_campaign = items.values("document_id")
    candidates = (
        staff_selectors.document_list_visible_to(user=user)
        .filter(status__in=list(LIVE), org_unit__path__startswith=campaign.org_unit.path)
        .exclude(pk__in=in_campaign)
        .order_by("published_on")[:300]
    )
    forms = [
        (
            i,
            F.CleanupDecideForm(
                initial={"item": i.pk, "outcome": i.outcome or "keep", "reason": i.reason}
            ),
        )
        for i in items
    ]
    return render(
        request,
        "normdocs/campaign_detail.html",
        {"campaign": campaign, "items": forms, "candidates": candidates},
    )


def _campaign_post(request: HttpRequest, campaign: object) -> None:
    user = staff_user(request)
    action = request.POST.get("action")
    if action == "add":
        ids = [int(x) for x in request.POST.getlist("documents") if x.isdigit()]
        docs = staff_selectors.document_list_visible_to(user=user).filter(pk__in=ids)
        n = services.campaign_add_documents(actor=user, campaign=campaign, documents=list(docs))
        messages.success(request, f"已加入 {n} 件文件")
    elif action == "decide":
        form = F.CleanupDecideForm(request.POST)
        if not form.is_valid():
            raise DomainError("请选择清理结果并填写理由")
        item = staff_selectors.cleanup_item_get_visible(user=user, pk=form.cleaned_data["item"])
        services.cleanup_item_decide(
            actor=user,
            item=item,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "已保存清理结果")
    elif action == "publish":
        services.campaign_publish(actor=user, campaign=campaign)
        messages.success(request, "清理结果已公布")
    else:
        raise DomainError("未知操作")


@requires(P.VIEW)
def statistics(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    year = request.GET.get("year", "")
    stats = document_statistics(user=user, year=int(year) if year.isdigit() else None)
    return render(request, "normdocs/statistics.html", {"stats": stats, "year": year})


@requires(P.IMPORT)
def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if request.GET.get("template") == "1":
        return I.template_response(
            filename="规范性文件导入模板", columns=COLUMNS, examples=[EXAMPLE]
        )
    form = F.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data.get("texts")
            texts = texts_from_zip(upload.read()) if upload else {}
            result = catalogue_import(actor=user, source=form.cleaned_data["file"], texts=texts)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request, "normdocs/import.html", {"form": form, "result": result, "columns": COLUMNS}
    )
