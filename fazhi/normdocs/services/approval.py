"""Legality review opinion, collective deliberation, signing, registration/numbering, publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.services.numbering import number_issue
from fazhi.normdocs import checklist, conf, deadlines, gates
from fazhi.normdocs.models import Deliberation, LegalityReview, NormativeDocument, Publication
from fazhi.normdocs.services._common import S, locked_for, move, require_text, today
from fazhi.normdocs.services.validation import validate_validity

OP = LegalityReview.Opinion


@transaction.atomic
def legality_review_record(
    *,
    actor: Any,
    review: LegalityReview,
    opinion: str,
    violations: set[str] | None = None,
    notes: str = "",
    item_notes: dict[str, str] | None = None,
    completed_on: dt.date | None = None,
) -> LegalityReview:
    """The reviewer's opinion with the 严禁 checklist; a blocking violation rules out 合法."""
    doc = locked_for(review.document, actor, "review")
    review = LegalityReview.objects.select_for_update().get(pk=review.pk)
    if doc.status != S.LEGALITY_REVIEW or review.opinion:
        raise DomainError("该审核已办结或文件不在合法性审核阶段")
    if opinion not in (OP.LEGAL, OP.LEGAL_WITH_CHANGES, OP.ILLEGAL):
        raise DomainError("请选择审核意见", field="opinion")
    violations = set(violations or ())
    unknown = violations - set(checklist.BY_CODE)
    if unknown:
        raise DomainError("严禁事项核查项无效", field="violations")
    stored = checklist.build(violations, item_notes)
    blocking = checklist.blocking_violations(stored)
    if blocking and opinion != OP.ILLEGAL:
        raise DomainError(
            f"存在严禁事项（{'、'.join(blocking)}），只能出具“不合法”意见", field="opinion"
        )
    if opinion != OP.LEGAL and not notes.strip():
        raise DomainError("出具“修改后合法”或“不合法”意见的，应当写明修改意见或理由", field="notes")
    completed_on = today(completed_on)
    if completed_on < review.received_on:
        raise DomainError("审核完成日期不能早于收件日期", field="completed_on")
    review.opinion, review.checklist, review.notes = opinion, stored, notes.strip()
    review.reviewer, review.completed_on = actor, completed_on
    review.save(update_fields=["opinion", "checklist", "notes", "reviewer", "completed_on"])
    label = f"合法性审核意见：{review.get_opinion_display()}"
    target = S.REVIEW_PASSED if opinion == OP.LEGAL else S.REVISE
    move(
        doc,
        target,
        actor=actor,
        kind="review",
        label=label,
        changes={"opinion": [None, opinion], "blocking": [None, blocking]},
    )
    deadlines.complete(target=review, on=completed_on, actor=actor)
    return review


@transaction.atomic
def document_confirm_changes(*, actor: Any, doc: NormativeDocument) -> NormativeDocument:
    """修改后合法: the drafting unit confirms a revised text that makes the required changes."""
    doc = locked_for(doc, actor, "confirm_changes")
    review = gates.latest_review(doc)
    if review is None or review.opinion != OP.LEGAL_WITH_CHANGES:
        raise DomainError("只有“修改后合法”的审核意见才能确认修改完成；“不合法”的须重新报送审核")
    reviewed_number = review.version.number if review.version else 0
    if not doc.versions.filter(number__gt=reviewed_number).exists():
        raise DomainError("请先按审核意见提交修改后的新稿")
    review.changes_made_on = today()
    review.save(update_fields=["changes_made_on"])
    return move(
        doc, S.REVIEW_PASSED, actor=actor, kind="changes_made", label="已按合法性审核意见修改"
    )


@transaction.atomic
def deliberation_record(
    *,
    actor: Any,
    doc: NormativeDocument,
    meeting: str,
    meeting_on: dt.date,
    decision: str,
    notes: str = "",
) -> Deliberation:
    """集体审议. Hard gate: no deliberation without a passed legality review."""
    doc = locked_for(doc, actor, "deliberate")
    gates.ensure_review_passed(doc)
    if decision not in Deliberation.Decision.values:
        raise DomainError("请选择审议结果", field="decision")
    review = gates.latest_review(doc)
    if review is not None and review.completed_on and meeting_on < review.completed_on:
        raise DomainError(
            f"会议日期不能早于合法性审核意见出具日期（{review.completed_on.isoformat()}）",
            field="meeting_on",
        )
    record = Deliberation.objects.create(
        document=doc,
        meeting=require_text(meeting, "会议名称", "meeting", 100),
        meeting_on=meeting_on,
        decision=decision,
        notes=notes.strip(),
        recorded_by=actor,
    )
    target = S.REVISE if decision == Deliberation.Decision.REJECTED else S.DELIBERATED
    move(
        doc,
        target,
        actor=actor,
        kind="deliberate",
        label=f"{record.meeting}：{record.get_decision_display()}",
        changes={"decision": [None, decision]},
    )
    return record


