"""Portal outputs: DOCX and PDF downloads, review suggestions, and that nothing unpublished leaks."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile

import docx
import pytest
from django.core.cache import cache
from pypdf import PdfReader

from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs import services
from fazhi.normdocs.models import (
    Comment,
    CommentPeriod,
    DocumentVersion,
    Filing,
    LegalityReview,
    NormativeDocument,
    ReviewSuggestion,
)
from fazhi.normdocs.tests.factories import make_document
from fazhi.search import services as search_index

S = NormativeDocument.Status
MARKER = "未公开草案标记"
TEXT = """江城市东湖区城市道路占用挖掘管理办法
第一章 总则
第一条 为加强城市道路管理，制定本办法。
第二条 本办法适用于本区城市道路。
第二章 附则
第三条 本办法自公布之日起施行。
"""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered files and page parts are cached per document version; start each test empty."""
    cache.clear()


@pytest.fixture
def published(world):
    doc = make_document(
        world.market_a,
        status=S.FILED,
        title="江城市东湖区城市道路占用挖掘管理办法",
        body_text=TEXT,
        published_on=dt.date(2026, 1, 5),
    )
    Filing.objects.create(
        document=doc,
        filed_to=world.district_a,
        due_on=dt.date(2026, 2, 4),
        filed_on=dt.date(2026, 1, 20),
        review_notes=MARKER + "备案审查内部意见",
    )
    return doc


@pytest.fixture
def secrets(world, published):
    """Unpublished material around a published document, each carrying MARKER."""
    draft = make_document(
        world.market_a,
        status=S.LEGALITY_REVIEW,
        title=MARKER + "道路管理办法",
        body_text=f"第一条 {MARKER}。\n第二条 城市道路{MARKER}。",
    )
    successor = make_document(
        world.market_a,
        status=S.DRAFT,
        title=f"关于修改道路办法的决定（{MARKER}）",
        body_text=f"第一条 城市道路 {MARKER}",
        supersedes=published,
        relation=NormativeDocument.Relation.AMEND,
    )
    DocumentVersion.objects.create(
        document=published, number=1, source="paste", text=f"第一条 {MARKER}初稿"
    )
    period = CommentPeriod.objects.create(
        document=published,
        opened_on=dt.date(2025, 10, 1),
        closes_on=dt.date(2025, 11, 1),
        channel="网站",
    )
    Comment.objects.create(
        period=period, commenter="某市民", content=MARKER + "意见", received_on=dt.date(2025, 10, 2)
    )
    LegalityReview.objects.create(
        document=published,
        received_on=dt.date(2025, 11, 5),
        due_on=dt.date(2025, 11, 26),
        opinion="legal",
        notes=MARKER + "审核意见",
        completed_on=dt.date(2025, 11, 20),
    )
    search_index.rebuild()
    return draft, successor


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_drafts_reviews_comments_and_versions_never_reach_the_public(client, published, secrets):
    draft, successor = secrets
    # the list, the search and the catalogue
    for params in ({}, {"q": MARKER}, {"q": "城市道路"}, {"q": "道路", "status": "current"}):
        page = client.get("/normdocs/", params)
        assert page.status_code == 200
        results = page.content.decode().split('class="card nd-results"')[1]
        assert MARKER not in results  # (the query itself is echoed in the search box)
        export = client.get("/normdocs/", params | {"export": "xlsx"})
        assert MARKER not in _xlsx_text(export.content)
    assert client.get("/normdocs/", {"q": "城市道路"}).context["page"].total == 1
    # the document page, its diff page and the downloads
    base = f"/normdocs/{published.pk}/"
    for url in (base, base + "diff/"):
        assert MARKER not in client.get(url).content.decode()
    assert MARKER not in _docx_text(client.get(base + "download.docx").content)
    assert MARKER not in _pdf_text(client.get(base + "download.pdf").content)
    # the unpublished documents themselves answer 404 everywhere
    for hidden in (draft, successor):
        for suffix in ("", "diff/", "download.docx", "download.pdf", "suggest/"):
            assert client.get(f"/normdocs/{hidden.pk}/{suffix}").status_code == 404
        assert client.post(f"/normdocs/{hidden.pk}/suggest/", {}).status_code == 404


