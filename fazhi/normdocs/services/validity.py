"""Amendment, repeal, declaration of invalidity, and the daily validity job (expiry + reminders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.services.notifications import notification_send
from fazhi.normdocs import conf
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.services._common import S, event, locked_for, move, require_text, today
from fazhi.normdocs.services.validation import months_before
from fazhi.normdocs.transitions import LIVE

END_KINDS = {
    S.AMENDED: "amended",
    S.REPEALED: "repealed",
    S.DECLARED_INVALID: "declared_invalid",
    S.EXPIRED: "expired",
}


def end_document(
    doc: NormativeDocument,
    *,
    target: str,
    actor: Any,
    on: dt.date,
    reason: str,
    by: NormativeDocument | None = None,
) -> NormativeDocument:
    """Move a live document to one of its end states (caller holds the row lock)."""
    doc.ended_on = on
    fields: tuple[str, ...] = ("ended_on",)
    if by is not None:
        doc.repealed_by = by
        fields += ("repealed_by",)
    label = f"{dict(S.choices)[target]}：{reason}"
    return move(
        doc,
        target,
        actor=actor,
        kind=END_KINDS[target],
        label=label,
        changes={"ended_on": [None, on]},
        extra_fields=fields,
    )


@transaction.atomic
def document_amend_start(
    *, actor: Any, doc: NormativeDocument, relation: str = "amend", title: str = ""
) -> NormativeDocument:
    """Start a new draft that amends (改) or repeals (废) a live document; the old one ends on publication."""
    from fazhi.normdocs.services.drafting import document_create

    doc = locked_for(doc, actor, "amend")
    if doc.status not in LIVE:
        raise DomainError("只有现行有效的文件才能修改或废止")
    if relation not in (NormativeDocument.Relation.AMEND, NormativeDocument.Relation.REPEAL):
        raise DomainError("请选择修改或废止", field="relation")
    if doc.successors.exclude(
        status__in=list(END_KINDS) + [S.PUBLISHED, S.FILED, S.IN_FORCE]
    ).exists():
        raise DomainError("该文件已有正在起草的修改或废止文件")
    is_amend = relation == NormativeDocument.Relation.AMEND
    default_title = (
        f"关于修改《{doc.title}》的决定" if is_amend else f"关于废止《{doc.title}》的决定"
    )
    text = (
        doc.body_text if is_amend else f"第一条 {doc.doc_number}《{doc.title}》自公布之日起废止。"
    )
    new = document_create(
        actor=actor,
        title=title.strip() or default_title,
        org_unit=doc.org_unit,
        drafting_unit=doc.drafting_unit,
        kind=doc.kind,
        is_provisional=doc.is_provisional,
        affects_market=doc.affects_market,
        legal_basis=doc.legal_basis,
        text=text,
        supersedes=doc,
        relation=relation,
    )
    event(
        doc,
        actor=actor,
        kind="amend_start",
        label=f"启动{new.get_relation_display()}：{new.title}",
        public=False,
    )
    return new


@transaction.atomic
def document_end(
    *, actor: Any, doc: NormativeDocument, target: str, reason: str, on: dt.date | None = None
) -> NormativeDocument:
    """废止 or 宣布失效 decided directly (e.g. after a cleanup)."""
    doc = locked_for(doc, actor, "repeal")
    if target not in (S.REPEALED, S.DECLARED_INVALID):
        raise DomainError("请选择废止或宣布失效", field="target")
    if doc.status not in LIVE:
        raise DomainError("只有现行有效的文件才能废止或宣布失效")
    return end_document(
        doc,
        target=target,
        actor=actor,
        on=today(on),
        reason=require_text(reason, "理由", "reason", 500),
    )


@transaction.atomic
def _expire_one(pk: int, on: dt.date) -> bool:
    doc = NormativeDocument.objects.select_for_update().get(pk=pk)
    if doc.status not in LIVE or doc.expires_on is None or doc.expires_on >= on:
        return False
    end_document(
        doc,
        target=S.EXPIRED,
        actor=None,
        on=doc.expires_on + dt.timedelta(days=1),
        reason=f"有效期至 {doc.expires_on} 届满，自动失效",
    )
    return True


@transaction.atomic
def _remind_one(pk: int, on: dt.date) -> bool:
    doc = (
        NormativeDocument.objects.select_for_update(of=("self",)).select_related("owner").get(pk=pk)
    )
    if doc.evaluation_reminded_on is not None or doc.status not in LIVE:
        return False
    doc.evaluation_reminded_on = on
    doc.save(update_fields=["evaluation_reminded_on", "updated_at"])
    event(
        doc,
        actor=None,
        kind="evaluation_reminder",
        label=f"有效期将于 {doc.expires_on} 届满，提醒评估",
        public=False,
    )
    recipients = [u for u in {doc.owner, doc.created_by} if u is not None]
    for user in recipients:
        notification_send(
            recipient=user,
            title=f"规范性文件有效期即将届满：{doc.title}",
            body=f"{doc.doc_number}有效期至 {doc.expires_on}，请在届满前完成评估，确定继续施行、修改或废止。",
            url=doc.get_absolute_url(),
            level="due_soon",
            dedupe_key=f"normdocs.expiry:{doc.pk}",
        )
    return True


def validity_sweep(*, on: dt.date | None = None) -> dict[str, int]:
    """Daily: documents past their expiry become 已失效; 6-month reminders go out once (idempotent)."""
    on = today(on)
    live = NormativeDocument.objects.filter(status__in=list(LIVE), expires_on__isnull=False)
    expired = sum(
        _expire_one(pk, on) for pk in live.filter(expires_on__lt=on).values_list("pk", flat=True)
    )
    horizon = months_before(on, -conf.evaluation_reminder_months())
    due = live.filter(
        expires_on__gte=on, expires_on__lte=horizon, evaluation_reminded_on__isnull=True
    )
    reminded = sum(_remind_one(pk, on) for pk in due.values_list("pk", flat=True))
    return {"expired": expired, "reminded": reminded}
