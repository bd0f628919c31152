"""清理: campaigns select live documents, owners decide 保留/修改/废止/宣布失效, results are published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import Http404

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.normdocs import permissions as P
from fazhi.normdocs import policies
from fazhi.normdocs.models import CleanupCampaign, CleanupItem, NormativeDocument
from fazhi.normdocs.services._common import S, event, lock, require_text, today
from fazhi.normdocs.services.validity import end_document
from fazhi.normdocs.transitions import LIVE

OUT = CleanupItem.Outcome


def _ensure_campaign(actor: Any, campaign: CleanupCampaign) -> None:
    if not access.can_reach_unit(actor, P.SUPERVISE, campaign.org_unit):
        raise Http404("记录不存在或无权操作")


@transaction.atomic
def campaign_create(*, actor: Any, org_unit: Any, title: str, deadline: dt.date) -> CleanupCampaign:
    """Open a cleanup campaign over the documents of `org_unit`'s subtree."""
    if not access.can_reach_unit(actor, P.SUPERVISE, org_unit):
        raise Http404("记录不存在或无权操作")
    if deadline < today():
        raise DomainError("完成期限不能早于今天", field="deadline")
    campaign = CleanupCampaign.objects.create(
        org_unit=org_unit,
        title=require_text(title, "清理名称", "title", 200),
        deadline=deadline,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        verb="normdocs.campaign_create",
        target=campaign,
        changes={"title": [None, campaign.title]},
        unit_id=org_unit.pk,
    )
    return campaign


@transaction.atomic
def campaign_add_documents(
    *,
    actor: Any,
    campaign: CleanupCampaign,
    documents: Iterable[NormativeDocument],
    owner: Any = None,
    deadline: dt.date | None = None,
) -> int:
    """Put live documents of the campaign's area into it (each once)."""
    _ensure_campaign(actor, campaign)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise DomainError("清理结果已公布，不能再添加文件")
    added = 0
    for doc in documents:
        if not campaign.org_unit.path or not doc.org_unit.path.startswith(campaign.org_unit.path):
            raise DomainError(f"《{doc.title}》不在本次清理范围内")
        if doc.status not in LIVE:
            raise DomainError(f"《{doc.title}》不是现行有效文件，无需清理")
        _, created = CleanupItem.objects.get_or_create(
            campaign=campaign,
            document=doc,
            defaults={"owner": owner or doc.owner, "deadline": deadline or campaign.deadline},
        )
        added += created
    audit.record(
        actor=actor,
        verb="normdocs.campaign_add",
        target=campaign,
        changes={"items": [None, added]},
        unit_id=campaign.org_unit_id,
    )
    return added


@transaction.atomic
def cleanup_item_decide(*, actor: Any, item: CleanupItem, outcome: str, reason: str) -> CleanupItem:
    """The owner's (or supervisor's) outcome for one document, with reasons."""
    item = (
        CleanupItem.objects.select_for_update()
        .select_related("campaign", "document")
        .get(pk=item.pk)
    )
    doc = item.document
    if not (
        policies.can(actor, "amend", doc)
        or access.can_reach_unit(actor, P.SUPERVISE, item.campaign.org_unit)
    ):
        raise Http404("记录不存在或无权操作")
    if item.campaign.status != CleanupCampaign.Status.OPEN:
        raise DomainError("清理结果已公布，不能修改")
    if outcome not in (OUT.KEEP, OUT.AMEND, OUT.REPEAL, OUT.DECLARE_INVALID):
        raise DomainError("请选择清理结果", field="outcome")
    before = item.outcome
    item.outcome, item.reason = outcome, require_text(reason, "理由", "reason", 2000)
    item.decided_on, item.decided_by = today(), actor
    item.save()
    audit.record(
        actor=actor,
        verb="normdocs.cleanup_decide",
        target=item,
        changes={"outcome": [before, outcome]},
        unit_id=doc.org_unit_id,
    )
    return item


@transaction.atomic
def campaign_publish(
    *, actor: Any, campaign: CleanupCampaign, on: dt.date | None = None
) -> CleanupCampaign:
    """Publish the result list; 废止/宣布失效 take effect on the documents."""
    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    _ensure_campaign(actor, campaign)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise DomainError("清理结果已公布")
    items = list(campaign.items.select_related("document"))
    if not items:
        raise DomainError("清理清单为空")
    pending = [i for i in items if not i.outcome]
    if pending:
        raise DomainError(f"还有 {len(pending)} 件文件未确定清理结果")
    on = today(on)
    for item in items:
        target = {OUT.REPEAL: S.REPEALED, OUT.DECLARE_INVALID: S.DECLARED_INVALID}.get(item.outcome)
        doc = lock(item.document)
        if target and doc.status in LIVE:
            end_document(
                doc, target=target, actor=actor, on=on, reason=f"{campaign.title}：{item.reason}"
            )
        elif item.outcome in (OUT.KEEP, OUT.AMEND):
            event(
                doc,
                actor=actor,
                kind="cleanup",
                label=f"{campaign.title}：{item.get_outcome_display()}",
                public=False,
            )
    campaign.status, campaign.published_on = CleanupCampaign.Status.PUBLISHED, on
    campaign.save(update_fields=["status", "published_on"])
    audit.record(
        actor=actor,
        verb="normdocs.campaign_publish",
        target=campaign,
        changes={"status": ["open", "published"]},
        unit_id=campaign.org_unit_id,
    )
    return campaign