def test_filing_status_is_shown_without_the_internal_review(client, published, secrets):
    html = client.get(f"/normdocs/{published.pk}/").content.decode()
    assert "已报送备案（2026年1月20日）" in html
    assert "备案审查内部意见" not in html


def test_docx_has_title_number_articles_and_east_asian_fonts(client, published):
    response = client.get(f"/normdocs/{published.pk}/download.docx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == published.doc_number
    assert paragraphs[1].text == published.title
    texts = [p.text for p in paragraphs]
    assert "第一条　为加强城市道路管理，制定本办法。" in texts
    assert "第二章　附则" in texts
    assert texts[-2:] == ["东湖区市场监督管理局", "2026年1月5日"]
    assert texts.count(published.title) == 1  # the title line of the body is not repeated

    def east_asia(run):
        return run._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )

    assert east_asia(paragraphs[1].runs[0]) == "方正小标宋简体"
    article = next(p for p in paragraphs if p.text.startswith("第一条"))
    assert [east_asia(r) for r in article.runs] == ["黑体", "仿宋"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        fonts = archive.read("word/fontTable.xml").decode()
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts


def test_pdf_has_the_text_in_cjk_fonts(client, published):
    cache.clear()
    response = client.get(f"/normdocs/{published.pk}/download.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "城市道路占用挖掘管理办法" in text
    assert "第三条" in text
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].get_object().values()
    }
    assert any("Noto-Serif-CJK-SC" in name for name in fonts)
    assert any("Noto-Sans-CJK-SC" in name for name in fonts)


def test_pdf_without_weasyprint_answers_a_chinese_message(client, published, monkeypatch):
    cache.clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without the libraries
    response = client.get(f"/normdocs/{published.pk}/download.pdf")
    assert response.status_code == 503
    assert "PDF 生成组件暂不可用" in response.content.decode()
    assert "下载 Word 版本" in response.content.decode()


def test_review_suggestion_is_submitted_and_tracked_by_code(client, world, published):
    url = f"/normdocs/{published.pk}/suggest/"
    response = client.post(
        url, {"name": "李四", "contact": "13800000000", "content": "第二条适用范围超出上位法规定。"}
    )
    assert response.status_code == 200
    item = ReviewSuggestion.objects.get()
    assert item.tracking_code in response.content.decode()
    track = client.get("/normdocs/track/", {"code": item.tracking_code.lower()})
    assert "已收到" in track.content.decode()
    services.review_suggestion_handle(
        actor=make_user(world.district_a, ROLES.SUPERVISOR, subtree=True),
        suggestion=item,
        status="replied",
        handling_notes="内部研究意见",
        reply="经审查，已建议制定机关修改第二条。",
    )
    html = client.get("/normdocs/track/", {"code": item.tracking_code}).content.decode()
    assert "已答复" in html and "已建议制定机关修改第二条" in html
    assert "内部研究意见" not in html
    missing = client.get("/normdocs/track/", {"code": "NOSUCHCODE"})
    assert "未找到该查询码" in missing.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请填写此项"),
        ({"name": "　", "contact": "1", "content": "第二条适用范围超出上位法。"}, "请填写此项"),
        ({"name": "李四", "contact": "1", "content": "太短"}, "建议内容过短"),
        (
            {"name": "李" * 51, "contact": "1", "content": "第二条适用范围超出上位法。"},
            "不能超过 50 个字",
        ),
        ({"name": "<script>", "contact": "1", "content": "x" * 5001}, "不能超过 5000 个字"),
    ],
)
def test_bad_suggestion_rerenders_with_errors_and_writes_nothing(client, published, data, message):
    response = client.post(f"/normdocs/{published.pk}/suggest/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'id="suggest"' in html
    assert ReviewSuggestion.objects.count() == 0
    assert "<script>" not in html.split('id="suggest"')[1].split("</section>")[0]