@transaction.atomic
def document_sign(
    *, actor: Any, doc: NormativeDocument, signer: str, signed_on: dt.date
) -> NormativeDocument:
    """签发 by the head after an approving deliberation."""
    doc = locked_for(doc, actor, "sign")
    gates.ensure_decided(doc)
    decided_on = gates.latest_decision(doc).meeting_on  # type: ignore[union-attr]
    if signed_on < decided_on:
        raise DomainError(
            f"签发日期不能早于集体审议日期（{decided_on.isoformat()}）", field="signed_on"
        )
    doc.signer, doc.signed_on = require_text(signer, "签发人", "signer", 50), signed_on
    return move(
        doc,
        S.SIGNED,
        actor=actor,
        kind="sign",
        label=f"{doc.signer}签发",
        changes={"signed_on": [None, signed_on]},
        extra_fields=("signer", "signed_on"),
    )


@transaction.atomic
def document_register(
    *, actor: Any, doc: NormativeDocument, year: int | None = None
) -> NormativeDocument:
    """统一登记、统一编号. Hard gate: no number without the deliberation decision."""
    doc = locked_for(doc, actor, "register")
    gates.ensure_decided(doc)
    if doc.doc_number:
        raise DomainError(f"该文件已编号：{doc.doc_number}")
    year = year or today().year
    issued = number_issue(unit=doc.org_unit, kind="normdoc", year=year, actor=actor, target=doc)
    doc.doc_number, doc.number_year, doc.number_seq = issued.text, year, issued.number
    return move(
        doc,
        S.REGISTERED,
        actor=actor,
        kind="register",
        label=f"统一登记编号：{issued.text}",
        changes={"doc_number": [None, issued.text]},
        extra_fields=("doc_number", "number_year", "number_seq"),
    )


@transaction.atomic
def document_publish(
    *,
    actor: Any,
    doc: NormativeDocument,
    published_on: dt.date,
    channel: str,
    interpretation_title: str,
    interpretation_text: str,
    effective_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> NormativeDocument:
    """Publish with its policy interpretation. Hard gate: no publication without a number."""
    doc = locked_for(doc, actor, "publish")
    if not doc.doc_number:
        raise DomainError("未经统一登记编号的文件不得公布")
    if doc.signed_on and published_on < doc.signed_on:
        raise DomainError(
            f"公布日期不能早于签发日期（{doc.signed_on.isoformat()}）", field="published_on"
        )
    if not (interpretation_text or "").strip():
        raise DomainError("政策解读应当与文件同步发布，请填写政策解读", field="interpretation_text")
    doc.effective_on = effective_on or doc.effective_on or published_on
    doc.expires_on = expires_on or doc.expires_on
    if doc.expires_on is None:
        years = (
            conf.provisional_validity_max_years()
            if doc.is_provisional
            else conf.validity_max_years()
        )
        raise DomainError(f"请填写有效期（不超过 {years} 年）", field="expires_on")
    if doc.effective_on < published_on:
        raise DomainError("施行日期不能早于公布日期（不得溯及既往）", field="effective_on")
    validate_validity(doc.effective_on, doc.expires_on, is_provisional=doc.is_provisional)
    Publication.objects.create(
        document=doc,
        published_on=published_on,
        channel=require_text(channel, "公布载体", "channel", 100),
        interpretation_title=require_text(
            interpretation_title, "政策解读标题", "interpretation_title", 200
        ),
        interpretation_text=interpretation_text.strip(),
        published_by=actor,
    )
    doc.published_on = published_on
    move(
        doc,
        S.PUBLISHED,
        actor=actor,
        kind="publish",
        label=f"公开发布（{channel}），同步发布政策解读",
        changes={"published_on": [None, published_on]},
        extra_fields=("published_on", "effective_on", "expires_on"),
    )
    _end_predecessor(doc, actor=actor, on=published_on)
    _register_validity_clocks(doc, actor=actor)
    return doc


def _end_predecessor(doc: NormativeDocument, *, actor: Any, on: dt.date) -> None:
    """Publishing an amendment (改) or a repeal (废) ends the document it replaces."""
    from fazhi.normdocs.services.validity import end_document

    if doc.supersedes_id is None or doc.relation == NormativeDocument.Relation.ENACT:
        return
    target = S.AMENDED if doc.relation == NormativeDocument.Relation.AMEND else S.REPEALED
    old = NormativeDocument.objects.select_for_update().get(pk=doc.supersedes_id)
    if old.status in (S.PUBLISHED, S.FILED, S.IN_FORCE):
        end_document(
            old,
            target=target,
            actor=actor,
            on=on,
            by=doc,
            reason=f"被{doc.doc_number}{doc.get_relation_display()}",
        )


def _register_validity_clocks(doc: NormativeDocument, *, actor: Any) -> None:
    """备案 within the filing clock (the evaluation before expiry is `validity_sweep`'s reminder)."""
    deadlines.register(
        target=doc,
        org_unit=doc.org_unit,
        label="报送备案期限",
        legal_basis="规范性文件备案审查规定（本地）",
        start_on=doc.published_on,
        rule=f"{conf.filing_days()}cd",
        responsible=[doc.owner, actor],
        actor=actor,
    )
    # The evaluation before expiry is not a clock here: expiry may lie in a year the calendar does
    # not cover yet. `validity_sweep` (daily) reminds the owner six months before expiry instead.
