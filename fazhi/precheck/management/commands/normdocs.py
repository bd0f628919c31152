"""`fazhi normdocs check FILE [--json]`: pre-check a draft (.txt or .docx) from the command line.

Prints each finding (sentence, rule, citation). Exit status 0 whatever is found; 2 with a Chinese
reason when the file cannot be read. Nothing is written to the database.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.errors import DomainError
from fazhi.normdocs.textextract import extract_text
from fazhi.precheck.rules import ruleset_version, scan_sentence
from fazhi.precheck.sentences import split_sentences

SUFFIXES = (".txt", ".docx")


class Command(BaseCommand):
    help = "规范性文件工具：check FILE 对 .txt/.docx 草案进行合法性预审"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="逐句预审草案，输出提示、规则和依据")
        check.add_argument("file", help="草案文件（.txt 或 .docx）")
        check.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = read_draft(path)
        except DomainError as exc:
            self.stderr.write(f"无法读取：{exc.message}")
            sys.exit(2)
        sentences = split_sentences(text)
        found = [(n, hit) for n, s in enumerate(sentences, 1) for hit in scan_sentence(s)]
        if options["json"]:
            self.stdout.write(json.dumps(as_json(path, sentences, found), ensure_ascii=False))
            return
        for n, hit in found:
            rule = hit.rule
            self.stdout.write(f"第{n}句 [{rule.code}] {rule.title}（{rule.category}）")
            self.stdout.write(f"    依据：{rule.citation}")
            self.stdout.write(f"    原文：{hit.sentence.text}")
            self.stdout.write(f"    命中：{hit.excerpt}")
        self.stdout.write(
            f"共 {len(sentences)} 句，提示 {len(found)} 条（规则版本 {ruleset_version()}）。"
            "预审仅为提示，不代替法制审核。"
        )


def read_draft(path: Path) -> str:
    """The text of a .txt or .docx draft, or a DomainError saying why not."""
    if path.suffix.lower() not in SUFFIXES:
        raise DomainError(f"“{path.name}”不是 .txt 或 .docx 文件")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"文件“{path}”不存在") from None
    except IsADirectoryError:
        raise DomainError(f"“{path}”是目录，不是文件") from None
    except OSError as exc:
        raise DomainError(f"文件“{path}”无法打开（{exc.strerror}）") from None
    text = extract_text(path.name, data)
    if not text.strip():
        raise DomainError(f"文件“{path.name}”中没有文字")
    return text


def as_json(path: Path, sentences: list[Any], found: list[Any]) -> dict[str, Any]:
    return {
        "file": str(path),
        "ruleset": ruleset_version(),
        "sentences": len(sentences),
        "findings": [
            {
                "sentence_no": n,
                "rule": hit.rule.code,
                "title": hit.rule.title,
                "category": hit.rule.category,
                "citation": hit.rule.citation,
                "sentence": hit.sentence.text,
                "start": hit.sentence.start,
                "end": hit.sentence.end,
                "excerpt": hit.excerpt,
            }
            for n, hit in found
        ],
    }
