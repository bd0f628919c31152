"""Test data for normdocs: documents in a given state, created directly (not through services)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from fazhi.core.models import OrgUnit
from fazhi.normdocs.models import NormativeDocument

_seq = itertools.count(1)

SAMPLE_TEXT = """江城市东湖区市场主体登记便利化若干规定

第一章 总则
第一条 为优化营商环境，便利市场主体登记，根据有关法律法规，结合本区实际，制定本规定。
第二条 本规定适用于本区行政区域内市场主体的设立、变更和注销登记。
第二章 登记服务
第三条 登记机关应当推行全程电子化登记，申请人可以通过网上平台提交申请材料。
第四条 登记机关对申请材料齐全、符合法定形式的，应当当场予以登记。
第十二条 本规定自发布之日起施行，有效期五年。
"""


def make_document(
    unit: OrgUnit,
    *,
    status: str = NormativeDocument.Status.DRAFT,
    title: str | None = None,
    **extra: Any,
) -> NormativeDocument:
    """A document issued by `unit` in `status` (published ones get a number and dates)."""
    n = next(_seq)
    values: dict[str, Any] = {
        "title": title or f"关于规范市场主体登记工作的若干规定（{n}）",
        "org_unit": unit,
        "drafting_unit": unit,
        "status": status,
        "body_text": SAMPLE_TEXT,
        "effective_on": dt.date(2026, 1, 1),
        "expires_on": dt.date(2030, 12, 31),
    }
    from fazhi.normdocs.selectors import PUBLISHED_STATUSES

    if status in PUBLISHED_STATUSES:
        values |= {
            "doc_number": f"{unit.prefix}规〔2026〕{n}号",
            "number_year": 2026,
            "number_seq": n,
            "published_on": dt.date(2025, 12, 20),
        }
    values |= extra
    return NormativeDocument.objects.create(**values)
