"""备案: submission within the filing clock, registration, review and the correction report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.normdocs import conf, deadlines, indexing, policies
from fazhi.normdocs.models import Filing, NormativeDocument
from fazhi.normdocs.services._common import S, event, lock, locked_for, move, require_text, today
from fazhi.normdocs.services.validity import end_document

R = Filing.Registration
V = Filing.Review


def default_filing_body(doc: NormativeDocument) -> OrgUnit | None:
    """Department documents go to the same-level government; government ones to the one above."""
    unit = doc.org_unit
    if unit.kind == OrgUnit.Kind.GOVERNMENT:
        unit = unit.parent
    while unit is not None and unit.kind != OrgUnit.Kind.GOVERNMENT:
        unit = unit.parent
    return unit


@transaction.atomic
def filing_submit(
    *,
    actor: Any,
    doc: NormativeDocument,
    filed_to: OrgUnit | None = None,
    filed_on: dt.date | None = None,
) -> Filing:
    """报送备案. Hard gate: an unpublished document cannot be filed."""
    doc = locked_for(doc, actor, "file")
    if doc.published_on is None or doc.status not in (S.PUBLISHED, S.FILED, S.IN_FORCE):
        raise DomainError("未公布的文件不得报送备案")
    filed_to = filed_to or default_filing_body(doc)
    if filed_to is None:
        raise DomainError("请选择备案机关", field="filed_to")
    if doc.filings.filter(filed_to=filed_to).exists():
        raise DomainError(f"已向{filed_to}报送备案，不能重复报送", field="filed_to")
    filed_on = today(filed_on)
    if filed_on < doc.published_on:
        raise DomainError("报备日期不能早于公布日期", field="filed_on")
    filing = Filing.objects.create(
        document=doc,
        filed_to=filed_to,
        filed_on=filed_on,
        submitted_by=actor,
        due_on=deadlines.compute(doc.published_on, f"{conf.filing_days()}cd"),
    )
    label = f"向{filed_to}报送备案" + (
        "" if filing.on_time else f"（逾期，期限为 {filing.due_on}）"
    )
    if doc.status == S.PUBLISHED:
        move(
            doc,
            S.FILED,
            actor=actor,
            kind="file",
            label=label,
            changes={"filed_to": [None, filed_to.pk]},
        )
    else:
        event(doc, actor=actor, kind="file", label=label, public=False)
        audit.record(
            actor=actor, verb="normdocs.file", target=doc, changes={"filed_to": [None, filed_to.pk]}
        )
        indexing.enqueue(doc)  # the filing body's reviewers may now find it
    deadlines.complete(target=doc, on=filed_on, actor=actor)
    return filing


def _lock_filing(filing: Filing, actor: Any) -> tuple[Filing, NormativeDocument]:
    doc = lock(filing.document_id)
    filing = Filing.objects.select_for_update().select_related("filed_to").get(pk=filing.pk)
    if not policies.can_handle_filing(actor, filing):
        raise Http404("记录不存在或无权操作")
    return filing, doc


@transaction.atomic
def filing_register(
    *, actor: Any, filing: Filing, outcome: str, on: dt.date | None = None, notes: str = ""
) -> Filing:
    """登记 / 不予登记 / 补充材料 (the last starts the resubmission clock)."""
    filing, doc = _lock_filing(filing, actor)
    if outcome not in (R.REGISTERED, R.REJECTED, R.DEFERRED):
        raise DomainError("请选择登记结果", field="outcome")
    if filing.registration in (R.REGISTERED, R.REJECTED):
        raise DomainError("该备案已办理登记")
    if filing.registration == R.DEFERRED and filing.resubmitted_on is None:
        raise DomainError("报备机关尚未补充材料")
    on = today(on)
    before = filing.registration
    filing.registration, filing.registered_on = outcome, on
    if outcome == R.DEFERRED:
        filing.resubmit_due_on = deadlines.compute(on, f"{conf.resubmission_days()}cd")
        filing.resubmitted_on = None
    if notes.strip():
        filing.review_notes = notes.strip()
    filing.save()
    label = f"{filing.filed_to}：{filing.get_registration_display()}"
    if outcome == R.REGISTERED and doc.status == S.FILED:
        move(
            doc,
            S.IN_FORCE,
            actor=actor,
            kind="file_register",
            label=label,
            changes={"registration": [before, outcome]},
        )
    else:
        event(doc, actor=actor, kind="file_register", label=label, public=False)
        audit.record(
            actor=actor,
            verb="normdocs.file_register",
            target=filing,
            changes={"registration": [before, outcome]},
            unit_id=doc.org_unit_id,
        )
    if outcome == R.DEFERRED:
        deadlines.register(
            target=filing,
            org_unit=doc.org_unit,
            label="补充备案材料期限",
            legal_basis="法规规章备案审查条例第九条（参照）",
            start_on=on,
            rule=f"{conf.resubmission_days()}cd",
            responsible=[doc.owner],
            actor=actor,
        )
    return filing


@transaction.atomic
def filing_resubmit(*, actor: Any, filing: Filing, on: dt.date | None = None) -> Filing:
    """The issuer supplies the missing materials."""
    locked_for(filing.document, actor, "file")
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    if filing.registration != R.DEFERRED or filing.resubmitted_on:
        raise DomainError("该备案无需补充材料")
    filing.resubmitted_on = today(on)
    filing.save(update_fields=["resubmitted_on"])
    event(filing.document, actor=actor, kind="file_resubmit", label="补充备案材料", public=False)
    audit.record(
        actor=actor,
        verb="normdocs.file_resubmit",
        target=filing,
        changes={"resubmitted_on": [None, filing.resubmitted_on]},
        unit_id=filing.document.org_unit_id,
    )
    deadlines.complete(target=filing, on=filing.resubmitted_on, actor=actor)
    return filing


@transaction.atomic
def filing_review_record(
    *, actor: Any, filing: Filing, outcome: str, notes: str = "", on: dt.date | None = None
) -> Filing:
    """备案审查 outcome; anything but 无问题 starts the issuer's 30-day correction report clock."""
    filing, doc = _lock_filing(filing, actor)
    if filing.registration != R.REGISTERED:
        raise DomainError("予以登记后方可进行备案审查")
    if filing.review:
        raise DomainError("该备案已作出审查结论")
    if outcome not in (V.NO_ISSUE, V.ADVISE_AMEND, V.ORDER_CORRECT, V.REVOKE):
        raise DomainError("请选择审查结论", field="outcome")
    if outcome != V.NO_ISSUE:
        notes = require_text(notes, "审查意见", "notes", 5000)
    on = today(on)
    filing.review, filing.reviewed_on, filing.review_notes, filing.reviewed_by = (
        outcome,
        on,
        notes.strip(),
        actor,
    )
    if outcome in (V.ADVISE_AMEND, V.ORDER_CORRECT):
        filing.correction_due_on = deadlines.compute(on, f"{conf.correction_report_days()}cd")
    filing.save()
    label = f"备案审查（{filing.filed_to}）：{filing.get_review_display()}"
    event(doc, actor=actor, kind="file_review", label=label, public=False)
    audit.record(
        actor=actor,
        verb="normdocs.file_review",
        target=filing,
        changes={"review": ["", outcome]},
        unit_id=doc.org_unit_id,
    )
    if filing.correction_due_on:
        deadlines.register(
            target=filing,
            org_unit=doc.org_unit,
            label="纠正情况报告期限",
            legal_basis="法规规章备案审查条例第二十一条（参照）",
            start_on=on,
            rule=f"{conf.correction_report_days()}cd",
            responsible=[doc.owner],
            actor=actor,
        )
    if outcome == V.REVOKE and doc.status in (S.PUBLISHED, S.FILED, S.IN_FORCE):
        end_document(
            doc, target=S.DECLARED_INVALID, actor=actor, on=on, reason=f"被{filing.filed_to}撤销"
        )
    indexing.enqueue(doc)
    return filing


@transaction.atomic
def correction_report_submit(
    *, actor: Any, filing: Filing, report: str, reported_on: dt.date | None = None
) -> Filing:
    """The issuer reports how it handled the review outcome."""
    doc = locked_for(filing.document, actor, "correction_report")
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    if filing.correction_due_on is None or filing.correction_reported_on:
        raise DomainError("该备案无需报告纠正情况或已报告")
    filing.correction_report = require_text(report, "纠正情况报告", "report", 5000)
    filing.correction_reported_on = today(reported_on)
    filing.save(update_fields=["correction_report", "correction_reported_on"])
    late = filing.correction_reported_on > filing.correction_due_on
    event(
        doc,
        actor=actor,
        kind="correction_report",
        label="报告纠正情况" + ("（逾期）" if late else ""),
        public=False,
    )
    audit.record(
        actor=actor,
        verb="normdocs.correction_report",
        target=filing,
        changes={"correction_reported_on": [None, filing.correction_reported_on]},
        unit_id=doc.org_unit_id,
    )
    deadlines.complete(target=filing, on=filing.correction_reported_on, actor=actor)
    return filing
