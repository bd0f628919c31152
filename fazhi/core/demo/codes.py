"""Valid, fictional 统一社会信用代码 for demo units (GB 32100 and the GB 11714 inner check)."""

from __future__ import annotations

from fazhi.core.identifiers import uscc_check_char

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORGAN = "1"  # entity type 1: 机关 (government organs, courts, procuratorates)
INSTITUTION = "2"  # entity type 2: 事业单位


def org_code_check_char(body: str) -> str:
    """The 9th character of a GB 11714 organisation code for an 8-character body."""
    total = sum(
        int(c, 36) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)
    )  # 0-9 → 0-9, A-Z → 10-35
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def demo_uscc(*, division: str, serial: int, seed: int, entity_type: str = ORGAN) -> str:
    """A valid USCC for the `serial`-th demo unit; unique per (seed, serial) within one load.

    Organisation codes of long-standing organs start with 0; the next seven digits are the
    seed and the serial, so no two units of one load share a code.
    """
    body = f"0{seed % 100:02d}{serial:05d}"
    org_code = body + org_code_check_char(body)
    head = "1" + entity_type + division + org_code  # authority 1: 机构编制
    return head + uscc_check_char(head)
