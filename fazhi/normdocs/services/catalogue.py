"""Bulk import of existing (already published) documents from an Excel catalogue.

All-or-nothing through `fazhi.core.imports`: every row is parsed and validated, duplicate 文号 (within
the sheet or against the database) are reported by row and column, and only a clean sheet is saved.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from typing import IO, Any

from fazhi.core import access, audit
from fazhi.core import imports as I
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.normdocs import conf, indexing
from fazhi.normdocs import permissions as P
from fazhi.normdocs.models import DocumentEvent, DocumentVersion, NormativeDocument
from fazhi.normdocs.services.validation import add_years
from fazhi.normdocs.textextract import extract_text

S = NormativeDocument.Status
STATUS_LABELS = {
    "现行有效": S.IN_FORCE,
    "已修改": S.AMENDED,
    "已废止": S.REPEALED,
    "已失效": S.EXPIRED,
}
NUMBER_RE = re.compile(r"^(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<seq>\d+)号$")

COLUMNS = [
    I.ImportColumn("标题", "title", I.text(200), required=True),
    I.ImportColumn("文号", "doc_number", I.text(60), required=True),
    I.ImportColumn("制定机关", "issuer", I.text(100), required=True),
    I.ImportColumn("类别", "kind", I.choice(dict(NormativeDocument.Kind.choices)), required=True),
    I.ImportColumn("公布日期", "published_on", I.date, required=True),
    I.ImportColumn("施行日期", "effective_on", I.date, required=True),
    I.ImportColumn("有效期至", "expires_on", I.date),
    I.ImportColumn("状态", "status", I.choice({v: k for k, v in STATUS_LABELS.items()})),
    I.ImportColumn("暂行/试行", "is_provisional", I.choice({"是": "是", "否": "否"})),
    I.ImportColumn("正文", "body_text", I.text(200_000)),
]
EXAMPLE = [
    "东湖区市场主体登记便利化若干规定",
    "东市监规〔2024〕3号",
    "东湖区市场监督管理局",
    "部门规范性文件",
    "2024-03-01",
    "2024-04-01",
    "2029-03-31",
    "现行有效",
    "否",
    "第一条 为……制定本规定。",
]


ZIP_MAX_FILES = 5000
ZIP_MAX_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 1024 * 1024 * 1024
UTF8_NAMES = 0x800  # zip flag: the member name is UTF-8; else it is CP437 — or, from Windows, GBK


def _member_name(info: zipfile.ZipInfo) -> str:
    """The file name as the uploader saw it (Windows' own zip stores Chinese names as GBK)."""
    name = info.filename
    if not info.flag_bits & UTF8_NAMES:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name.rsplit("/", 1)[-1]


def texts_from_zip(data: bytes) -> dict[str, str]:
    """文号 or 序号 (the file name without extension) → text, from a zip of .txt/.docx/.pdf files.

    Anything the import cannot use is refused with the file's name, never skipped in silence.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DomainError("正文压缩包不是有效的 .zip 文件", field="texts") from exc
    members = [i for i in archive.infolist() if not i.is_dir()]
    if len(members) > ZIP_MAX_FILES:
        raise DomainError(f"正文压缩包最多 {ZIP_MAX_FILES} 个文件", field="texts")
    if sum(i.file_size for i in members) > ZIP_MAX_TOTAL_BYTES:
        raise DomainError("正文压缩包解压后超过 1 GB，请分批导入", field="texts")
    texts: dict[str, str] = {}
    for info in members:
        name = _member_name(info)
        if name.startswith(".") or name.lower() in ("thumbs.db", "desktop.ini"):
            continue  # files the desktop adds on its own
        if info.file_size > ZIP_MAX_MEMBER_BYTES:
            raise DomainError(f"正文压缩包中的“{name}”超过 20 MB", field="texts")
        stem = name.rsplit(".", 1)[0].strip()
        if stem in texts:
            raise DomainError(f"正文压缩包中有两个名为“{stem}”的文件", field="texts")
        try:
            texts[stem] = extract_text(name, archive.read(info))
        except DomainError as exc:
            raise DomainError(f"正文压缩包：{exc.message}", field="texts") from exc
    return texts


def _units_for(actor: Any) -> dict[str, OrgUnit]:
    units = access.visible(OrgUnit.objects.all(), actor, P.IMPORT, "self")
    return {u.name: u for u in units} | {u.short_name: u for u in units if u.short_name}


def _check(rows: list[dict[str, Any]], actor: Any) -> list[I.ImportError_]:
    """Row/column errors the column parsers cannot see: unknown issuer, duplicates, validity."""
    errors: list[I.ImportError_] = []
    units = _units_for(actor)
    seen: dict[str, int] = {}
    numbers = [r["doc_number"] for r in rows if r.get("doc_number")]
    existing = set(
        NormativeDocument.objects.filter(doc_number__in=numbers).values_list(
            "doc_number", flat=True
        )
    )
    for row in rows:
        n, number = row["_row"], row.get("doc_number", "")
        if row.get("issuer") and row["issuer"] not in units:
            errors.append(
                I.ImportError_(n, "制定机关", f"“{row['issuer']}”不存在或不在您的导入权限范围内")
            )
        if number in seen:
            errors.append(I.ImportError_(n, "文号", f"与第 {seen[number]} 行文号重复"))
        elif number in existing:
            errors.append(I.ImportError_(n, "文号", f"文号“{number}”已存在于系统中"))
        seen.setdefault(number, n)
        if number and not NUMBER_RE.match(number):
            errors.append(I.ImportError_(n, "文号", "格式应为“××规〔2024〕3号”"))
        eff, exp = row.get("effective_on"), row.get("expires_on")
        if eff and exp:
            years = (
                conf.provisional_validity_max_years()
                if row.get("is_provisional") == "是"
                else conf.validity_max_years()
            )
            if exp <= eff:
                errors.append(I.ImportError_(n, "有效期至", "应晚于施行日期"))
            elif exp >= add_years(eff, years):
                errors.append(I.ImportError_(n, "有效期至", f"有效期不得超过 {years} 年"))
        if row.get("published_on") and eff and eff < row["published_on"]:
            errors.append(I.ImportError_(n, "施行日期", "不能早于公布日期"))
    return errors


def catalogue_import(
    *, actor: Any, source: IO[bytes] | list[list[Any]], texts: dict[str, str] | None = None
) -> I.ImportResult:
    """Import a catalogue; `texts` maps 文号 or 序号 → full text (`texts_from_zip`).

    A text whose name matches no row refuses the whole import (DomainError on `texts`).
    """
    texts = texts or {}
    units = _units_for(actor)

    def save(rows: list[dict[str, Any]]) -> int:
        docs = []
        for row in rows:
            match = NUMBER_RE.match(row["doc_number"])
            unit = units[row["issuer"]]
            text = texts.get(row["doc_number"]) or texts.get(str(row["_row"] - 1))
            docs.append(
                NormativeDocument(
                    title=row["title"],
                    org_unit=unit,
                    drafting_unit=unit,
                    kind=row["kind"],
                    is_provisional=row.get("is_provisional") == "是",
                    status=row.get("status") or S.IN_FORCE,
                    doc_number=row["doc_number"],
                    number_year=int(match["year"]) if match else None,
                    number_seq=None,
                    published_on=row["published_on"],
                    effective_on=row["effective_on"],
                    expires_on=row.get("expires_on"),
                    body_text=text or row.get("body_text") or "",
                    imported=True,
                    created_by=actor,
                    owner=actor,
                )
            )
        created = NormativeDocument.objects.bulk_create(docs, batch_size=500)
        DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    document=d,
                    number=1,
                    source=DocumentVersion.Source.IMPORT,
                    text=d.body_text,
                    created_by=actor,
                )
                for d in created
                if d.body_text
            ],
            batch_size=500,
        )
        DocumentEvent.objects.bulk_create(
            [
                DocumentEvent(
                    document=d,
                    actor=actor,
                    kind="import",
                    label="历史文件批量导入",
                    status_after=d.status,
                    public=True,
                )
                for d in created
            ],
            batch_size=500,
        )
        audit.record(
            actor=actor,
            verb="normdocs.import",
            target="规范性文件目录导入",
            changes={"rows": [None, len(created)]},
        )
        indexing.enqueue_many(d.pk for d in created)
        return len(created)

    def checked_save(rows: list[dict[str, Any]]) -> int:
        errors = _check(rows, actor)
        if errors:
            raise _Refused(errors)
        keys = {r["doc_number"] for r in rows} | {str(r["_row"] - 1) for r in rows}
        stray = sorted(set(texts) - keys)
        if stray:
            names = "、".join(f"“{n}”" for n in stray[:5]) + ("等" if len(stray) > 5 else "")
            raise DomainError(
                f"正文压缩包中的 {len(stray)} 个文件（{names}）的文件名既不是目录中的文号，"
                "也不是序号（目录表头下第一行为 1），所有数据均未写入",
                field="texts",
            )
        return save(rows)

    try:
        return I.run_import(source, columns=COLUMNS, save=checked_save)
    except _Refused as refused:
        return I.ImportResult(total_rows=0, saved=0, errors=refused.errors[:200])


class _Refused(Exception):
    """Semantic errors found at save time (several at once, unlike RowError)."""

    def __init__(self, errors: list[I.ImportError_]) -> None:
        super().__init__("refused")
        self.errors = errors
