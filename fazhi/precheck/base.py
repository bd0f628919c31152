"""Rule and Hit: the building blocks of the pre-check rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.precheck.sentences import Sentence


@dataclass(frozen=True)
class Rule:
    """One pre-check rule: what it flags, under which legal citation, and its lawful look-alikes."""

    code: str
    title: str
    category: str
    citation: str
    patterns: tuple[re.Pattern[str], ...]
    exclusions: tuple[re.Pattern[str], ...] = ()

    def match(self, sentence: str) -> re.Match[str] | None:
        """The earliest pattern match in the sentence, unless an exclusion applies."""
        found = [m for m in (p.search(sentence) for p in self.patterns) if m]
        if not found or any(x.search(sentence) for x in self.exclusions):
            return None
        return min(found, key=lambda m: m.start())


@dataclass(frozen=True)
class Hit:
    """A rule firing on a sentence; offsets index into the scanned text."""

    rule: Rule
    sentence: Sentence
    match_start: int
    match_end: int

    @property
    def excerpt(self) -> str:
        """The words that triggered the rule."""
        return self.sentence.text[
            self.match_start - self.sentence.start : self.match_end - self.sentence.start
        ]


def _c(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(s) for s in sources)


def compile_all(*sources: str) -> tuple[re.Pattern[str], ...]:
    """Compile regex sources once, at import."""
    return tuple(re.compile(s) for s in sources)
