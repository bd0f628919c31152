"""Search integration: the normative-document index and reindex-on-change.

The search app (`fazhi.search`) owns the engine; this module declares what a document contributes
and enqueues a reindex in the caller's transaction.
"""

from __future__ import annotations

import importlib.util
from typing import Any


def search_ready() -> bool:
    """Whether the search app's registry has landed."""
    return importlib.util.find_spec("fazhi.search.registry") is not None


def enqueue(doc: Any) -> None:
    """Mark `doc` for reindexing (the search worker picks it up after commit)."""
    if not search_ready():
        return  # INTERIM: the search app has not landed
    from fazhi.search.services import index_enqueue

    index_enqueue(doc)
