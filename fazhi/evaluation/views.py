"""Evaluation pages: rubrics, campaigns (sample, assign, results, export), scoring, rectification."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit, User
from fazhi.core.tables import Column, Table, xlsx_response

from . import forms, selectors, services
from .models import Evaluation, Grade, Rectification
from .permissions import MANAGE, RECTIFY, SCORE, VIEW


def _form_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# ---- rubrics ---------------------------------------------------------------------------------

RUBRIC_COLUMNS = [
    Column("family", "标准编码", order_by="family"),
    Column("name", "名称", order_by="name"),
    Column("version", "版本", order_by="version"),
    Column("item_count", "项目数"),
    Column("excellent_min", "优秀线"),
    Column("pass_min", "合格线"),
    Column("used", "已使用", value=lambda r: "是（已冻结）" if r.used else "否"),
    Column("superseded", "状态", value=lambda r: "已被取代" if r.superseded else "现行"),
]


@access.requires(MANAGE)
def rubric_list(request: HttpRequest) -> HttpResponse:
    """Rubrics (every version) in scope."""
    table = Table(
        request, selectors.rubric_list_visible_to(user=request.user), RUBRIC_COLUMNS, "family"
    )
    return render(request, "evaluation/rubric_list.html", {"table": table, "page": table.page})


def _items_text(rubric: Any) -> str:
    return "\n".join(
        f"{i.category}|{i.title}|{'否决' if i.veto else i.points}" for i in rubric.items.all()
    )


@access.requires(MANAGE)
def rubric_new(request: HttpRequest) -> HttpResponse:
    """A new rubric of the user's own unit."""
    user = staff_user(request)
    form = forms.RubricForm(request.POST or None, initial={"items": forms.DEFAULT_ITEMS})
    if request.method == "POST" and form.is_valid() and user.org_unit is not None:
        data = form.cleaned_data
        try:
            rubric = services.rubric_create(
                actor=user,
                unit=user.org_unit,
                family=data["family"],
                name=data["name"],
                description=data["description"],
                excellent_min=data["excellent_min"],
                pass_min=data["pass_min"],
                items=services.parse_items(data["items"]),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已创建评查标准")
            return redirect(rubric)
    return render(
        request,
        "evaluation/form.html",
        {"form": form, "title": "新建评查标准", "back": "evaluation:rubric-list"},
    )


@access.requires(MANAGE)
def rubric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A rubric's items; revising a used version makes the next version."""
    user = staff_user(request)
    rubric = selectors.rubric_get_visible(user=user, pk=pk)
    initial = {
        "name": rubric.name,
        "description": rubric.description,
        "excellent_min": rubric.excellent_min,
        "pass_min": rubric.pass_min,
        "items": _items_text(rubric),
    }
    form = forms.RubricForm(request.POST or None, initial=initial, revising=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revised = services.rubric_revise(
                actor=user,
                rubric=rubric,
                name=data["name"],
                description=data["description"],
                excellent_min=data["excellent_min"],
                pass_min=data["pass_min"],
                items=services.parse_items(data["items"]),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已生成新版本" if revised.pk != rubric.pk else "已保存修改")
            return redirect(revised)
    versions = selectors.rubric_list_visible_to(user=user).filter(family=rubric.family)
    return render(
        request,
        "evaluation/rubric_detail.html",
        {"rubric": rubric, "items": rubric.items.all(), "form": form, "versions": versions},
    )


# ---- campaigns -------------------------------------------------------------------------------

CAMPAIGN_COLUMNS = [
    Column("title", "活动名称", order_by="title"),
    Column("org_unit", "组织单位", order_by="org_unit__path", value=lambda c: c.org_unit.name),
    Column("rubric", "评查标准", value=lambda c: str(c.rubric)),
    Column("period", "结案期间", value=lambda c: f"{c.period_from} 至 {c.period_to}"),
    Column("file_count", "抽取案卷", order_by="file_count"),
    Column("scored_count", "已评分", order_by="scored_count"),
    Column("status", "状态", order_by="status"),
]


@access.requires(VIEW)
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns in scope."""
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.campaign_list_visible_to(user=request.user, q=q)
    table = Table(request, qs, CAMPAIGN_COLUMNS, "title")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="案卷评查活动", title="案卷评查活动")
    return render(
        request,
        "evaluation/campaign_list.html",
        {
            "table": table,
            "page": table.page,
            "q": q,
            "can_manage": access.has_perm(request.user, MANAGE),
        },
    )


def _campaign_units(user: User) -> Any:
    kinds = [OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.BRIGADE, OrgUnit.Kind.GOVERNMENT]
    return access.visible(OrgUnit.objects.filter(active=True, kind__in=kinds), user, MANAGE, "self")


@access.requires(MANAGE)
def campaign_new(request: HttpRequest) -> HttpResponse:
    """Plan a campaign: rubric, period of closing, sample size, units."""
    user = staff_user(request)
    form = forms.CampaignForm(
        request.POST or None,
        rubrics=selectors.rubric_list_visible_to(user=user, current_only=True),
        units=_campaign_units(user),
    )
    if request.method == "POST" and form.is_valid() and user.org_unit is not None:
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(actor=user, unit=user.org_unit, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已创建评查活动，请抽取案卷")
            return redirect(campaign)
    return render(
        request,
        "evaluation/form.html",
        {"form": form, "title": "新建评查活动", "back": "evaluation:campaign-list"},
    )


RESULT_COLUMNS = [
    Column("unit", "被评查单位"),
    Column("population", "期间结案数"),
    Column("drawn", "抽取案卷"),
    Column("scored", "已评分"),
    Column("average", "平均分"),
    Column("excellent", "优秀"),
    Column("passed", "合格"),
    Column("failed", "不合格"),
    Column("vetoed", "触发否决"),
    Column("pass_rate", "合格率（%）"),
    Column("rectifying", "整改中"),
]
for _c in RESULT_COLUMNS:
    _c.value = (lambda key: lambda row: row[key])(_c.key)


@access.requires(VIEW)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign: results per unit (export), its files, and the organiser's actions."""
    user = staff_user(request)
    campaign = selectors.campaign_get_visible(user=user, pk=pk)
    results = selectors.results_by_unit(campaign)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"评查结果-{campaign.title}",
            title="各单位评查结果",
            columns=RESULT_COLUMNS,
            rows=results,
        )
    files = selectors.evaluation_list_visible_to(user=user, campaign=campaign)
    can_manage = access.can_reach_unit(user, MANAGE, campaign.org_unit)
    return render(
        request,
        "evaluation/campaign_detail.html",
        {
            "campaign": campaign,
            "results": results,
            "files": files,
            "unit_rows": campaign.unit_rows.select_related("unit"),
            "can_manage": can_manage,
            "reviewers": selectors.reviewer_candidates(campaign) if can_manage else [],
            "sample_form": forms.SampleForm(),
        },
    )


@require_POST
@access.requires(MANAGE)
def campaign_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Draw the sample, assign reviewers evenly, or close the campaign."""
    user = staff_user(request)
    campaign = selectors.campaign_get_visible(user=user, pk=pk)
    if not access.can_reach_unit(user, MANAGE, campaign.org_unit):
        raise Http404("页面不存在")
    try:
        if action == "sample":
            services.campaign_sample(
                actor=user, campaign=campaign, seed=request.POST.get("seed", "")[:64]
            )
            messages.success(request, "已随机抽取案卷")
        elif action == "assign":
            ids = [i for i in request.POST.getlist("reviewers") if i.isdigit()]
            reviewers = list(selectors.reviewer_candidates(campaign).filter(pk__in=ids))
            count = services.campaign_assign_evenly(
                actor=user, campaign=campaign, reviewers=reviewers
            )
            messages.success(request, f"已分配 {count} 件案卷")
        elif action == "close":
            services.campaign_close(actor=user, campaign=campaign)
            messages.success(request, "评查活动已结束")
        else:
            raise Http404("页面不存在")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(campaign)


# ---- files (evaluations) ---------------------------------------------------------------------

FILE_COLUMNS = [
    Column("case", "案卷", value=lambda e: str(e.case)),
    Column("org_unit", "被评查单位", order_by="org_unit__path", value=lambda e: e.org_unit.name),
    Column("campaign", "评查活动", order_by="campaign__title", value=lambda e: e.campaign.title),
    Column("reviewer", "评查人", value=lambda e: e.reviewer.full_name if e.reviewer else "—"),
    Column("status", "状态", order_by="status"),
    Column("total", "得分", order_by="total"),
    Column("grade", "等次", order_by="grade"),
]


def _file_list(request: HttpRequest, *, mine: bool, title: str) -> HttpResponse:
    status = request.GET.get("status", "")
    grade = request.GET.get("grade", "")
    qs = selectors.evaluation_list_visible_to(
        user=request.user,
        status=status if status in Evaluation.Status.values else "",
        grade=grade if grade in Grade.values else "",
        mine=mine,
    )
    table = Table(request, qs, FILE_COLUMNS, "org_unit")
    if request.GET.get("export") == "xlsx":
        return table.export(filename=title, title=title)
    return render(
        request,
        "evaluation/evaluation_list.html",
        {
            "table": table,
            "page": table.page,
            "title": title,
            "status": status,
            "grade": grade,
            "statuses": Evaluation.Status.choices,
            "grades": Grade.choices,
        },
    )


@access.requires(VIEW)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """Evaluated files in scope (a unit sees its own results and rectification tasks)."""
    return _file_list(request, mine=False, title="评查结果与整改")


@access.requires(SCORE)
def my_evaluations(request: HttpRequest) -> HttpResponse:
    """Files assigned to the signed-in reviewer."""
    return _file_list(request, mine=True, title="我的评查任务")


@access.requires(VIEW)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One file: the scoring form for its reviewer, the score sheet, rectification."""
    user = staff_user(request)
    evaluation = selectors.evaluation_get_visible(user=user, pk=pk)
    rectification = selectors.rectification_for(evaluation)
    items = list(evaluation.campaign.rubric.items.all())
    scores = {s.item_id: s for s in evaluation.scores.all()}
    rows = [{"item": i, "score": scores.get(i.pk), "posted": _posted(request, i.pk)} for i in items]
    can_manage = access.can_reach_unit(user, MANAGE, evaluation.campaign.org_unit)
    context = {
        "evaluation": evaluation,
        "rows": rows,
        "rectification": rectification,
        "can_score": evaluation.reviewer_id == user.pk
        and evaluation.status == Evaluation.Status.ASSIGNED,
        "can_assign": can_manage and evaluation.status != Evaluation.Status.SCORED,
        "can_review": can_manage
        and rectification is not None
        and rectification.status == Rectification.Status.SUBMITTED,
        "can_rectify": rectification is not None
        and rectification.status == Rectification.Status.OPEN
        and access.can_reach_unit(user, RECTIFY, rectification.org_unit),
        "reviewers": selectors.reviewer_candidates(evaluation.campaign) if can_manage else [],
        "case_visible": access.can_reach_unit(user, "enforcement.view_cases", evaluation.org_unit),
        "rect_form": forms.RectificationForm(),
        "return_form": forms.ReturnForm(),
        "error": getattr(request, "_evaluation_error", None),
    }
    return render(request, "evaluation/evaluation_detail.html", context)


def _posted(request: HttpRequest, item_id: int) -> dict[str, str]:
    if request.method != "POST":
        return {}
    return {
        "points": request.POST.get(f"points_{item_id}", "")[:20],
        "note": request.POST.get(f"note_{item_id}", "")[:500],
        "veto": request.POST.get(f"veto_{item_id}", ""),
    }


def _scores_from(request: HttpRequest, evaluation: Evaluation) -> dict[int, dict[str, Any]]:
    return {
        item.pk: {
            "points": request.POST.get(f"points_{item.pk}", "")[:20],
            "veto": request.POST.get(f"veto_{item.pk}") == "1",
            "note": request.POST.get(f"note_{item.pk}", "")[:600],
        }
        for item in evaluation.campaign.rubric.items.all()
    }


@require_POST
@access.requires(VIEW)
def evaluation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Assign, score, submit rectification, or accept / return it."""
    user = staff_user(request)
    evaluation = selectors.evaluation_get_visible(user=user, pk=pk)
    rectification = selectors.rectification_for(evaluation)
    try:
        if action == "assign":
            reviewer = (
                selectors.reviewer_candidates(evaluation.campaign)
                .filter(
                    pk=request.POST.get("reviewer", "")
                    if request.POST.get("reviewer", "").isdigit()
                    else 0
                )
                .first()
            )
            if reviewer is None:
                raise DomainError("请选择评查人", field="reviewer")
            services.evaluation_assign(actor=user, evaluation=evaluation, reviewer=reviewer)
            messages.success(request, "已分配评查人")
        elif action == "score":
            services.evaluation_score(
                actor=user,
                evaluation=evaluation,
                scores=_scores_from(request, evaluation),
                comment=request.POST.get("comment", "")[:2100],
            )
            messages.success(request, "已提交评分")
        elif action in ("rectify", "accept", "return") and rectification is not None:
            _rectification_step(request, user, action, rectification)
        else:
            raise Http404("页面不存在")
    except DomainError as exc:
        if action == "score":  # keep what the reviewer typed: re-render with the message
            request._evaluation_error = exc.message  # type: ignore[attr-defined]
            request.method = "POST"
            return evaluation_detail.__wrapped__(request, pk)  # type: ignore[attr-defined]
        messages.error(request, exc.message)
    return redirect(evaluation)


def _rectification_step(request: HttpRequest, user: User, action: str, task: Rectification) -> None:
    if action == "rectify":
        services.rectification_submit(
            actor=user, rectification=task, report=request.POST.get("report", "")[:5100]
        )
        messages.success(request, "已提交整改报告")
    else:
        services.rectification_review(
            actor=user,
            rectification=task,
            accept=action == "accept",
            note=request.POST.get("note", "")[:600],
        )
        messages.success(request, "整改已验收" if action == "accept" else "已退回整改")
