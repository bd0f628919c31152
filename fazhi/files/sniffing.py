"""What a file really is: an allow-list by extension, checked against the bytes.

The extension says what the uploader claims; the content must agree. Executables and scripts are
refused whatever they are called (by extension, and by magic numbers: PE, ELF, Mach-O, ``#!``
scripts, Windows Installer packages), and so are Office documents carrying macros. Documents,
images, audio and video of the listed formats are accepted; nothing else is.
"""

from __future__ import annotations

import codecs
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype

from fazhi.core.errors import DomainError

HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Format:
    """An accepted format: its category, the MIME type we serve it with, and a Chinese label."""

    category: str  # document | image | audio | video
    mime: str
    label: str


ISO_MEDIA = {"mp4", "m4v", "m4a", "mov", "3gp"}
MATROSKA = {"mkv", "webm"}

FORMATS: dict[str, Format] = {
    "pdf": Format("document", "application/pdf", "PDF 文档"),
    "docx": Format(
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word 文档",
    ),
    "xlsx": Format(
        "document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel 表格",
    ),
    "doc": Format("document", "application/msword", "Word 97-2003 文档"),
    "xls": Format("document", "application/vnd.ms-excel", "Excel 97-2003 表格"),
    "ofd": Format("document", "application/ofd", "OFD 版式文档"),
    "txt": Format("document", "text/plain", "文本文件"),
    "csv": Format("document", "text/csv", "CSV 表格"),
    "jpg": Format("image", "image/jpeg", "JPEG 图片"),
    "jpeg": Format("image", "image/jpeg", "JPEG 图片"),
    "png": Format("image", "image/png", "PNG 图片"),
    "gif": Format("image", "image/gif", "GIF 图片"),
    "webp": Format("image", "image/webp", "WebP 图片"),
    "tif": Format("image", "image/tiff", "TIFF 图片"),
    "tiff": Format("image", "image/tiff", "TIFF 图片"),
    "mp3": Format("audio", "audio/mpeg", "MP3 音频"),
    "wav": Format("audio", "audio/wav", "WAV 音频"),
    "m4a": Format("audio", "audio/mp4", "M4A 音频"),
    "amr": Format("audio", "audio/amr", "AMR 音频"),
    "aac": Format("audio", "audio/aac", "AAC 音频"),
    "mp4": Format("video", "video/mp4", "MP4 视频"),
    "mov": Format("video", "video/quicktime", "MOV 视频"),
    "avi": Format("video", "video/x-msvideo", "AVI 视频"),
    "mkv": Format("video", "video/x-matroska", "MKV 视频"),
    "webm": Format("video", "video/webm", "WebM 视频"),
}

# What `filetype` may report for each extension we check with it.
DETECTED_AS: dict[str, set[str]] = {
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png", "apng"},
    "gif": {"gif"},
    "webp": {"webp"},
    "tif": {"tif"},
    "tiff": {"tif"},
    "mp3": {"mp3"},
    "wav": {"wav"},
    "m4a": ISO_MEDIA,
    "amr": {"amr"},
    "aac": {"aac"},
    "mp4": ISO_MEDIA,
    "mov": ISO_MEDIA,
    "avi": {"avi"},
    "mkv": MATROSKA,
    "webm": MATROSKA,
}

# fmt: off
EXECUTABLE_EXTENSIONS = frozenset({
    "exe", "com", "scr", "pif", "cpl", "msi", "msp", "mst", "dll", "sys", "drv", "ocx", "bat",
    "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta", "lnk", "reg",
    "inf", "sh", "bash", "zsh", "csh", "ksh", "run", "bin", "elf", "so", "dylib", "app", "dmg",
    "pkg", "deb", "rpm", "apk", "ipa", "jar", "class", "py", "pyc", "pl", "php", "rb", "lua",
})
# fmt: on

# Windows Installer packages are OLE compound files like .doc/.xls; their root CLSID gives them away.
MSI_CLSIDS = {
    bytes.fromhex("84100c0000000000c000000000000046"),  # {000C1084-…} installer package
    bytes.fromhex("86100c0000000000c000000000000046"),  # {000C1086-…} patch
    bytes.fromhex("82100c0000000000c000000000000046"),  # {000C1082-…} transform
}
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
MACHO_MAGICS = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")

DETECTED_LABELS = {
    "zip": "ZIP 压缩包",
    "rar": "RAR 压缩包",
    "7z": "7z 压缩包",
    "gz": "gzip 压缩包",
    "exe": "Windows 可执行程序",
    "elf": "Linux 可执行程序",
    "pdf": "PDF 文档",
    "html": "网页",
}

