"""Text handling for Chinese search: normalisation, bigram splitting, query terms and snippets.

Exact substring recall rests on one invariant: documents and queries are normalised by the same
per-character function (NFKC, lower case, whitespace and punctuation dropped). Dropping characters
one by one keeps every substring of the original a contiguous substring of the normalised text, so a
query's bigrams appear at consecutive positions in any document that contains the query.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 8
MAX_TERM_CHARS = 64

_DROP_CATEGORIES = ("Z", "P", "C", "S")  # separators, punctuation, control/format, symbols


def _keep(ch: str) -> bool:
    return not unicodedata.category(ch).startswith(_DROP_CATEGORIES)


def normalise_char(ch: str) -> str:
    """The normalised form of one character ('' when the character is dropped)."""
    out = unicodedata.normalize("NFKC", ch).lower()
    return "".join(c for c in out if _keep(c))


class _CharTable(dict):  # type: ignore[type-arg]
    """`str.translate` table filled on first sight of each character (the C loop does the rest)."""

    def __missing__(self, code: int) -> str:
        out = normalise_char(chr(code))
        self[code] = out
        return out


_TABLE = _CharTable()


def normalise(text: str) -> str:
    """Per-character normalisation of `text` (see module docstring)."""
    return text.translate(_TABLE)


def ngrams(norm: str, n: int) -> str:
    """Space-joined overlapping n-grams of normalised text; token i is ``norm[i:i+n]`` at position i.

    Positions are real (one token per start offset), so n-grams at relative offsets form an exact
    phrase. Text shorter than n has no n-grams.
    """
    return " ".join(norm[i : i + n] for i in range(len(norm) - n + 1))


def unigrams(norm: str) -> str:
    """Space-joined distinct characters (for one-character queries; positions are not needed)."""
    return " ".join(dict.fromkeys(norm))


GRAM = 4  # the longest gram indexed (with positions); longer terms are phrases of these


@dataclass(frozen=True)
class Term:
    """One query term: the user's words and their normalised form."""

    raw: str
    norm: str

    @property
    def cover(self) -> list[tuple[int, str]]:
        """(position, 4-gram) pairs covering every character of a term longer than four characters.

        A 4-gram at offset p covers characters p..p+3; grams at 0, 4, 8, … and a last one ending on
        the final character cover the term, so when all sit at their relative positions the whole
        term is present (exact) while reading about a quarter of the posting lists of the full chain.
        Terms of one to four characters are single terms of the 1-, 2-, 3- or 4-gram field instead.
        """
        n = len(self.norm)
        positions = list(range(0, n - GRAM + 1, GRAM))
        if positions and positions[-1] != n - GRAM:
            positions.append(n - GRAM)
        return [(p, self.norm[p : p + GRAM]) for p in positions]


def parse_query(query: str) -> list[Term]:
    """Split a user query into AND-ed terms (whitespace separates; quotes keep spaces inside a term).

    Terms that normalise to nothing (pure punctuation) are dropped; at most MAX_TERMS terms of at most
    MAX_TERM_CHARS characters are kept.
    """
    parts = re.findall(r'"([^"]*)"|“([^”]*)”|(\S+)', query or "")
    terms: list[Term] = []
    seen: set[str] = set()
    for groups in parts:
        raw = next(g for g in groups if g is not None and g != "") if any(groups) else ""
        norm = normalise(raw)[:MAX_TERM_CHARS]
        if norm and norm not in seen:
            seen.add(norm)
            terms.append(Term(raw=raw, norm=norm))
    return terms[:MAX_TERMS]


def _index_map(text: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each normalised character, the index of its source character."""
    chars: list[str] = []
    where: list[int] = []
    table = _TABLE
    for i, ch in enumerate(text):
        out = table[ord(ch)]
        if out:
            chars.append(out)
            where.extend([i] * len(out))
    return "".join(chars), where


def _find_spans(text: str, terms: list[Term], cap: int) -> list[tuple[int, int]]:
    """Source-text spans of every term occurrence (at most `cap`)."""
    spans: list[tuple[int, int]] = []
    pending: list[Term] = []
    lowered = text.lower()
    for term in terms:
        # fast path: the term appears verbatim (after lower-casing) in the text — C-speed find
        needle = term.raw.lower() if normalise(term.raw) == term.norm else ""
        start = lowered.find(needle) if needle else -1
        if start == -1:
            pending.append(term)
            continue
        while start != -1 and len(spans) < cap:
            spans.append((start, start + len(needle)))
            start = lowered.find(needle, start + 1)
    if pending:  # slow path: matches across dropped punctuation or width variants
        norm, where = _index_map(text)
        for term in pending:
            start = norm.find(term.norm)
            while start != -1 and len(spans) < cap:
                spans.append((where[start], where[start + len(term.norm) - 1] + 1))
                start = norm.find(term.norm, start + 1)
    spans.sort()
    return spans


def snippet(text: str, terms: list[Term], width: int = 120) -> str:
    """An HTML-escaped excerpt of `text` around the densest match, matches wrapped in <mark>."""
    if not text:
        return ""
    spans = _find_spans(text, terms, cap=64)
    if not spans:
        return html.escape(text[:width]) + ("…" if len(text) > width else "")
    # the window start that covers the most matches (two pointers over sorted spans)
    best, best_count, j = spans[0][0], 0, 0
    for i, (s, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width:
            j += 1
        if j - i + 1 > best_count:
            best, best_count = s, j - i + 1
    lo = max(0, best - width // 4)
    hi = min(len(text), lo + width)
    merged: list[list[int]] = []
    for a, b in spans:
        a, b = max(a, lo), min(b, hi)
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = ["…" if lo > 0 else ""]
    pos = lo
    for a, b in merged:
        out.append(html.escape(text[pos:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:hi]))
    out.append("…" if hi < len(text) else "")
    return "".join(out)
