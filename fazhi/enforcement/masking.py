"""Personal-data masking for publicity (执法公示): names 张*, ID numbers, phone numbers."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_IDCARD = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_name(name: str) -> str:
    """A natural person's name: keep the first character (张三 → 张*, 欧阳娜娜 → 欧***)."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_idcard(number: str) -> str:
    """Keep the address code and the last four characters: 110105********002X."""
    number = (number or "").strip()
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """138****1234; other formats keep only the last four digits."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 11:
        return digits[:3] + "****" + digits[-4:]
    return "*" * max(0, len(digits) - 4) + digits[-4:]


def mask_text(text: str, *, names: list[str] = ()) -> str:  # type: ignore[assignment]
    """Free text with the given names, any ID numbers and any mobile numbers masked."""
    result = text or ""
    for name in names:
        if name:
            result = result.replace(name, mask_name(name))
    result = _IDCARD.sub(lambda m: m.group(1) + "********" + m.group(2), result)
    return _PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), result)


def party_public(*, kind: str, name: str, id_number: str) -> tuple[str, str]:
    """(name, identifier) as the portal may show them: persons masked, organisations in full."""
    if kind == "person":
        return mask_name(name), mask_idcard(id_number)
    return name, id_number
