"""Article-level differences between two texts: added, removed and changed articles (第X条)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .articles import Article, split_articles

PAIR_THRESHOLD = 0.5  # two articles this similar are "the same article, changed"


@dataclass
class ArticleChange:
    """One row of the diff; `segments` are (tag, text) with tag in equal/insert/delete."""

    kind: str  # added | removed | changed | same
    old: Article | None
    new: Article | None
    segments: list[tuple[str, str]] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        """Same text under a new number (an article was inserted or removed before it)."""
        return (
            self.kind == "same"
            and self.old is not None
            and self.new is not None
            and (self.old.label != self.new.label)
        )

    @property
    def kind_label(self) -> str:
        if self.renumbered:
            return "条序调整"
        return {"added": "新增", "removed": "删除", "changed": "修改", "same": "未变"}[self.kind]


def inline_segments(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level segments turning `old` into `new` (Chinese has no word spaces)."""
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            segments.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            segments.append(("insert", new[j1:j2]))
    return segments


def diff_articles(old_text: str, new_text: str) -> list[ArticleChange]:
    """Align articles by content (numbers shift when one is inserted), then diff each pair."""
    old, new = split_articles(old_text), split_articles(new_text)
    matcher = difflib.SequenceMatcher(
        a=[a.text for a in old], b=[a.text for a in new], autojunk=False
    )
    changes: list[ArticleChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [
                ArticleChange("same", o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=False)
            ]
        else:
            changes += _pair_block(old[i1:i2], new[j1:j2])
    return changes


def _pair_block(old: list[Article], new: list[Article]) -> list[ArticleChange]:
    """Inside a replaced block, pair articles in order when similar enough; the rest are +/-."""
    result: list[ArticleChange] = []
    j = 0
    for o in old:
        best, best_ratio = None, PAIR_THRESHOLD
        for k in range(j, len(new)):
            ratio = difflib.SequenceMatcher(a=o.text, b=new[k].text, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            result.append(ArticleChange("removed", o, None))
            continue
        result += [ArticleChange("added", None, n) for n in new[j:best]]
        n = new[best]
        result.append(ArticleChange("changed", o, n, inline_segments(o.text, n.text)))
        j = best + 1
    result += [ArticleChange("added", None, n) for n in new[j:]]
    return result


def diff_summary(changes: list[ArticleChange]) -> dict[str, int]:
    """Counts per kind, for the header of the diff page."""
    summary = {"added": 0, "removed": 0, "changed": 0, "same": 0}
    for change in changes:
        summary[change.kind] += 1
    return summary
