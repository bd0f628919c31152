"""The rule engine of the legality pre-check (合法性预审).

Each rule looks at one sentence: it fires when one of its patterns matches and none of its
exclusions does. Exclusions encode the lawful look-alikes: a clause that quotes a higher law or
sends the reader to it, a clause that forbids the government from doing the thing, a reminder of an
obligation that exists by law, an internal-management clause. A finding is a hint for the
reviewer, never a verdict; the reviewer's 采纳/不采纳 decisions are stored to tune these rules.

Rules live in `rules_admin` (licences, penalties, compulsion, fees), `rules_rights` (rights and
obligations) and `rules_market` (fair competition). Citations only give article numbers that
`docs/domain.md` §1 gives (see `citations`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from fazhi.precheck.base import Hit, Rule
from fazhi.precheck.rules_admin import ADMIN_RULES
from fazhi.precheck.rules_market import MARKET_RULES
from fazhi.precheck.rules_rights import RIGHTS_RULES
from fazhi.precheck.sentences import Sentence, split_sentences

CATEGORIES = (
    "设定行政许可",
    "设定行政处罚",
    "设定行政强制",
    "设定收费",
    "减损权利增加义务",
    "市场准入限制",
    "地方保护",
    "指定交易",
    "选择性补贴",
    "其他公平竞争",
)

RULES: tuple[Rule, ...] = ADMIN_RULES + RIGHTS_RULES + MARKET_RULES
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}


def ruleset_version(rules: Iterable[Rule] = RULES) -> str:
    """A short fingerprint of the rules, stored with each run so results trace back to rules."""
    digest = hashlib.sha256()
    for rule in rules:
        digest.update(rule.code.encode())
        for p in rule.patterns + rule.exclusions:
            digest.update(p.pattern.encode())
    return digest.hexdigest()[:12]


def scan_sentence(sentence: Sentence, rules: Iterable[Rule] = RULES) -> list[Hit]:
    """Every rule that fires on one sentence."""
    hits = []
    for rule in rules:
        m = rule.match(sentence.text)
        if m is not None:
            hits.append(Hit(rule, sentence, sentence.start + m.start(), sentence.start + m.end()))
    return hits


def scan(text: str, rules: Iterable[Rule] = RULES) -> list[Hit]:
    """Findings over a whole text, in reading order."""
    rules = tuple(rules)
    return [hit for s in split_sentences(text) for hit in scan_sentence(s, rules)]
