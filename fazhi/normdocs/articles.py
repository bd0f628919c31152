"""Split a document's text into articles (第X条), with 章/节 headings and Chinese numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
DIGITS |= {"八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇一二两三四五六七八九十百千\d０-９]+"
# An article starts a line: optional indentation (incl. full-width spaces), 第…条, then a space or text.
ARTICLE_RE = re.compile(rf"^[ \t\u3000]*第({NUMERAL})条(?:[ \t\u3000]+|(?=\S))", re.M)
HEADING_RE = re.compile(rf"^[ \t\u3000]*第({NUMERAL})(章|节)[ \t\u3000]*(.*)$", re.M)
CITATION_RE = re.compile(rf"第({NUMERAL})条")


def chinese_to_int(text: str) -> int:
    """十二 → 12, 一百零五 → 105, 二十 → 20, 12/１２ → 12. Raises ValueError if not a numeral."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        elif char in UNITS:
            total += (current or 1) * UNITS[char]  # 十二: a bare 十 means 一十
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + current


def int_to_chinese(number: int) -> str:
    """12 → 十二, 105 → 一百零五, 20 → 二十 (1 ≤ number < 10000)."""
    if not 0 < number < 10000:
        return str(number)
    names = "零一二三四五六七八九"
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero:
                parts.append("零")
            parts.append(names[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@dataclass(frozen=True)
class Article:
    """One article: its number, its label as written (第十二条), its text and its chapter/section."""

    number: int
    label: str
    text: str
    chapter: str = ""
    section: str = ""


def split_articles(text: str) -> list[Article]:
    """Articles in order; text before the first article (title, preamble) is not an article."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    starts = list(ARTICLE_RE.finditer(text))
    headings = list(HEADING_RE.finditer(text))
    articles: list[Article] = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[match.end() : end]
        # A heading between two articles belongs to the next one, not to this one's text.
        for heading in headings:
            if match.end() <= heading.start() < end:
                body = text[match.end() : heading.start()]
                break
        try:
            number = chinese_to_int(match.group(1))
        except ValueError:
            continue
        chapter, section = _headings_before(headings, match.start())
        articles.append(
            Article(
                number=number,
                label=f"第{int_to_chinese(number)}条",
                text=_clean(body),
                chapter=chapter,
                section=section,
            )
        )
    return articles


def _headings_before(headings: list[re.Match[str]], position: int) -> tuple[str, str]:
    chapter = section = ""
    for heading in headings:
        if heading.start() > position:
            break
        label = f"第{heading.group(1)}{heading.group(2)}"
        title = heading.group(3).strip()
        full = f"{label} {title}".strip()
        if heading.group(2) == "章":
            chapter, section = full, ""
        else:
            section = full
    return chapter, section


def _clean(body: str) -> str:
    lines = [line.strip(" \t\u3000") for line in body.strip().split("\n")]
    return "\n".join(line for line in lines if line)


def find_article(text: str, citation: str) -> Article | None:
    """The article a citation like 第十二条 / 第12条 / 十二 points to, if present."""
    match = CITATION_RE.search(citation) or re.fullmatch(NUMERAL, citation.strip())
    if match is None:
        return None
    try:
        number = chinese_to_int(match.group(1) if match.groups() else match.group(0))
    except ValueError:
        return None
    return next((a for a in split_articles(text) if a.number == number), None)
