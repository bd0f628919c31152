"""``{% attachments_panel owner stage %}``: the list and upload form of any record's attachments.

    {% load attachments %}
    {% attachments_panel case "调查取证" %}                    one stage, upload into it
    {% attachments_panel case current_stage stages=stages %}  grouped by stage, stage chosen on upload
    {% attachments_panel doc title="起草材料" %}               every attachment of the record

The upload form posts to ``files:upload``, which redirects back to the page (``next``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

from django import template
from django.db.models import Model

from fazhi.files import policies, registry, selectors, services, sniffing

register = template.Library()
KIND_LABELS = {"document": "文档", "image": "图片", "audio": "音频", "video": "视频"}


def _groups(items: list[Any], stages: list[str], stage: str | None) -> list[dict[str, Any]]:
    if not stages:
        return [{"stage": stage or "", "items": items}]
    known = [{"stage": s, "items": [a for a in items if a.stage == s]} for s in stages]
    other = [a for a in items if a.stage not in stages]
    return known + ([{"stage": "", "items": other}] if other else [])


@register.inclusion_tag("files/_panel.html", takes_context=True)
def attachments_panel(
    context: template.Context,
    owner: Model,
    stage: str | None = None,
    *,
    stages: Iterable[str] | str = (),
    title: str = "",
) -> dict[str, Any]:
    """Render the panel for `owner` (only what the signed-in user may see and do)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    stage_list = [s.strip() for s in stages.split(",")] if isinstance(stages, str) else list(stages)
    stage_list = [s for s in stage_list if s]
    spec = registry.spec_for(owner)
    hidden = spec is not None and not selectors.owner_visible(user, owner)
    qs = selectors.attachments_for(owner, user, stage=None if stage_list else stage)
    items = [] if hidden else list(qs)
    for a in items:
        a.kind_label = KIND_LABELS[a.blob.kind]
        a.size_label = services.human_size(a.blob.size)
    suffix = "all" if stage_list else f"{zlib.crc32((stage or '').encode()):x}"
    return {
        "panel_id": f"att-{owner._meta.model_name}-{owner.pk}-{suffix}",
        "title": title or (f"附件（{stage}）" if stage and not stage_list else "附件"),
        "hidden": hidden,
        "groups": _groups(items, stage_list, stage),
        "show_stages": bool(stage_list),
        "stages": stage_list,
        "stage": stage or "",
        "owner_label": owner._meta.label_lower,
        "owner_id": owner.pk,
        "can_upload": not hidden and user is not None and policies.can_upload(user, owner),
        "next": request.get_full_path() if request is not None else "",
        "accept": ",".join(f".{ext}" for ext in sniffing.FORMATS),
        "allowed": sniffing.ALLOWED_TEXT,
        "media_limit": services.human_size(services.max_bytes_for("video")),
        "document_limit": services.human_size(services.max_bytes_for("document")),
    }
