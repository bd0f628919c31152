"""Small, real files of every accepted family (and some hostile ones) built in memory for tests."""

from __future__ import annotations

import io
import struct
import wave
import zipfile

from docx import Document
from openpyxl import Workbook
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 100
SCRIPT = b"#!/bin/sh\necho pwned\n"
AMR = b"#!AMR\n" + b"\x3c" * 64
GB_TEXT = "询问笔录：当事人张三于2024年9月3日到场接受询问。".encode("gb18030")
CSV = "序号,物品,数量\n1,扣押物品,3\n".encode()


def png(color: str = "red") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buf, "PNG")
    return buf.getvalue()


def jpg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, "JPEG")
    return buf.getvalue()


def docx(text: str = "现场检查笔录") -> bytes:
    buf = io.BytesIO()
    doc = Document()
    doc.add_paragraph(text)
    doc.save(buf)
    return buf.getvalue()


def xlsx() -> bytes:
    buf = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "证据清单"
    book.save(buf)
    return buf.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def ofd() -> bytes:
    return zip_of({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})


def macro_docx() -> bytes:
    original = zipfile.ZipFile(io.BytesIO(docx()))
    members = {name: original.read(name) for name in original.namelist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    return zip_of(members)


def wav(seconds: float = 0.25) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return buf.getvalue()


def mp4(payload: int = 4096) -> bytes:
    """An ISO base media file: ftyp box, then an mdat box of `payload` bytes."""
    ftyp = struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00" + b"isommp41"
    mdat = struct.pack(">I", payload + 8) + b"mdat" + bytes(range(256)) * (payload // 256)
    return ftyp + mdat


def msi() -> bytes:
    """An OLE compound file whose root entry carries the Windows Installer CLSID."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<H", header, 30, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 48, 0)  # directory starts at sector 0
    root = bytearray(128)
    root[0:10] = "Root".encode("utf-16-le") + b"\x00\x00"
    root[80:96] = bytes.fromhex("84100c0000000000c000000000000046")
    return bytes(header) + bytes(root) + bytes(384)


def ole_doc() -> bytes:
    """An OLE compound file like a Word 97 document (Word's CLSID on the root)."""
    data = bytearray(msi())
    data[512 + 80 : 512 + 96] = bytes.fromhex("0609020000000000c000000000000046")
    return bytes(data)
