"""Documents out: the text as blocks with article anchors, and the DOCX / PDF downloads.

Only published documents reach here (the portal fetches them through the public selectors). The
DOCX follows the usual layout of an official document (GB/T 9704): title in 方正小标宋 (Word falls
back to 宋体 where it is missing), 文号 line, body in 仿宋 16 pt, chapter headings and article labels
in 黑体. The PDF is the same text laid out by WeasyPrint with the Noto CJK fonts.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from lxml import etree

from fazhi.normdocs.articles import ARTICLE_RE, HEADING_RE, chinese_to_int, int_to_chinese
from fazhi.normdocs.models import NormativeDocument

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Block:
    """One displayed unit of a document's text: a heading, an article or a plain paragraph."""

    kind: str  # chapter | section | article | para
    text: str
    label: str = ""  # 第十二条 (articles), 第二章 (headings)
    number: int = 0  # article number

    @property
    def anchor(self) -> str:
        """The fragment id of an article (#art-12)."""
        return f"art-{self.number}" if self.kind == "article" else ""


def text_blocks(text: str, *, title: str = "") -> list[Block]:
    """Split the text line by line; continuation lines stay with their article.

    A first line repeating the title is dropped (the page and the files print the title anyway).
    """
    lines = [line.strip(" \t\u3000") for line in (text or "").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and _plain(lines[0]) == _plain(title):
        lines = lines[1:]
    blocks: list[Block] = []
    for line in lines:
        heading = HEADING_RE.match(line)
        article = ARTICLE_RE.match(line)
        if heading:
            kind = "chapter" if heading.group(2) == "章" else "section"
            label = f"第{heading.group(1)}{heading.group(2)}"
            blocks.append(Block(kind, heading.group(3).strip(), label=label))
        elif article and _numeral(article.group(1)):
            number = _numeral(article.group(1))
            label = f"第{int_to_chinese(number)}条"
            blocks.append(Block("article", line[article.end() :].strip(), label, number))
        elif blocks and blocks[-1].kind == "article":
            last = blocks.pop()  # a 款/项 line continues the article above
            blocks.append(Block("article", f"{last.text}\n{line}", last.label, last.number))
        else:
            blocks.append(Block("para", line))
    return blocks


def _numeral(text: str) -> int:
    try:
        return chinese_to_int(text)
    except ValueError:
        return 0


def _plain(text: str) -> str:
    return re.sub(r"[\s《》“”\"]", "", text)


def date_cn(day: Any) -> str:
    """2026年5月20日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def filename(doc: NormativeDocument, ext: str) -> str:
    """A download name from the title (characters Windows forbids removed)."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "", doc.title)[:80] or f"document-{doc.pk}"
    return f"{stem}.{ext}"


def _cache_key(doc: NormativeDocument, kind: str) -> str:
    parts = [str(doc.pk), doc.status, doc.title, doc.doc_number, doc.body_text]
    parts.append(doc.updated_at.isoformat() if doc.updated_at else "")
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"normdocs.export.{kind}.{digest}"


# ---- DOCX -------------------------------------------------------------------------------------


def _font(run: Any, east_asia: str, *, size: float, bold: bool = False) -> None:
    """Latin and East Asian fonts of a run (Word reads CJK glyphs from w:eastAsia)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = LATIN_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)


def _paragraph(document: Any, *, align: str = "justify", indent: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)  # 22 lines per page, as GB/T 9704 sets
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 16 pt
    return para


def _register_font_fallbacks(document: Any) -> None:
    """Declare 方正小标宋简体 → 宋体 (w:altName) in the font table, plus the CJK fonts used."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    part = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    root = etree.fromstring(part.blob)  # noqa: S320 — python-docx's own template
    for name, alt, family in (
        (TITLE_FONT, TITLE_FALLBACK, "script"),
        (BODY_FONT, "FangSong", "modern"),
        (HEADING_FONT, "SimHei", "modern"),
        (TITLE_FALLBACK, "SimSun", "auto"),
    ):
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alt})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": family})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _setup(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _register_font_fallbacks(document)


def docx_bytes(doc: NormativeDocument, *, issuer: str) -> bytes:
    """The document as .docx (cached per text version)."""
    key = _cache_key(doc, "docx")
    data = cache.get(key)
    if data is None:
        data = _build_docx(doc, issuer=issuer)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _build_docx(doc: NormativeDocument, *, issuer: str) -> bytes:
    import docx

    document = docx.Document()
    _setup(document)
    document.core_properties.title = doc.title
    document.core_properties.subject = doc.doc_number
    document.core_properties.author = issuer
    if doc.doc_number:
        _font(_paragraph(document, align="center").add_run(doc.doc_number), BODY_FONT, size=16)
    _font(_paragraph(document, align="center").add_run(doc.title), TITLE_FONT, size=22)
    _paragraph(document)
    for block in text_blocks(doc.body_text, title=doc.title):
        if block.kind in ("chapter", "section"):
            para = _paragraph(document, align="center")
            _font(para.add_run(f"{block.label}　{block.text}".strip()), HEADING_FONT, size=16)
        elif block.kind == "article":
            first, *rest = block.text.split("\n")
            para = _paragraph(document, indent=True)
            _font(para.add_run(block.label + "　"), HEADING_FONT, size=16)
            _font(para.add_run(first), BODY_FONT, size=16)
            for line in rest:
                _font(_paragraph(document, indent=True).add_run(line), BODY_FONT, size=16)
        else:
            _font(_paragraph(document, indent=True).add_run(block.text), BODY_FONT, size=16)
    _paragraph(document)
    _font(_paragraph(document, align="right").add_run(issuer), BODY_FONT, size=16)
    if doc.published_on:
        date = date_cn(doc.published_on)
        _font(_paragraph(document, align="right").add_run(date), BODY_FONT, size=16)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- PDF --------------------------------------------------------------------------------------


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries (Pango, HarfBuzz) are not installed."""


def pdf_bytes(doc: NormativeDocument, *, html: str) -> bytes:
    """`html` (the print template, already rendered) laid out as PDF; cached per text version."""
    key = _cache_key(doc, "pdf")
    data = cache.get(key)
    if data is None:
        try:
            import weasyprint
        except (ImportError, OSError) as exc:  # OSError: libpango etc. missing
            raise PdfUnavailable(str(exc)) from exc
        data = weasyprint.HTML(string=html).write_pdf()
        cache.set(key, data, CACHE_SECONDS)
    return data
