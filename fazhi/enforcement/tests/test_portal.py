"""Public portal pages: no login, only published data, personal data masked, filters and paging."""

import datetime as dt

from django.urls import reverse

from fazhi.enforcement.models import Case, LenientListEntry, PowerItem

from .factories import case_kwargs, make_benchmark, make_power_item


def _decision(world, item, n, **extra):
    data = case_kwargs(
        world.market_a,
        item,
        title=f"张三销售不合格产品案{n}",
        party_name="张三",
        decision_summary="当事人张三（电话13812345678，身份证号11010519491231002X）罚款。",
    )
    data.update(
        status=Case.Status.DECIDED,
        filed_on=dt.date(2024, 7, 11),
        decided_on=dt.date(2024, 8, 1),
        decision_number=f"东市监罚决〔2024〕{n}号",
        penalty_types="fine",
        amount=3000,
        publicity=Case.Publicity.PUBLISHED,
        published_on=dt.date(2024, 8, 5),
    )
    data.update(extra)
    return Case.objects.create(**data)


def test_published_decision_is_masked_and_needs_no_login(client, world):
    item = make_power_item(world.market_a)
    case = _decision(world, item, 1)
    # when an anonymous visitor opens the list and the decision
    listing = client.get(reverse("portal:enforcement-decisions")).content.decode()
    page = client.get(reverse("portal:enforcement-decision", args=[case.pk]))
    # then the decision is there, with the person's data masked everywhere
    assert page.status_code == 200
    body = page.content.decode()
    assert "东市监罚决〔2024〕1号" in listing and "张*" in listing
    for text in (listing, body):
        assert "张三" not in text
        assert "13812345678" not in text and "11010519491231002X" not in text
    assert "138****5678" in body and "110105********002X" in body


def test_unpublished_and_withdrawn_decisions_never_appear(client, world):
    item = make_power_item(world.market_a)
    pending = _decision(world, item, 2, publicity=Case.Publicity.PENDING, published_on=None)
    withdrawn = _decision(world, item, 3, publicity=Case.Publicity.WITHDRAWN)
    listing = client.get(reverse("portal:enforcement-decisions")).content.decode()
    assert "〔2024〕2号" not in listing and "〔2024〕3号" not in listing
    for case in (pending, withdrawn):
        url = reverse("portal:enforcement-decision", args=[case.pk])
        assert client.get(url).status_code == 404


def test_withdrawal_takes_a_published_decision_off_the_portal(client, world, team):
    from fazhi.enforcement import services

    case = _decision(world, team.item, 4)
    url = reverse("portal:enforcement-decision", args=[case.pk])
    assert client.get(url).status_code == 200
    services.case_withdraw_publicity(case=case, actor=team.head, on=dt.date(2024, 9, 1))
    assert client.get(url).status_code == 404
    assert "〔2024〕4号" not in client.get(reverse("portal:enforcement-decisions")).content.decode()


def test_decisions_filter_by_unit_and_year_and_paginate(client, world):
    item_a = make_power_item(world.market_a)
    item_b = make_power_item(world.market_b)
    for n in range(25):
        _decision(world, item_a, 100 + n)
    other = case_kwargs(
        world.market_b,
        item_b,
        decision_number="西市监罚决〔2023〕7号",
        clue_on=dt.date(2023, 1, 5),
        violation_on=dt.date(2022, 12, 1),
    )
    Case.objects.create(
        **other,
        status=Case.Status.DECIDED,
        filed_on=dt.date(2023, 1, 5),
        decided_on=dt.date(2023, 2, 1),
        publicity=Case.Publicity.PUBLISHED,
        published_on=dt.date(2023, 2, 3),
    )
    url = reverse("portal:enforcement-decisions")
    first = client.get(url).content.decode()
    assert "共 26 条" in first and "下一页" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "第 2/2 页" in second
    by_unit = client.get(url, {"unit": world.market_b.pk}).content.decode()
    assert "西市监罚决〔2023〕7号" in by_unit and "共 1 条" in by_unit
    by_year = client.get(url, {"year": 2023}).content.decode()
    assert "共 1 条" in by_year
    junk = client.get(url, {"unit": "x", "year": "二〇二三", "page": "-1"})
    assert junk.status_code == 200 and "共 26 条" in junk.content.decode()


def test_power_lists_show_only_published_items_in_force(client, world):
    shown = make_power_item(world.market_a)
    hidden = make_power_item(world.market_a, published=False)
    abolished = make_power_item(world.market_a)
    PowerItem.objects.filter(pk=abolished.pk).update(active=False)
    page = client.get(
        reverse("portal:enforcement-powers"), {"unit": world.market_a.pk}
    ).content.decode()
    assert shown.code in page
    assert hidden.code not in page and abolished.code not in page


def test_benchmarks_and_four_lists_only_when_published(client, world):
    item = make_power_item(world.market_a)
    bench = make_benchmark(item)
    draft = make_benchmark(item)
    draft.published = False
    draft.violation = "未公开的基准"
    draft.save()
    listing = client.get(reverse("portal:enforcement-benchmarks")).content.decode()
    assert "未公开的基准" not in listing
    detail = client.get(reverse("portal:enforcement-benchmark", args=[bench.pk])).content.decode()
    assert "从轻处罚" in detail and "5000.00" in detail
    assert client.get(reverse("portal:enforcement-benchmark", args=[draft.pk])).status_code == 404
    common = {"org_unit": world.market_a, "conditions": "首次", "basis": "cf33"}
    LenientListEntry.objects.create(
        list_kind="no_penalty", matter="公开的条目", published=True, **common
    )
    LenientListEntry.objects.create(list_kind="no_penalty", matter="草稿条目", **common)
    page = client.get(reverse("portal:enforcement-lenient")).content.decode()
    assert "公开的条目" in page and "草稿条目" not in page


def test_portal_index_counts_only_published(client, world):
    item = make_power_item(world.market_a)
    _decision(world, item, 9)
    _decision(world, item, 10, publicity=Case.Publicity.PENDING, published_on=None)
    response = client.get(reverse("portal:enforcement-index"))
    assert response.status_code == 200
    assert response.context["counts"]["decisions"] == 1
