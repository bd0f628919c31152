"""The public query platform: search, filters, citation search, catalogue export, document page."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.cache import cache

from fazhi.normdocs.models import NormativeDocument, Publication
from fazhi.normdocs.tests.factories import make_document
from fazhi.search import services as search_index

S = NormativeDocument.Status
LIST = "/normdocs/"
ROAD_TEXT = """东湖区城市道路占用挖掘管理办法

第一章 总则
第一条 为加强城市道路管理，规范占用、挖掘城市道路行为，根据《城市道路管理条例》，结合本区实际，制定本办法。
第二条 本办法适用于本区行政区域内城市道路的占用、挖掘及其监督管理。
第二章 占用管理
第三条 因特殊情况需要临时占用城市道路的，应当依法办理审批手续。
第十二条 占用城市道路期满的，占用单位应当及时清理现场，恢复道路原状。
（一）清除施工材料；
（二）修复路面设施。
第十三条 本办法自2026年1月1日起施行，有效期五年。
"""


@dataclass
class Portal:
    """Published documents of both districts in every public state, plus a draft."""

    road: NormativeDocument
    food: NormativeDocument
    amended: NormativeDocument
    amendment: NormativeDocument
    repealed: NormativeDocument
    expired: NormativeDocument
    pending: NormativeDocument
    draft: NormativeDocument


def index_all() -> None:
    search_index.rebuild()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered files and page parts are cached per document version; start each test empty."""
    cache.clear()


@pytest.fixture
def portal(world) -> Portal:
    road = make_document(
        world.market_a,
        status=S.IN_FORCE,
        title="东湖区城市道路占用挖掘管理办法",
        body_text=ROAD_TEXT,
        doc_number="东市监规〔2025〕3号",
        number_year=2025,
        number_seq=3,
        published_on=dt.date(2025, 12, 1),
        effective_on=dt.date(2026, 1, 1),
        expires_on=dt.date(2030, 12, 31),
    )
    Publication.objects.create(
        document=road,
        published_on=road.published_on,
        channel="区政府门户网站",
        interpretation_title="《东湖区城市道路占用挖掘管理办法》政策解读",
        interpretation_text="一、制定背景：规范道路占用挖掘行为。",
    )
    food = make_document(
        world.market_b,
        status=S.PUBLISHED,
        title="西湖区食品摊贩登记管理办法",
        body_text="第一条 为规范食品摊贩经营行为，制定本办法。\n第十二条 食品摊贩应当亮证经营。",
        published_on=dt.date(2026, 3, 10),
    )
    amended = make_document(
        world.market_a,
        status=S.AMENDED,
        title="东湖区户外广告设置管理办法",
        body_text="第一条 为规范户外广告设置，制定本办法。\n第二条 设置户外广告应当安全牢固。",
        published_on=dt.date(2024, 5, 1),
        number_year=2024,
    )
    amendment = make_document(
        world.market_a,
        status=S.IN_FORCE,
        title="东湖区户外广告设置管理办法（2026年修订）",
        body_text="第一条 为规范户外广告设置，制定本办法。\n第二条 设置户外广告应当安全牢固、美观。"
        "\n第三条 新增条款。",
        supersedes=amended,
        relation=NormativeDocument.Relation.AMEND,
        published_on=dt.date(2026, 2, 1),
    )
    amended.repealed_by = amendment
    amended.save()
    short = {"body_text": "第一条 为加强管理，制定本办法。\n第二条 本办法自公布之日起施行。"}
    repealed = make_document(
        world.market_a, status=S.REPEALED, title="东湖区早点摊点管理规定", **short
    )
    expired = make_document(
        world.market_a, status=S.EXPIRED, title="东湖区夜市临时管理办法", **short
    )
    pending = make_document(
        world.market_a,
        status=S.PUBLISHED,
        title="东湖区共享单车停放管理办法",
        **short,
        effective_on=dt.date(2099, 1, 1),
        expires_on=dt.date(2099, 12, 31),
    )
    draft = make_document(
        world.market_a, status=S.DRAFT, title="东湖区城市道路草案", body_text=ROAD_TEXT
    )
    index_all()
    return Portal(road, food, amended, amendment, repealed, expired, pending, draft)