# Signatures of two or three printable bytes that ordinary text may start with ("BM…", "ID3…").
WEAK_SIGNATURES = ("bmp", "mp3", "ps")

ALLOWED_TEXT = "、".join(sorted({k for k in FORMATS if k not in ("jpeg", "tiff")}))


def extension_of(name: str) -> str:
    """The lower-case extension of a file name ("" when there is none)."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].strip().lower() if "." in base else ""


def check_extension(name: str) -> Format:
    """The accepted format for the file name's extension, or a DomainError saying why not."""
    ext = extension_of(name)
    if ext in EXECUTABLE_EXTENSIONS:
        raise DomainError(f"禁止上传可执行程序或脚本（.{ext}）", field="file")
    if ext not in FORMATS:
        shown = f"“.{ext}”" if ext else "无扩展名的文件"
        raise DomainError(f"不支持的文件类型：{shown}。允许的类型：{ALLOWED_TEXT}", field="file")
    return FORMATS[ext]


def sniff(path: Path, name: str) -> Format:
    """Check the stored bytes at `path` against the extension of `name`; return the format."""
    fmt = check_extension(name)
    ext = extension_of(name)
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    _refuse_executable(head, path)
    if ext in DETECTED_AS:
        _expect_detected(head, ext, fmt)
    elif ext == "pdf":
        if b"%PDF-" not in head[:1024]:
            _mismatch(head, fmt)
    elif ext in ("docx", "xlsx", "ofd"):
        _expect_zip_package(path, ext, fmt)
    elif ext in ("doc", "xls"):
        if not head.startswith(OLE_MAGIC):
            _mismatch(head, fmt)
    else:  # txt, csv
        _expect_text(head, fmt)
    return fmt


def _refuse_executable(head: bytes, path: Path) -> None:
    script = head.startswith(b"#!") and not head.startswith(b"#!AMR")
    if (
        head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", *MACHO_MAGICS))
        or script
        or (head.startswith(OLE_MAGIC) and _ole_root_clsid(path) in MSI_CLSIDS)
    ):
        raise DomainError("文件内容是可执行程序或脚本，禁止上传", field="file")


def _ole_root_clsid(path: Path) -> bytes:
    """CLSID of the root entry of an OLE compound file (b"" when unreadable)."""
    with path.open("rb") as handle:
        header = handle.read(512)
        if len(header) < 512:
            return b""
        sector_shift = struct.unpack_from("<H", header, 30)[0]
        first_dir = struct.unpack_from("<I", header, 48)[0]
        if not 7 <= sector_shift <= 16 or first_dir >= 0xFFFFFFFA:
            return b""
        handle.seek((first_dir + 1) << sector_shift)
        entry = handle.read(128)
    return entry[80:96] if len(entry) == 128 else b""


def _detected(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.extension if kind is not None else None


def _mismatch(head: bytes, fmt: Format) -> None:
    found = _detected(head)
    if found:
        actual = DETECTED_LABELS.get(found) or (
            FORMATS[found].label if found in FORMATS else f".{found} 文件"
        )
        raise DomainError(
            f"文件内容与扩展名不符：扩展名表示{fmt.label}，实际内容为{actual}", field="file"
        )
    raise DomainError(f"文件内容与扩展名不符：不是有效的{fmt.label}", field="file")


def _expect_detected(head: bytes, ext: str, fmt: Format) -> None:
    if _detected(head) not in DETECTED_AS[ext]:
        _mismatch(head, fmt)


def _expect_zip_package(path: Path, ext: str, fmt: Format) -> None:
    """OOXML and OFD are ZIP packages with a known inside; macros are refused."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        with path.open("rb") as handle:
            _mismatch(handle.read(HEADER_BYTES), fmt)
        return
    marker = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "ofd": "OFD.xml"}[ext]
    if marker not in names:
        raise DomainError(
            f"文件内容与扩展名不符：扩展名表示{fmt.label}，实际内容为其他 ZIP 压缩包", field="file"
        )
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise DomainError("文档包含宏代码，禁止上传；请另存为不含宏的文档", field="file")


def _expect_text(head: bytes, fmt: Format) -> None:
    bom16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if (b"\x00" in head and not bom16) or _detected(head) not in (None, *WEAK_SIGNATURES):
        _mismatch(head, fmt)
    complete = len(head) < HEADER_BYTES  # else the sample may end inside a multi-byte character
    for encoding in ("utf-16", "utf-8-sig", "gb18030"):
        if (encoding == "utf-16") != bom16:
            continue
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
        except UnicodeDecodeError:
            continue
        return
    raise DomainError(
        f"文件内容与扩展名不符：不是有效的{fmt.label}（无法识别文字编码）", field="file"
    )
