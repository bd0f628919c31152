"""Upload and void: content addressing, dedupe, limits, type sniffing, audit."""

from __future__ import annotations

import hashlib
import io

import pytest

from fazhi.core.audit import verify_chain
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.files import storage
from fazhi.files.models import Attachment, Blob
from fazhi.files.services import attachment_upload, attachment_void

from . import samples
from .helpers import upload


def _nothing_written(before: int, media) -> None:
    assert Attachment.objects.count() == 0
    assert Blob.objects.count() == 0
    assert AuditEntry.objects.count() == before
    tmp = media / "blobs" / "tmp"
    assert not tmp.exists() or list(tmp.iterdir()) == []
    stored = [p for p in (media / "blobs").rglob("*") if p.is_file()] if media.exists() else []
    assert stored == []


def test_same_bytes_are_stored_once_under_their_hash(scene, media):
    # given the same recording uploaded twice under different names
    data = samples.wav()
    first = upload(scene, "现场录音.wav", data)
    second = upload(scene, "现场录音（副本）.wav", data, stage="审核")
    # then both attachments point at one blob named by the SHA-256 of the bytes
    sha = hashlib.sha256(data).hexdigest()
    assert first.blob_id == second.blob_id == sha
    assert Blob.objects.count() == 1 and Attachment.objects.count() == 2
    path = media / "blobs" / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert [p for p in (media / "blobs").rglob("*") if p.is_file()] == [path]
    blob = Blob.objects.get()
    assert (blob.size, blob.content_type, blob.kind) == (len(data), "audio/wav", "audio")


def test_upload_is_audited_with_the_hash(scene):
    attachment = upload(scene, "询问笔录.txt", samples.GB_TEXT)
    entry = AuditEntry.objects.get(verb="files.attachment_upload")
    assert entry.target_id == str(attachment.pk)
    assert entry.unit_id == scene.case.org_unit_id
    assert entry.changes["sha256"] == [None, hashlib.sha256(samples.GB_TEXT).hexdigest()]
    assert entry.changes["owner"] == [None, f"enforcement.case:{scene.case.pk}"]
    assert verify_chain()[0] is None


def test_documents_over_the_document_limit_are_refused_but_media_may_be_larger(
    scene, settings, media
):
    settings.FAZHI_ATTACHMENT_MAX_DOCUMENT_BYTES = 1000
    settings.FAZHI_ATTACHMENT_MAX_BYTES = 20_000
    before = AuditEntry.objects.count()
    # when a 2 KB text file is uploaded
    with pytest.raises(DomainError, match="大小上限") as refused:
        upload(scene, "笔录.txt", "文".encode() * 700)
    # then it is refused with the limit named, and nothing is left behind
    assert "1000 B" in refused.value.message or "1 KB" in refused.value.message
    _nothing_written(before, media)
    # while a 16 KB recording passes, and one over the overall limit does not
    assert upload(scene, "录音.wav", samples.wav(1.0)).blob.size == len(samples.wav(1.0))
    with pytest.raises(DomainError, match="大小上限"):
        upload(scene, "录像.mp4", samples.mp4(payload=32_768))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", samples.EXE, "禁止上传可执行程序或脚本（.exe）"),
        ("证据.pdf.bat", b"@echo off", "可执行程序或脚本（.bat）"),
        ("install.msi", samples.msi(), "可执行程序或脚本（.msi）"),
        ("deploy.sh", samples.SCRIPT, "可执行程序或脚本（.sh）"),
        ("page.js", b"alert(1)", "可执行程序或脚本（.js）"),
        ("处罚决定书.pdf", samples.EXE, "文件内容是可执行程序"),
        ("照片.jpg", samples.ELF, "文件内容是可执行程序"),
        ("照片.png", samples.MACHO, "文件内容是可执行程序"),
        ("说明.txt", samples.SCRIPT, "文件内容是可执行程序或脚本"),
        ("旧文档.doc", samples.msi(), "文件内容是可执行程序"),
    ],
)
def test_executables_and_scripts_are_refused(scene, media, name, data, message):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match=message):
        upload(scene, name, data)
    _nothing_written(before, media)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("决定书.pdf", samples.zip_of({"a.txt": b"x"}), "实际内容为ZIP 压缩包"),
        ("照片.jpg", samples.png(), "实际内容为PNG 图片"),
        ("笔录.docx", samples.PDF, "实际内容为PDF 文档"),
        ("清单.xlsx", samples.docx(), "其他 ZIP 压缩包"),
        ("录像.mp4", samples.GB_TEXT, "不是有效的MP4 视频"),
        ("笔录.txt", samples.png(), "实际内容为PNG 图片"),
        ("录音.mp3", samples.wav(), "实际内容为WAV 音频"),
        ("表格.xls", samples.PDF, "扩展名表示Excel 97-2003 表格，实际内容为PDF 文档"),
        ("表格.xls", samples.GB_TEXT, "不是有效的Excel 97-2003 表格"),
        ("清单.csv", b"\x00\x01\x02binary\x00\x89", "文件内容与扩展名不符"),
        ("宏.docx", samples.macro_docx(), "包含宏代码"),
        ("压缩包.zip", samples.zip_of({"a.txt": b"x"}), "不支持的文件类型"),
        ("无扩展名", samples.PDF, "无扩展名的文件"),
    ],
)
def test_content_must_match_the_extension(scene, media, name, data, message):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match=message) as refused:
        upload(scene, name, data)
    assert refused.value.field == "file"
    _nothing_written(before, media)


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("处罚决定书.pdf", samples.PDF, "application/pdf"),
        ("现场检查笔录.docx", samples.docx(), "wordprocessingml"),
        ("证据清单.xlsx", samples.xlsx(), "spreadsheetml"),
        ("电子公文.ofd", samples.ofd(), "application/ofd"),
        ("旧版笔录.doc", samples.ole_doc(), "application/msword"),
        ("询问笔录.txt", samples.GB_TEXT, "text/plain"),
        ("扣押清单.csv", samples.CSV, "text/csv"),
        ("现场照片.png", samples.png(), "image/png"),
        ("现场照片.JPG", samples.jpg(), "image/jpeg"),
        ("询问录音.wav", samples.wav(), "audio/wav"),
        ("电话录音.amr", samples.AMR, "audio/amr"),
        ("执法记录仪.mp4", samples.mp4(), "video/mp4"),
    ],
)
def test_accepted_formats_are_stored_with_their_type(scene, name, data, mime):
    attachment = upload(scene, name, data)
    assert mime in attachment.blob.content_type
    assert storage.blob_path(attachment.blob_id).read_bytes() == data


