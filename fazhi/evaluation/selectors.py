"""Read path of case-file evaluation, scoped to the viewer (404 outside scope)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from fazhi.core import access
from fazhi.core.models import RoleGrant, User

from .models import Campaign, Evaluation, Grade, Rectification, Rubric
from .permissions import MANAGE, SCORE, VIEW


def rubric_list_visible_to(*, user: Any, current_only: bool = False) -> QuerySet[Rubric]:
    qs = Rubric.objects.select_related("org_unit").annotate(item_count=Count("items"))
    if current_only:
        qs = qs.filter(superseded=False)
    return access.visible(qs, user, MANAGE)


def rubric_get_visible(*, user: Any, pk: Any) -> Rubric:
    return access.get_visible(Rubric.objects.select_related("org_unit"), user, MANAGE, pk=pk)


def campaign_list_visible_to(*, user: Any, q: str = "") -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("org_unit", "rubric").annotate(
        file_count=Count("evaluations"),
        scored_count=Count("evaluations", filter=Q(evaluations__status=Evaluation.Status.SCORED)),
    )
    if q:
        qs = qs.filter(title__contains=q)
    return access.visible(qs, user, VIEW)


def campaign_get_visible(*, user: Any, pk: Any) -> Campaign:
    qs = Campaign.objects.select_related("org_unit", "rubric", "created_by")
    return access.get_visible(qs, user, VIEW, pk=pk)


def _evaluations_visible(user: Any) -> QuerySet[Evaluation]:
    """Files of units in the viewer's scope, plus the files assigned to the viewer to score."""
    qs = Evaluation.objects.select_related("campaign", "case", "org_unit", "reviewer")
    scope = access.scope_q(user, VIEW)
    mine = Q(reviewer_id=user.pk) if access.has_perm(user, SCORE) else None
    if scope is None and mine is None:
        return qs.none()
    if scope is None:
        return qs.filter(mine)
    return qs.filter(scope | mine) if mine is not None else qs.filter(scope)


def evaluation_list_visible_to(
    *,
    user: Any,
    campaign: Campaign | None = None,
    status: str = "",
    grade: str = "",
    mine: bool = False,
) -> QuerySet[Evaluation]:
    qs = _evaluations_visible(user)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if status:
        qs = qs.filter(status=status)
    if grade:
        qs = qs.filter(grade=grade)
    if mine:
        qs = qs.filter(reviewer_id=user.pk)
    return qs.order_by("org_unit__path", "pk")


def evaluation_get_visible(*, user: Any, pk: Any) -> Evaluation:
    try:
        return _evaluations_visible(user).select_related("campaign__rubric").get(pk=pk)
    except (Evaluation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


def rectification_for(evaluation: Evaluation) -> Rectification | None:
    return Rectification.objects.filter(evaluation=evaluation).first()


def results_by_unit(campaign: Campaign) -> list[dict[str, Any]]:
    """Per evaluated unit: files drawn and scored, average, grades, vetoes, open rectifications."""
    rows = (
        campaign.evaluations.values("org_unit_id", "org_unit__name", "org_unit__path")
        .annotate(
            drawn=Count("pk"),
            scored=Count("pk", filter=Q(status=Evaluation.Status.SCORED)),
            average=Avg("total", filter=Q(status=Evaluation.Status.SCORED)),
            excellent=Count("pk", filter=Q(grade=Grade.EXCELLENT)),
            passed=Count("pk", filter=Q(grade=Grade.PASS)),
            failed=Count("pk", filter=Q(grade=Grade.FAIL)),
            vetoed=Count("pk", filter=Q(vetoed=True)),
            rectifying=Count(
                "pk",
                filter=Q(
                    rectification__status__in=[
                        Rectification.Status.OPEN,
                        Rectification.Status.SUBMITTED,
                    ]
                ),
            ),
        )
        .order_by("org_unit__path")
    )
    population = {r.unit_id: r.population for r in campaign.unit_rows.all()}
    out = []
    for row in rows:
        avg = row["average"]
        out.append(
            {
                **row,
                "unit": row["org_unit__name"],
                "population": population.get(row["org_unit_id"], 0),
                "average": Decimal(avg).quantize(Decimal("0.1")) if avg is not None else None,
                "pass_rate": round(100 * (row["excellent"] + row["passed"]) / row["scored"], 1)
                if row["scored"]
                else None,
            }
        )
    return out


def reviewer_candidates(campaign: Campaign) -> QuerySet[User]:
    """Active users holding the scoring permission within the organiser's jurisdiction."""
    roles = [role for role, perms in access.ROLE_PERMISSIONS.items() if SCORE in perms]
    area = campaign.org_unit.parent or campaign.org_unit
    holders = RoleGrant.objects.filter(role__in=roles).values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=holders)
        .filter(area.subtree_q("org_unit__path"))
        .select_related("org_unit")
        .order_by("org_unit__path", "full_name")
    )
