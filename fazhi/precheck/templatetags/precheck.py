"""`{% precheck_panel doc %}`: the pre-check findings of a normative document's newest version."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.precheck import selectors
from fazhi.precheck.views import panel_context

register = template.Library()


@register.inclusion_tag("precheck/_panel.html", takes_context=True)
def precheck_panel(context: template.Context, doc: Any) -> dict[str, Any]:
    """Findings of the document's newest scanned version, within the viewer's scope."""
    user = context.get("user")
    run = selectors.latest_run_for_document(user=user, document_id=doc.pk) if doc.pk else None
    return {**panel_context(user, run), "csrf_token": context.get("csrf_token"), "embedded": True}
