"""The catalogue import page with a realistic 1,000-document catalogue and a zip of their texts.

The sheet is a real .xlsx and the texts a real .zip (Word files and GBK-named text files, as
Windows' own zip writes them), posted to the page as a clerk's browser would.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from fazhi.normdocs.models import DocumentVersion, NormativeDocument
from fazhi.normdocs.services.catalogue import COLUMNS

URL = reverse("normdocs:import")
HEADER = [c.header for c in COLUMNS]
N = 1000


def _row(i: int) -> list:
    year = 2021 + i % 5
    return [
        f"关于规范第{i + 1}类市场经营活动的若干规定",
        f"东市监规〔{year}〕{i + 1}号",
        "东湖区市场监督管理局",
        "部门规范性文件",
        f"{year}-03-01",
        f"{year}-04-01",
        f"{year + 4}-03-31",
        "现行有效",
        "否",
    ]


def _xlsx(rows: list[list]) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "目录.xlsx"
    return buffer


def _text(i: int) -> str:
    return (
        f"第一条 为规范第{i + 1}类经营活动，制定本规定。\n"
        f"第二条 第{i + 1}类经营者应当依法亮照经营。\n第三条 本规定自公布之日起施行。"
    )


@pytest.fixture(scope="module")
def word_template() -> tuple[dict[str, bytes], str]:
    """The parts of a real python-docx document; each file swaps in its own document.xml."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("@@TEXT@@")
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return parts, parts["word/document.xml"].decode()


def _word(template: tuple[dict[str, bytes], str], text: str) -> bytes:
    parts, xml = template
    paragraph = xml[xml.index("<w:p>") if "<w:p>" in xml else xml.index("<w:p ") :]
    paragraph = paragraph[: paragraph.index("</w:p>") + len("</w:p>")]
    body = "".join(paragraph.replace("@@TEXT@@", line) for line in text.splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(
                name, xml.replace(paragraph, body).encode() if name == "word/document.xml" else data
            )
    return buffer.getvalue()


class _GbkInfo(zipfile.ZipInfo):
    """A member named in GBK without the UTF-8 flag, as Windows Explorer's zip writes it.

    `zipfile` itself would write any non-ASCII name as UTF-8 and set the flag.
    """

    def _encodeFilenameFlags(self):  # noqa: N802  (zipfile's own hook)
        return self.filename.encode("cp437"), self.flag_bits


def _gbk_member(name: str) -> zipfile.ZipInfo:
    info = _GbkInfo(name.encode("gbk").decode("cp437"))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _texts_zip(template, rows: list[list], *, extra: dict[str, bytes] | None = None) -> io.BytesIO:
    """Every 4th text a Word file named by 文号, the rest GBK-named .txt, a few named by 序号."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, row in enumerate(rows[1:]):
            if i % 4 == 0:
                archive.writestr(f"正文/{row[1]}.docx", _word(template, _text(i)))
            elif i % 50 == 1:
                archive.writestr(f"{i + 1}.txt", _text(i).encode("utf-8"))  # by 序号
            else:
                archive.writestr(_gbk_member(f"{row[1]}.txt"), _text(i).encode("gb18030"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = "正文.zip"
    return buffer


def test_a_1000_document_catalogue_with_its_texts_imports_through_the_page(
    client, world, team, word_template
):
    # given the sheet and a zip of 1,000 texts
    rows = [HEADER] + [_row(i) for i in range(N)]
    client.force_login(team.supervisor)
    # when the Justice Bureau uploads both
    response = client.post(URL, {"file": _xlsx(rows), "texts": _texts_zip(word_template, rows)})
    # then all 1,000 are in force, each with its own text as version 1
    assert response.status_code == 200
    assert f"导入成功：共 {N} 条记录" in response.content.decode()
    assert NormativeDocument.objects.filter(imported=True, status="in_force").count() == N
    for i in (0, 1, 2, 3, 999):  # Word, 序号-named, GBK-named, GBK-named, Word
        doc = NormativeDocument.objects.get(doc_number=rows[i + 1][1])
        assert doc.body_text == _text(i)
        assert doc.versions.get().source == DocumentVersion.Source.IMPORT


def test_errors_come_back_by_row_and_column_and_nothing_is_written(client, world, team):
    rows = [HEADER] + [_row(i) for i in range(N)]
    rows[501][1] = rows[3][1]  # duplicate 文号
    rows[702][6] = "2099-01-01"  # beyond five years
    client.force_login(team.supervisor)
    page = client.post(URL, {"file": _xlsx(rows)}).content.decode()
    assert "所有数据均未写入" in page
    assert "与第 4 行文号重复" in page and '<td class="num">502</td>' in page
    assert "有效期不得超过 5 年" in page and '<td class="num">703</td>' in page
    assert not NormativeDocument.objects.exists()


def test_a_text_that_matches_no_row_refuses_the_whole_import(client, world, team, word_template):
    rows = [HEADER] + [_row(i) for i in range(3)]
    texts = _texts_zip(
        word_template, rows, extra={"东市监规〔2020〕77号.txt": "第一条 无主。".encode()}
    )
    client.force_login(team.supervisor)
    page = client.post(URL, {"file": _xlsx(rows), "texts": texts}).content.decode()
    assert "东市监规〔2020〕77号" in page and "所有数据均未写入" in page
    assert not NormativeDocument.objects.exists()


def test_an_unreadable_file_in_the_zip_is_named(client, world, team):
    rows = [HEADER] + [_row(i) for i in range(2)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{rows[1][1]}.docx", b"not a word file")
    buffer.seek(0)
    buffer.name = "正文.zip"
    client.force_login(team.supervisor)
    page = client.post(URL, {"file": _xlsx(rows), "texts": buffer}).content.decode()
    assert f"正文压缩包：文件“{rows[1][1]}.docx”不是有效的 Word" in page
    assert not NormativeDocument.objects.exists()