def test_names_lose_directories_and_control_characters(scene):
    attachment = upload(scene, "../../etc/现场\x07照片.png", samples.png())
    assert attachment.name == "现场照片.png"


def test_bad_stage_description_and_owner_are_refused_before_storing(scene, media, world):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="环节“审批”不正确") as refused:
        upload(scene, "a.pdf", samples.PDF, stage="审批")
    assert refused.value.field == "stage"
    with pytest.raises(DomainError, match="控制字符"):
        upload(scene, "a.pdf", samples.PDF, description="说明\x00")
    with pytest.raises(DomainError, match="文件为空"):
        upload(scene, "a.pdf", b"")
    with pytest.raises(DomainError, match="已保存的业务记录"):
        attachment_upload(
            actor=scene.handler,
            file=io.BytesIO(samples.PDF),
            name="a.pdf",
            org_unit=world.market_a,
            owner=None,
        )
    _nothing_written(before, media)


def test_void_keeps_the_file_and_is_audited(scene):
    attachment = upload(scene, "误传照片.png", samples.png())
    # when the handler voids it with a reason
    attachment_void(actor=scene.handler, attachment=attachment, reason="上传错误，应为另一案件")
    # then the record and the bytes stay, marked void, and the audit trail says who and why
    attachment.refresh_from_db()
    assert attachment.voided and attachment.void_reason == "上传错误，应为另一案件"
    assert attachment.voided_by == scene.handler and attachment.voided_at is not None
    assert storage.blob_path(attachment.blob_id).exists()
    entry = AuditEntry.objects.get(verb="files.attachment_void")
    assert entry.changes == {
        "voided": [False, True],
        "void_reason": ["", "上传错误，应为另一案件"],
    }
    assert entry.actor == scene.handler and entry.target_id == str(attachment.pk)


def test_void_needs_a_reason_and_happens_once(scene):
    attachment = upload(scene, "照片.png", samples.png())
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="请填写作废理由"):
        attachment_void(actor=scene.handler, attachment=attachment, reason="  ")
    attachment.refresh_from_db()
    assert not attachment.voided and AuditEntry.objects.count() == before
    attachment_void(actor=scene.handler, attachment=attachment, reason="重复上传")
    with pytest.raises(DomainError, match="已经作废"):
        attachment_void(actor=scene.handler, attachment=attachment, reason="再次作废")
    assert AuditEntry.objects.count() == before + 1
