"""Normdocs pages added after the shared probes: the draft-edit page and the public portal pages.

District A's draft and published document come from `tests/scoping.py` (`_normdocs_probe`); the
edit URL must answer 404 to a sibling, and the portal URLs (documents, cleanup results) get samples for the junk-input test.
"""

from __future__ import annotations

from tests import scoping

scoping.URL_SAMPLES.update(
    {
        "normdocs:document-edit": lambda o: {"pk": o.extra["normdocs"]["draft"].pk},
        "portal:normdocs-document": lambda o: {"pk": o.extra["normdocs"]["published"].pk},
        "portal:normdocs-diff": lambda o: {"pk": o.extra["normdocs"]["published"].pk},
        "portal:normdocs-suggest": lambda o: {"pk": o.extra["normdocs"]["published"].pk},
        "portal:normdocs-docx": lambda o: {"pk": o.extra["normdocs"]["published"].pk},
        "portal:normdocs-pdf": lambda o: {"pk": o.extra["normdocs"]["published"].pk},
        "portal:normdocs-cleanup": lambda o: {"pk": o.extra["normdocs"]["campaign"].pk},
    }
)
