"""Demo step: evidence files on 东湖区市场监管局's showcase cases, stage by stage (全过程记录).

Every file is a real, openable document, picture or recording made here (python-docx, Pillow,
the standard library's `wave`), uploaded through `attachment_upload`, so the hashes, the audit
trail and the players on the case page are all live. The same interview recording is attached to
several cases on purpose: the store keeps its bytes once.
"""

from __future__ import annotations

import io
import math
import struct
import wave

from django.apps import apps

from fazhi.core.demo import DemoContext, demo_step

from .services import attachment_upload

UNIT = "donghu.market"
CASES = 8


def _docx(title: str, lines: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for line in lines:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _photo(seed: int) -> bytes:
    """A 640×480 'scene': shelves of goods in colours that differ per case."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 480), (230 - seed % 40, 226, 215))
    draw = ImageDraw.Draw(img)
    for row in range(4):
        y = 60 + row * 100
        draw.rectangle((40, y + 70, 600, y + 80), fill=(120, 90, 60))
        for col in range(9):
            shade = (seed * 37 + row * 53 + col * 29) % 200
            draw.rectangle((50 + col * 60, y + 10, 90 + col * 60, y + 70), fill=(shade, 80, 160))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _recording(seconds: int = 3) -> bytes:
    """A short 8 kHz mono recording (a soft two-tone signal standing in for speech)."""
    rate = 8000
    frames = b"".join(
        struct.pack(
            "<h",
            int(4000 * math.sin(2 * math.pi * (440 if (i // rate) % 2 == 0 else 550) * i / rate)),
        )
        for i in range(rate * seconds)
    )
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buf.getvalue()


def _evidence(case, recording: bytes) -> dict[str, list[tuple[str, bytes, str]]]:  # type: ignore[no-untyped-def]
    party, title = case.party_name, case.title
    return {
        "立案": [
            ("立案审批表.docx", _docx("立案审批表", [f"案由：{title}", f"当事人：{party}"]), ""),
        ],
        "调查取证": [
            (
                "现场检查笔录.docx",
                _docx("现场检查笔录", [f"检查对象：{party}"]),
                "执法人员二人在场",
            ),
            ("现场照片.jpg", _photo(case.pk * 3), "货架及涉案商品"),
            ("询问录音.wav", recording, "询问当事人（同步录音）"),
        ],
        "审核": [("法制审核意见书.docx", _docx("法制审核意见书", ["事实清楚，证据确凿"]), "")],
        "决定": [("行政处罚决定书.docx", _docx("行政处罚决定书", [title]), "")],
        "送达": [("送达回证.jpg", _photo(case.pk * 3 + 1), "当事人签收")],
        "执行": [("罚没款缴纳凭证.jpg", _photo(case.pk * 3 + 2), "")],
        "结案": [("结案报告.docx", _docx("结案审批表", [f"{title}，已履行完毕"]), "")],
    }


@demo_step("files.case_evidence", order=300)
def case_evidence(ctx: DemoContext) -> None:
    """Attach each showcase case's evidence for every stage it has reached."""
    if not apps.is_installed("fazhi.enforcement"):
        return
    from fazhi.enforcement.attachments import EVIDENCE_STAGES, evidence_stage_for
    from fazhi.enforcement.models import Case

    unit = ctx.unit(UNIT)
    actor = ctx.users.get(f"{UNIT}.clerk")
    recording = _recording()
    cases = Case.objects.filter(org_unit=unit).exclude(status=Case.Status.CLUE).order_by("-pk")
    for case in cases[:CASES]:
        reached = EVIDENCE_STAGES.index(evidence_stage_for(case))
        for stage, files in _evidence(case, recording).items():
            if EVIDENCE_STAGES.index(stage) > reached:
                break
            for name, data, note in files:
                attachment_upload(
                    actor=actor,
                    file=io.BytesIO(data),
                    name=name,
                    org_unit=case.org_unit,
                    owner=case,
                    stage=stage,
                    description=note,
                )
                ctx.count("证据材料")
