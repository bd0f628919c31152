"""审查建议 from the public about a published document, and their handling by the Justice Bureau."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.http import Http404

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.normdocs import policies
from fazhi.normdocs.models import NormativeDocument, ReviewSuggestion
from fazhi.normdocs.selectors.public import published_document_get
from fazhi.normdocs.services._common import event, lock, require_text, today

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
STATUS = ReviewSuggestion.Status


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(10))
        if not ReviewSuggestion.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic
def review_suggestion_submit(
    *, document: NormativeDocument | int, name: str, contact: str, content: str
) -> ReviewSuggestion:
    """A member of the public suggests a review of a published document; returns the tracking code."""
    pk = document.pk if isinstance(document, NormativeDocument) else document
    try:
        doc = published_document_get(pk=pk)
    except Http404:
        raise DomainError("只能对已公布的规范性文件提出审查建议", field="document") from None
    item = ReviewSuggestion.objects.create(
        document=doc,
        name=require_text(name, "姓名或名称", "name", 50),
        contact=require_text(contact, "联系方式", "contact", 100),
        content=require_text(content, "建议内容", "content", 5000),
        tracking_code=_new_code(),
    )
    if len(item.content) < 10:
        raise DomainError(
            "建议内容过短，请写明认为文件存在的问题及理由（至少 10 个字）", field="content"
        )
    audit.record(
        actor=None,
        verb="normdocs.suggestion_submit",
        target=item,
        changes={"tracking_code": [None, item.tracking_code]},
        unit_id=doc.org_unit_id,
    )
    event(doc, actor=None, kind="suggestion", label="收到公众审查建议", public=False)
    return item


@transaction.atomic
def review_suggestion_handle(
    *,
    actor: Any,
    suggestion: ReviewSuggestion,
    status: str,
    handling_notes: str = "",
    reply: str = "",
) -> ReviewSuggestion:
    """Record handling; 已答复 needs the reply the public will read."""
    doc = lock(suggestion.document_id)
    policies.ensure_can(actor, "suggestion", doc)
    suggestion = ReviewSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if status not in STATUS.values:
        raise DomainError("请选择办理状态", field="status")
    if suggestion.status == STATUS.REPLIED:
        raise DomainError("该建议已答复，不能再修改")
    before = suggestion.status
    suggestion.status = status
    suggestion.handling_notes = handling_notes.strip()
    if status == STATUS.REPLIED:
        suggestion.reply = require_text(reply, "答复内容", "reply", 5000)
        suggestion.replied_on = today()
    suggestion.handled_by = actor
    suggestion.save()
    audit.record(
        actor=actor,
        verb="normdocs.suggestion_handle",
        target=suggestion,
        changes={"status": [before, status]},
        unit_id=doc.org_unit_id,
    )
    return suggestion
