"""公开征求意见: the comment period (clock registered), comments and how each was handled."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.normdocs import conf, deadlines
from fazhi.normdocs.models import Comment, CommentPeriod, NormativeDocument
from fazhi.normdocs.services._common import S, locked_for, move, record_step, require_text, today

# Comments are handled until the legal office's pre-check: afterwards the handling is part of the
# materials the reviewer relies on and cannot change.
HANDLING_STATUSES = frozenset({S.PUBLIC_COMMENT, S.COMMENT_CLOSED, S.FAIR_REVIEWED})


@transaction.atomic
def comment_period_open(
    *,
    actor: Any,
    doc: NormativeDocument,
    opened_on: dt.date,
    channel: str,
    closes_on: dt.date | None = None,
) -> CommentPeriod:
    """公开征求意见: the period lasts at least the configured minimum (clock registered)."""
    doc = locked_for(doc, actor, "comment")
    channel = require_text(channel, "征求渠道", "channel", 200)
    rule = f"{conf.comment_min_days()}{conf.comment_day_kind().lower()}"
    earliest = deadlines.compute(opened_on, rule)
    if closes_on is None:
        closes_on = earliest
    if closes_on < earliest:
        raise DomainError(
            f"征求意见期不得少于规定期限，截止日期不得早于 {earliest.isoformat()}",
            field="closes_on",
        )
    move(
        doc,
        S.PUBLIC_COMMENT,
        actor=actor,
        kind="comment_open",
        label=f"公开征求意见（{opened_on.isoformat()} 至 {closes_on.isoformat()}，{channel}）",
    )
    period = CommentPeriod.objects.create(
        document=doc, opened_on=opened_on, closes_on=closes_on, channel=channel, opened_by=actor
    )
    deadlines.register(
        target=period,
        org_unit=doc.org_unit,
        label="公开征求意见期",
        legal_basis="国办发〔2018〕37号",
        start_on=opened_on,
        rule=rule,
        responsible=[actor],
        actor=actor,
    )
    return period


def _current_period(doc: NormativeDocument) -> CommentPeriod:
    period = doc.comment_periods.order_by("-opened_on", "-pk").first()
    if period is None:
        raise DomainError("尚未公开征求意见")
    return period


@transaction.atomic
def comment_add(
    *, actor: Any, doc: NormativeDocument, commenter: str, content: str, received_on: dt.date
) -> Comment:
    """Register a comment received within the comment period."""
    doc = locked_for(doc, actor, "comment")
    if doc.status != S.PUBLIC_COMMENT:
        raise DomainError("征求意见期已结束，不能再登记意见")
    period = _current_period(doc)
    if not period.opened_on <= received_on <= period.closes_on:
        raise DomainError("收到日期不在征求意见期内", field="received_on")
    comment = Comment.objects.create(
        period=period,
        commenter=require_text(commenter, "意见人", "commenter", 100),
        content=require_text(content, "意见内容", "content", 5000),
        received_on=received_on,
    )
    record_step(
        doc,
        actor=actor,
        kind="comment_add",
        label=f"登记意见（{comment.commenter}）",
        changes={"comment": [None, comment.pk]},
    )
    return comment


@transaction.atomic
def comment_handle(*, actor: Any, comment: Comment, handling: str, reason: str = "") -> Comment:
    """How a comment was handled; 部分采纳/不采纳 need a reason."""
    doc = locked_for(comment.period.document, actor, "comment")
    if doc.status not in HANDLING_STATUSES:
        raise DomainError(
            f"文件处于“{doc.get_status_display()}”阶段，意见采纳情况已报送审查，不能再修改"
        )
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if handling not in (
        Comment.Handling.ADOPTED,
        Comment.Handling.PARTLY,
        Comment.Handling.REJECTED,
    ):
        raise DomainError("请选择处理情况", field="handling")
    reason = reason.strip()
    if handling != Comment.Handling.ADOPTED and not reason:
        raise DomainError("部分采纳或不采纳的，应当说明理由", field="reason")
    before = comment.handling
    comment.handling, comment.reason, comment.handled_by = handling, reason, actor
    comment.save(update_fields=["handling", "reason", "handled_by"])
    record_step(
        doc,
        actor=actor,
        kind="comment_handle",
        label=f"意见处理：{comment.commenter} — {comment.get_handling_display()}",
        changes={"handling": [before, handling]},
    )
    return comment


@transaction.atomic
def comment_period_close(
    *, actor: Any, doc: NormativeDocument, closed_on: dt.date | None = None
) -> CommentPeriod:
    """End the comment period, not before its closing date."""
    doc = locked_for(doc, actor, "comment")
    period = _current_period(doc)
    closed_on = today(closed_on)
    if closed_on > today():
        # A future date would end the period before it has run: the clock is real days.
        raise DomainError("结束日期不能晚于今天", field="closed_on")
    if closed_on < period.closes_on:
        raise DomainError(
            f"征求意见期至 {period.closes_on.isoformat()} 届满，不能提前结束", field="closed_on"
        )
    period.closed_on = closed_on
    period.save(update_fields=["closed_on"])
    move(doc, S.COMMENT_CLOSED, actor=actor, kind="comment_close", label="征求意见结束")
    deadlines.complete(target=period, on=closed_on, actor=actor)
    return period


def _comments_pending(doc: NormativeDocument) -> int:
    return Comment.objects.filter(period__document=doc, handling=Comment.Handling.PENDING).count()
