"""The Tantivy index: schema, one writer (the worker), readers in every process.

Fields (see docs/search.md): 1-, 2-, 3- and 4-gram fields of title and body (a term of up to four
characters is one term; longer terms are exact phrases of 4-grams, the only field with positions),
raw keyword fields for scoping and filters, date fast fields.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import tantivy
from django.conf import settings

from fazhi.core.errors import DomainError

SCHEMA_VERSION = "2"
WRITER_HEAP = 64 * 1024 * 1024


def build_schema() -> tantivy.Schema:
    """The index schema."""
    b = tantivy.SchemaBuilder()
    b.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("kind", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("object_id", stored=True, indexed=True)
    b.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("number", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("body", stored=True, tokenizer_name="raw", index_option="basic")
    # 1-, 2- and 3-character terms are single terms; 4-grams carry positions for longer phrases
    for part in ("title", "body"):
        b.add_text_field(f"{part}_uni", tokenizer_name="whitespace", index_option="freq")
        b.add_text_field(f"{part}_bi", tokenizer_name="whitespace", index_option="freq")
        b.add_text_field(f"{part}_tri", tokenizer_name="whitespace", index_option="freq")
        b.add_text_field(f"{part}_quad", tokenizer_name="whitespace", index_option="position")
    b.add_text_field("scope", tokenizer_name="raw", index_option="basic")
    b.add_text_field("status", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("tag", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("public", indexed=True, fast=True)
    b.add_date_field("date", stored=True, indexed=True, fast=True)
    b.add_date_field("valid_from", indexed=True, fast=True)
    return b.build()


SCHEMA = build_schema()
_lock = threading.Lock()
_indexes: dict[Path, tantivy.Index] = {}


def index_dir() -> Path:
    """Where the index lives (settings.FAZHI_SEARCH_INDEX_DIR / schema version)."""
    return Path(settings.FAZHI_SEARCH_INDEX_DIR) / f"v{SCHEMA_VERSION}"


def get_index() -> tantivy.Index:
    """The process's handle on the index (created empty on first use)."""
    path = index_dir()
    with _lock:
        index = _indexes.get(path)
        if index is None:
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
            _indexes[path] = index
        return index


def forget() -> None:
    """Drop cached handles (tests switch index directories)."""
    with _lock:
        _indexes.clear()


def searcher() -> tantivy.Searcher:
    """A searcher that sees the latest commit (reload costs well under a millisecond)."""
    index = get_index()
    index.reload()
    return index.searcher()


@contextlib.contextmanager
def writer(wait_seconds: float = 10.0) -> Iterator[tantivy.IndexWriter]:
    """The single index writer; waits briefly when another process holds it."""
    index = get_index()
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            w = index.writer(heap_size=WRITER_HEAP, num_threads=2)
            break
        except ValueError as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise DomainError("检索索引正由另一进程写入，请稍后重试") from exc
            time.sleep(0.2)
    try:
        yield w
    except BaseException:
        w.rollback()
        raise
    finally:
        with contextlib.suppress(Exception):
            w.wait_merging_threads()


EPOCH = dt.date(1949, 10, 1)


def to_datetime(day: dt.date) -> dt.datetime:
    """Dates are indexed as UTC midnight."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
