"""Chinese search: exact substring recall at any length, ranking, scoping, filters, rebuild."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs.models import NormativeDocument
from fazhi.search import engine, selectors, services
from fazhi.search.models import PendingIndex
from fazhi.search.text import normalise, parse_query, snippet

S = NormativeDocument.Status
KIND = "normdocs.document"


def make_doc(unit, title, body, *, status=S.DRAFT, number="", published_on=None, effective_on=None):
    doc = NormativeDocument.objects.create(
        title=title,
        body_text=body,
        org_unit=unit,
        drafting_unit=unit,
        status=status,
        doc_number=number,
        published_on=published_on,
        effective_on=effective_on,
    )
    services.index_enqueue(doc)
    return doc


def ids(results):
    return {h.object_id for h in results.hits}


# ---- text -----------------------------------------------------------------------------------


def test_normalise_drops_punctuation_and_folds_width_and_case():
    assert normalise("江西规〔２０２６〕3号，ＡＢc！") == "江西规20263号abc"


def test_query_terms_split_on_spaces_and_quotes_keep_phrases():
    terms = parse_query('食品 安全  "行政 处罚" ，')
    assert [t.norm for t in terms] == ["食品", "安全", "行政处罚"]


def test_snippet_marks_every_match_and_escapes_html():
    out = snippet("<b>本办法</b>所称食品安全，是指食品无毒、无害。", parse_query("食品"))
    assert out.count("<mark>食品</mark>") == 2
    assert "&lt;b&gt;" in out


# ---- engine ---------------------------------------------------------------------------------


@pytest.fixture
def corpus(world):
    """120 published documents of random Chinese text in district A, plus controlled cases."""
    rng = random.Random(7)
    alphabet = "行政处罚许可强制收费食品安全消防市场监督管理办法规定条例第一二三四五六七八九十条款"
    docs = []
    for i in range(120):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 200)))
        docs.append(
            make_doc(
                world.market_a,
                f"文件{i}",
                body,
                status=S.PUBLISHED,
                number=f"东市监规〔2026〕{i + 1}号",
                published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            )
        )
    services.apply_pending()
    return docs


def test_every_substring_of_any_length_is_found_exactly(corpus):
    """Recall and precision 100% against a plain substring scan, for 1- to 11-character queries."""
    rng = random.Random(11)
    checked = 0
    for doc in rng.sample(corpus, 30):
        for length in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11):
            if len(doc.body_text) < length:
                continue
            start = rng.randrange(len(doc.body_text) - length + 1)
            needle = doc.body_text[start : start + length]
            expected = {
                d.pk for d in corpus if needle in d.body_text or needle in d.title + d.doc_number
            }
            found = selectors.search(needle, public=True, limit=100)
            assert found.total == len(expected), needle
            if len(expected) <= 100:
                assert ids(found) == expected, needle
            checked += 1
    assert checked >= 250


def test_a_phrase_needs_its_characters_adjacent_not_just_present(world):
    """The bigram position trap: 行政处罚 must not match a text with 行政 and 处罚 apart."""
    apart = make_doc(world.market_a, "甲", "行政机关依法处罚", status=S.PUBLISHED)
    together = make_doc(world.market_a, "乙", "依法实施行政处罚", status=S.PUBLISHED)
    services.apply_pending()
    assert ids(selectors.search("行政处罚", public=True)) == {together.pk}
    assert ids(selectors.search("行政 处罚", public=True)) == {apart.pk, together.pk}


def test_a_long_phrase_needs_its_grams_at_their_offsets(world):
    """Longer terms are phrases of 4-grams: both grams present but overlapping wrongly is no match."""
    # 行政处罚决定 is covered by 行政处罚 (offset 0) and 处罚决定 (offset 2)
    shuffled = make_doc(world.market_a, "甲", "作出行政处罚，处罚决定书送达", status=S.PUBLISHED)
    exact = make_doc(world.market_a, "乙", "依法作出行政处罚决定", status=S.PUBLISHED)
    services.apply_pending()
    assert ids(selectors.search("行政处罚决定", public=True)) == {exact.pk}
    assert ids(selectors.search("作出行政处罚", public=True)) == {shuffled.pk, exact.pk}


def test_title_matches_rank_first_and_document_number_is_searchable(world):
    body_only = make_doc(world.market_a, "通知", "关于消防安全的规定", status=S.PUBLISHED)
    in_title = make_doc(
        world.market_a,
        "消防安全管理办法",
        "第一条",
        status=S.PUBLISHED,
        number="东市监规〔2026〕7号",
    )
    services.apply_pending()
    hits = selectors.search("消防安全", public=True).hits
    assert [h.object_id for h in hits] == [in_title.pk, body_only.pk]
    assert ids(selectors.search("东市监规〔2026〕7号", public=True)) == {in_title.pk}
    assert "<mark>消防安全</mark>" in hits[0].title_html


def test_public_sees_published_only_and_staff_see_only_their_scope(world, clerk_b):
    draft = make_doc(world.market_a, "甲区草案", "拟设定罚款")
    published = make_doc(world.market_a, "甲区办法", "设定罚款的条件", status=S.PUBLISHED)
    services.apply_pending()
    clerk_a = make_user(world.market_a, ROLES.CLERK)
    city_supervisor = make_user(world.city, ROLES.SUPERVISOR, subtree=True)
    sysadmin = make_user(world.city, ROLES.SYSTEM_ADMIN, subtree=True)
    assert ids(selectors.search("罚款", public=True)) == {published.pk}
    assert ids(selectors.search("罚款", user=clerk_a)) == {draft.pk, published.pk}
    assert ids(selectors.search("罚款", user=city_supervisor)) == {draft.pk, published.pk}
    assert selectors.search("罚款", user=clerk_b).total == 0
    assert selectors.search("罚款", user=sysadmin).total == 0  # 三员 read no business records


def test_filters_unit_subtree_status_and_dates(world):
    a = make_doc(world.market_a, "甲", "食品", status=S.PUBLISHED, published_on=dt.date(2026, 3, 1))
    b = make_doc(world.market_b, "乙", "食品", status=S.REPEALED, published_on=dt.date(2025, 3, 1))
    services.apply_pending()
    assert ids(selectors.search("食品", public=True, unit=world.district_a)) == {a.pk}
    assert ids(selectors.search("食品", public=True, status=["repealed"])) == {b.pk}
    assert ids(selectors.search("食品", public=True, date_from=dt.date(2026, 1, 1))) == {a.pk}
    assert ids(selectors.search("食品", public=True, date_to=dt.date(2025, 12, 31))) == {b.pk}
    assert ids(selectors.search("食品", public=True, tags=[f"issuer:{world.market_b.pk}"])) == {
        b.pk
    }


def test_changes_reach_the_index_after_commit_and_deleted_records_leave_it(world):
    doc = make_doc(world.market_a, "旧标题", "正文", status=S.PUBLISHED)
    services.apply_pending()
    doc.title = "新标题"
    doc.save()
    services.index_enqueue(doc)
    services.apply_pending()
    assert selectors.search("旧标题", public=True).total == 0
    assert ids(selectors.search("新标题", public=True)) == {doc.pk}
    pk = doc.pk
    services.index_enqueue(doc)
    doc.delete()
    services.apply_pending()
    assert selectors.search("新标题", public=True).total == 0
    assert not PendingIndex.objects.filter(object_id=pk).exists()


def test_enqueue_applies_through_the_task_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = make_doc(world.market_a, "提交后可检索", "正文", status=S.PUBLISHED)
    assert ids(selectors.search("提交后", public=True)) == {doc.pk}
    assert PendingIndex.objects.count() == 0


def test_rebuild_restores_a_deleted_index(world, capsys):
    doc = make_doc(world.market_a, "重建测试", "可以从数据库恢复", status=S.PUBLISHED)
    services.apply_pending()
    engine.forget()
    shutil.rmtree(engine.index_dir())
    assert selectors.search("恢复", public=True).total == 0
    call_command("search", "rebuild")
    assert ids(selectors.search("恢复", public=True)) == {doc.pk}
    assert "规范性文件（normdocs.document）：1 条" in capsys.readouterr().out


def test_staff_page_and_api_show_scoped_highlighted_hits(client, world, clerk_b):
    make_doc(world.market_a, "甲区专有文件", "甲区专有内容", status=S.PUBLISHED)
    services.apply_pending()
    clerk_a = make_user(world.market_a, ROLES.CLERK)
    client.force_login(clerk_a)
    page = client.get(reverse("search:search"), {"q": "专有"})
    assert page.status_code == 200
    assert "<mark>专有</mark>" in page.content.decode()
    client.force_login(clerk_b)
    page = client.get(reverse("search:search"), {"q": "专有"})
    assert "甲区专有" not in page.content.decode()
    assert "共找到 <strong>0</strong>" in page.content.decode()


def test_api_search_is_scoped_and_rejects_bad_dates(client, world, clerk_b):
    from fazhi.core.services.tokens import token_create

    make_doc(world.market_a, "甲区接口文件", "内容", status=S.PUBLISHED)
    services.apply_pending()
    clerk_a = make_user(world.market_a, ROLES.CLERK)
    _, key_a = token_create(actor=clerk_a, name="a")
    _, key_b = token_create(actor=clerk_b, name="b")
    got = client.get("/api/search/", {"q": "接口"}, HTTP_AUTHORIZATION=f"Bearer {key_a}")
    assert got.status_code == 200 and got.json()["total"] == 1
    got = client.get("/api/search/", {"q": "接口"}, HTTP_AUTHORIZATION=f"Bearer {key_b}")
    assert got.json()["total"] == 0
    bad = client.get(
        "/api/search/",
        {"q": "接口", "date_from": "2026-02-01", "date_to": "2026-01-01"},
        HTTP_AUTHORIZATION=f"Bearer {key_a}",
    )
    assert bad.status_code == 400
    assert "截止日期不能早于起始日期" in json.dumps(bad.json(), ensure_ascii=False)


def test_a_bulk_import_queues_its_records_in_one_go_and_they_become_searchable(world):
    docs = [
        NormativeDocument.objects.create(
            title=f"历史文件{i}",
            body_text="关于加强农村集体资产管理的规定",
            org_unit=world.market_a,
            drafting_unit=world.market_a,
            status=S.PUBLISHED,
        )
        for i in range(3)
    ]
    assert services.index_enqueue_many(KIND, [d.pk for d in docs]) == 3
    assert PendingIndex.objects.filter(kind=KIND).count() == 3
    services.apply_pending()
    assert ids(selectors.search("集体资产", public=True)) == {d.pk for d in docs}
    with pytest.raises(LookupError):
        services.index_enqueue_many("no.such.kind", [1])
