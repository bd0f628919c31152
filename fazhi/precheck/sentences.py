"""Split Chinese text into sentences, keeping each sentence's offsets in the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at 。；！？ (full or half width) or a line break; closing quotes and brackets
# that follow the terminator belong to the sentence they close.
_END = re.compile(r"[。；！？;!?]+[”’」』）)]*|\n+")
_BLANK = " \t\r\u3000"


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and its [start, end) offsets in the scanned text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; blank pieces are dropped, offsets index into `text`."""
    found: list[Sentence] = []
    pos = 0
    for match in _END.finditer(text):
        _append(found, text, pos, match.end() if match.group()[0] != "\n" else match.start())
        pos = match.end()
    _append(found, text, pos, len(text))
    return found


def _append(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    if end > start:
        found.append(Sentence(text[start:end], start, end))