def titles(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [r.doc.title for r in response.context["rows"]]


def test_listing_without_a_query_shows_published_documents_newest_first(client, portal):
    listed = titles(client)
    assert listed[:2] == [portal.food.title, portal.amendment.title]
    assert listed[-2:] == [portal.road.title, portal.amended.title]
    assert portal.draft.title not in listed
    assert len(listed) == 7


def test_keyword_search_goes_through_the_index_ranked_and_highlighted(client, portal):
    response = client.get(LIST, {"q": "城市道路"})
    rows = response.context["rows"]
    assert [r.doc.pk for r in rows] == [portal.road.pk]  # the draft with the same text is absent
    html = response.content.decode()
    assert "<mark>城市道路</mark>" in html
    assert "共 1 件" in html
    # multi-term queries are AND-ed
    assert titles(client, q="户外广告 美观") == [portal.amendment.title]
    assert titles(client, q="户外广告 不存在的词") == []


@pytest.mark.parametrize("with_query", [True, False])
def test_filters_by_issuer_year_number_status_and_date(client, world, portal, with_query):
    q = {"q": "办法"} if with_query else {}
    assert titles(client, issuer=world.market_b.pk, **q) == [portal.food.title]
    assert titles(client, year=2024, **q) == [portal.amended.title]
    assert titles(client, number="〔2025〕3号", **q) == [portal.road.title]
    assert set(titles(client, status="current", **q)) == {
        portal.road.title,
        portal.food.title,
        portal.amendment.title,
    }
    assert titles(client, status="pending", **q) == [portal.pending.title]
    assert titles(client, status="已修改", **q) == [portal.amended.title]
    assert titles(client, status="repealed", **q) == [portal.repealed.title]
    assert titles(client, status="expired", **q) == [portal.expired.title]
    dates = {"date_from": "2026-01-01", "date_to": "2026-02-28"}
    assert titles(client, **dates, **q) == [portal.amendment.title]


def test_repealed_and_expired_documents_are_searchable_by_their_words(client, portal):
    assert titles(client, q="早点摊点", status="repealed") == [portal.repealed.title]
    assert titles(client, q="夜市", status="expired") == [portal.expired.title]


@pytest.mark.parametrize("query", ["第十二条", "第12条", "第１２条"])
def test_citation_search_shows_the_cited_article_of_each_hit(client, portal, query):
    response = client.get(LIST, {"q": query})
    rows = {r.doc.pk: r for r in response.context["rows"]}
    assert set(rows) == {portal.road.pk, portal.food.pk}
    assert rows[portal.road.pk].article.text.startswith("占用城市道路期满的")
    html = response.content.decode()
    assert "食品摊贩应当亮证经营" in html
    assert f"/normdocs/{portal.road.pk}/#art-12" in html


def test_citation_with_a_keyword_narrows_and_highlights_inside_the_article(client, portal):
    response = client.get(LIST, {"q": "道路 第十二条"})
    (row,) = response.context["rows"]
    assert row.doc == portal.road
    assert "恢复<mark>道路</mark>原状" in row.article_html


def test_catalogue_export_has_the_filtered_rows_only(client, world, portal):
    response = client.get(LIST, {"status": "current", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("标题", "文号", "制定机关")
    assert {r[0] for r in rows[1:]} == {
        portal.road.title,
        portal.food.title,
        portal.amendment.title,
    }
    assert {r[6] for r in rows[1:]} == {"现行有效"}
    searched = client.get(LIST, {"q": "道路", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(searched.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [portal.road.title]


def test_document_page_has_text_anchors_interpretation_validity_and_filing(client, portal):
    response = client.get(f"/normdocs/{portal.road.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="art-12"' in html and 'id="art-3"' in html
    assert "（二）修复路面设施" in html  # continuation lines stay in their article
    assert "第二章　占用管理" in html
    assert "一、制定背景" in html  # 政策解读
    assert "现行有效" in html and "有效期至 2030年12月31日" in html
    assert "未报送备案" in html
    assert "提出审查建议" in html


def test_version_history_links_the_chain_and_diffs_articles(client, portal):
    html = client.get(f"/normdocs/{portal.amendment.pk}/").content.decode()
    assert portal.amended.title in html
    assert f"/normdocs/{portal.amendment.pk}/diff/?from={portal.amended.pk}" in html
    old_page = client.get(f"/normdocs/{portal.amended.pk}/").content.decode()
    assert "已修改" in old_page and portal.amendment.title in old_page
    diff = client.get(f"/normdocs/{portal.amendment.pk}/diff/", {"from": portal.amended.pk})
    body = diff.content.decode()
    assert diff.status_code == 200
    assert "<ins>、美观</ins>" in body
    assert "新增条款" in body
    assert diff.context["summary"] == {"added": 1, "removed": 0, "changed": 1, "same": 1}
    junk = client.get(f"/normdocs/{portal.amendment.pk}/diff/", {"from": portal.food.pk})
    assert junk.status_code == 200
    assert junk.context["old"] == portal.amended  # an unrelated document is not compared


def test_junk_filters_are_ignored_with_a_message(client, portal):
    response = client.get(
        LIST,
        {"date_from": "2024-02-30", "year": "abc", "issuer": "-1", "page": "9999", "q": "x" * 500},
    )
    assert response.status_code == 200
    assert "公布日期起格式应为" in response.content.decode()


def test_reversed_date_range_is_swapped(client, portal):
    listed = titles(client, date_from="2026-02-28", date_to="2026-01-01")
    assert listed == [portal.amendment.title]


def test_reach_from_the_portal_home_and_navigation(client, portal):
    html = client.get("/").content.decode()
    assert 'href="/normdocs/"' in html
    assert "审计日志校验" in html
