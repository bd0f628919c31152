"""Text of an uploaded draft: .txt (UTF-8/GB18030), .docx (paragraphs and tables), .pdf (if pypdf)."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from xml.etree import ElementTree

from fazhi.core.errors import DomainError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_BYTES = 20 * 1024 * 1024


def extract_text(name: str, data: bytes) -> str:
    """The plain text of a draft file; a Chinese DomainError for anything unreadable."""
    lower = name.lower()
    if not data:
        raise DomainError(f"文件“{name}”为空", field="file")
    if len(data) > MAX_BYTES:
        raise DomainError(f"文件“{name}”超过 20 MB", field="file")
    if lower.endswith(".txt"):
        return _decode(name, data)
    if lower.endswith(".docx"):
        return _docx(name, data)
    if lower.endswith(".pdf"):
        return _pdf(name, data)
    raise DomainError("仅支持 .docx、.pdf、.txt 格式的文件，或直接粘贴文本", field="file")


def _decode(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(f"文件“{name}”不是 UTF-8 或 GB18030 编码的文本", field="file")


def _docx(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)  # noqa: S314  (zip member of a size-limited upload; no DTDs in OOXML)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise DomainError(f"文件“{name}”不是有效的 Word（.docx）文档", field="file") from exc
    lines = []
    for paragraph in root.iter(f"{W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def _pdf(name: str, data: bytes) -> str:
    if importlib.util.find_spec("pypdf") is None:
        raise DomainError(
            "本系统未安装 PDF 文本提取组件，请上传 .docx 或直接粘贴文本", field="file"
        )
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # pypdf raises many types for damaged files
        raise DomainError(f"文件“{name}”不是有效的 PDF 文档", field="file") from exc
    if not text.strip():
        raise DomainError(f"未能从“{name}”中提取文字（可能是扫描件），请粘贴文本", field="file")
    return text
