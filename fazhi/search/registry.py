"""What each module contributes to the one search index.

An app registers an `IndexSpec` at import time of its `indexing` module (imported from its
AppConfig.ready) and calls `fazhi.search.services.index_enqueue(obj)` inside the transaction that
changes a record. The spec turns a record into a `SearchDoc` (or None: not searchable, e.g. deleted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model


@dataclass
class SearchDoc:
    """The searchable projection of one record."""

    title: str
    body: str
    unit: Any  # the OrgUnit whose scope decides visibility
    status: str = ""
    date: dt.date | None = None
    public: bool = False  # shown on the public portal (published records only)
    # other (permission, unit) pairs that may also see it, e.g. the body a document is filed to
    extra_units: list[tuple[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # module filters, e.g. "issuer:12", "year:2026"
    number: str = ""  # 文号 or case number, searchable and shown
    valid_from: dt.date | None = None  # e.g. 施行日期, for "in force on a day" filters


@dataclass(frozen=True)
class IndexSpec:
    """How records of one kind enter the index."""

    kind: str  # e.g. "normdocs.document"
    label: str  # e.g. "规范性文件"
    model: type[Model]
    perm: str  # the view permission whose scope decides staff visibility
    build: Callable[[Any], SearchDoc | None]
    all_objects: Callable[[], Iterable[Any]]  # every record to index on rebuild
    staff_url: Callable[[int], str]
    public_url: Callable[[int], str] | None = None
    extra_perms: tuple[str, ...] = ()  # the permissions used in SearchDoc.extra_units

    @property
    def perms(self) -> tuple[str, ...]:
        """Every permission whose scope can reveal a record of this kind."""
        return (self.perm, *self.extra_perms)


SPECS: dict[str, IndexSpec] = {}


def register(spec: IndexSpec) -> IndexSpec:
    """Declare an index kind (idempotent per kind)."""
    SPECS[spec.kind] = spec
    return spec


def spec_for_model(model: type[Model]) -> IndexSpec | None:
    """The spec whose model is `model` (or a parent of it)."""
    for spec in SPECS.values():
        if issubclass(model, spec.model):
            return spec
    return None
