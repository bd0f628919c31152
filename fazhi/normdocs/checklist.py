"""The 严禁 checklist of the legality review (domain.md §1), each item with a blocking flag."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistItem:
    """One item: a code, the question, its legal basis, and whether a violation blocks passing."""

    code: str
    label: str
    basis: str
    blocking: bool = True


ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem("licence", "设定行政许可事项", "《中华人民共和国行政许可法》第十七条"),
    ChecklistItem("penalty", "设定行政处罚", "《中华人民共和国行政处罚法》第十六条"),
    ChecklistItem("compulsion", "设定行政强制措施", "《中华人民共和国行政强制法》第十条、第十三条"),
    ChecklistItem(
        "powers",
        "增加法定职权、减少法定职责，增设许可条件，要求循环、重复、无谓证明",
        "国办发〔2018〕37号",
    ),
    ChecklistItem(
        "rights", "违法减损公民、法人和其他组织合法权益或者增加其义务", "国办发〔2018〕37号"
    ),
    ChecklistItem("fees", "设定行政事业性收费、征收", "国办发〔2018〕37号"),
    ChecklistItem(
        "retroactive", "溯及既往（有利于当事人的除外）或违背信赖保护", "国办发〔2018〕37号"
    ),
    ChecklistItem(
        "competition",
        "限制市场准入退出、商品要素流动，选择性补贴或税收优惠，干预价格",
        "《公平竞争审查条例》第八条至第十一条",
    ),
    ChecklistItem(
        "procedure",
        "制定程序存在瑕疵（评估论证、征求意见等材料不全）",
        "国办发〔2018〕37号",
        blocking=False,
    ),
    ChecklistItem(
        "drafting", "文字表述、体例格式需要完善", "规范性文件制定技术规范", blocking=False
    ),
)
BY_CODE = {item.code: item for item in ITEMS}


def build(violations: set[str], notes: dict[str, str] | None = None) -> list[dict[str, object]]:
    """The stored form of a filled-in checklist: every item, with violated and note."""
    notes = notes or {}
    return [
        {
            "code": item.code,
            "label": item.label,
            "basis": item.basis,
            "blocking": item.blocking,
            "violated": item.code in violations,
            "note": notes.get(item.code, ""),
        }
        for item in ITEMS
    ]


def blocking_violations(stored: list[dict[str, object]]) -> list[str]:
    """Labels of the blocking items marked as violated."""
    return [str(row["label"]) for row in stored if row.get("violated") and row.get("blocking")]
