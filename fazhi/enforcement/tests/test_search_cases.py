"""Enforcement cases in the platform search: every service write reindexes, scoped like the case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.core.testing import ROLES, make_user
from fazhi.enforcement import indexing
from fazhi.enforcement.models import Case
from fazhi.search import selectors as search
from fazhi.search import services as search_services
from fazhi.search.models import PendingIndex

from .factories import PERSON_ID, case_kwargs
from .flow import filed_case, new_case

FILED_ON = dt.date(2024, 7, 10)


def _found(user, query: str) -> set[int]:
    search_services.apply_pending()
    hits = search.search(query, user=user, kinds=[indexing.KIND]).hits
    return {h.object_id for h in hits}


@pytest.fixture
def case(team, world) -> Case:
    with transaction.atomic():
        return new_case(
            team,
            world,
            clue_on=FILED_ON,
            title="销售过期乳制品案",
            facts=f"在东湖菜市场销售超过保质期的乳制品；当事人身份证号{PERSON_ID}，电话13812345678",
        )


def test_a_registered_clue_is_found_by_any_substring_of_its_title_and_facts(team, case):
    assert _found(team.handler, "过期乳") == {case.pk}
    assert _found(team.handler, "菜市场") == {case.pk}
    assert _found(team.handler, "张三") == {case.pk}  # the party's name


def test_filing_reindexes_the_case_so_its_number_is_found(client, team, world, case):
    # given a clue (no number yet) / when the head files it
    with transaction.atomic():
        filed = filed_case(team, world, filed_on=FILED_ON)
    # then the new number finds it, through the search page too
    assert filed.number
    assert filed.pk in _found(team.handler, filed.number)
    client.force_login(team.handler)
    body = client.get(reverse("search:search"), {"q": filed.number}).content.decode()
    assert reverse("enforcement:case-detail", args=[filed.pk]) in body
    assert "执法案件" in body


def test_every_case_service_queues_the_case_for_reindexing(team, world):
    with transaction.atomic():
        case = new_case(team, world, clue_on=FILED_ON)
    PendingIndex.objects.all().delete()
    with transaction.atomic():
        from fazhi.enforcement import services

        services.case_file(case=case, actor=team.head, filed_on=FILED_ON)
    assert PendingIndex.objects.filter(kind=indexing.KIND, object_id=case.pk).exists()


def test_id_and_phone_numbers_are_not_indexed_even_inside_the_facts(team, case):
    assert _found(team.handler, PERSON_ID) == set()
    assert _found(team.handler, "13812345678") == set()
    hits = search.search("菜市场", user=team.handler, kinds=[indexing.KIND]).hits
    assert "138****5678" in hits[0].snippet_html and PERSON_ID not in hits[0].snippet_html


@pytest.mark.parametrize("role", [r.value for r in ROLES])
def test_a_sibling_unit_never_finds_another_units_case(world, case, role):
    sibling = make_user(world.market_b, role, subtree=True)
    assert _found(sibling, "过期乳") == set()
    assert _found(sibling, "张三") == set()


def test_a_supervisor_over_the_district_finds_the_case(world, case):
    supervisor = make_user(world.justice_a.parent, ROLES.SUPERVISOR, subtree=True)
    assert _found(supervisor, "过期乳") == {case.pk}


def test_bulk_enqueue_for_imports_indexes_every_case(team, world):
    # given cases written in bulk, bypassing the per-case services (as an import does)
    rows = [
        Case.objects.create(**case_kwargs(world.market_a, team.item, title=f"批量导入案件{i}"))
        for i in range(3)
    ]
    assert _found(team.handler, "批量导入") == set()
    # when the importer queues them in one call / then every one is found
    assert indexing.enqueue_many([c.pk for c in rows]) == 3
    assert _found(team.handler, "批量导入") == {c.pk for c in rows}
