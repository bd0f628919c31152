"""Evaluation pages: the scoring form, bad input re-rendered in Chinese, results export, scoping."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.evaluation import services
from fazhi.evaluation.models import Evaluation

from .conftest import make_campaign


def _assigned(setting, world) -> Evaluation:
    campaign = services.campaign_sample(
        actor=setting.organiser, campaign=make_campaign(setting, world), seed="v"
    )
    evaluation = campaign.evaluations.filter(org_unit=world.market_a).first()
    return services.evaluation_assign(
        actor=setting.organiser, evaluation=evaluation, reviewer=setting.reviewer_a
    )


def _form(evaluation, **points):
    data = {"comment": "总体规范"}
    for item in evaluation.campaign.rubric.items.all():
        if item.veto:
            continue
        data[f"points_{item.pk}"] = points.get(f"p{item.position}", str(item.points))
        data[f"note_{item.pk}"] = ""
    return data


def test_reviewer_scores_through_the_page(setting, world, client):
    evaluation = _assigned(setting, world)
    client.force_login(setting.reviewer_a)
    url = reverse("evaluation:evaluation-detail", args=[evaluation.pk])
    assert "提交评分" in client.get(url).content.decode()
    response = client.post(
        reverse("evaluation:evaluation-action", args=[evaluation.pk, "score"]), _form(evaluation)
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.status, str(evaluation.total), evaluation.grade) == (
        "scored",
        "100.0",
        "excellent",
    )


def test_bad_points_are_explained_in_chinese_and_nothing_is_written(setting, world, client):
    evaluation = _assigned(setting, world)
    client.force_login(setting.reviewer_a)
    entries = AuditEntry.objects.count()
    response = client.post(
        reverse("evaluation:evaluation-action", args=[evaluation.pk, "score"]),
        _form(evaluation, p2="999"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "第 2 项得分应在 0 到 40.0 之间" in body
    assert 'value="999"' in body  # what the reviewer typed is kept
    evaluation.refresh_from_db()
    assert evaluation.status == "assigned" and AuditEntry.objects.count() == entries


def test_results_per_unit_and_export(setting, world, client):
    evaluation = _assigned(setting, world)
    services.evaluation_score(
        actor=setting.reviewer_a,
        evaluation=evaluation,
        scores={
            i.pk: ({"veto": False} if i.veto else {"points": str(i.points)})
            for i in evaluation.campaign.rubric.items.all()
        },
    )
    client.force_login(setting.organiser)
    url = reverse("evaluation:campaign-detail", args=[evaluation.campaign_id])
    body = client.get(url).content.decode()
    assert "各单位评查结果" in body and "东湖区市场监督管理局" in body
    export = client.get(url, {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_evaluated_unit_sees_its_result_but_a_sibling_does_not(setting, world, client):
    evaluation = _assigned(setting, world)
    url = reverse("evaluation:evaluation-detail", args=[evaluation.pk])
    client.force_login(setting.market_clerk)
    assert client.get(url).status_code == 200
    client.force_login(make_user(world.market_b, "clerk"))
    assert client.get(url).status_code == 404
    client.force_login(make_user(world.district_b, "supervisor", subtree=True))
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("evaluation:campaign-detail", args=[evaluation.campaign_id])).status_code
        == 404
    )
