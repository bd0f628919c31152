"""The public document page's HTML cache: its key, and forgetting it when the document changes.

The portal keeps a document page's HTML for a minute (`fazhi.portal.normdocs_views`). Every state
change goes through `services._common.move`, which forgets the page once the change is committed,
so 已修改/已废止/已失效 shows on the portal at once rather than up to a minute later.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone


def html_key(pk: int, day: dt.date) -> str:
    """The cache key of document `pk`'s page as rendered on `day`."""
    return f"portal.normdocs.html.{int(pk)}.{day.isoformat()}"


def forget(pk: int) -> None:
    """Drop today's cached page of document `pk` (the next visitor renders it afresh)."""
    cache.delete(html_key(pk, timezone.localdate()))
