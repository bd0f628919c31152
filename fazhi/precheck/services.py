"""Write path of the pre-check: scanning a text into a run with findings, and deciding findings."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.precheck.models import CheckRun, Finding
from fazhi.precheck.permissions import CHECK, DECIDE
from fazhi.precheck.rules import ruleset_version, scan_sentence
from fazhi.precheck.sentences import split_sentences

MAX_CHARS = 1_000_000
F = Finding.Status


@transaction.atomic
def document_version_scan(*, actor: Any, document: Any, version: Any) -> CheckRun:
    """Scan a normative document's new version (called by normdocs inside its own transaction).

    A sentence flagged by the same rule in an earlier version keeps the reviewer's decision, so a
    reviewer does not judge the same wording twice; the carried decision names its origin.
    """
    return _run_create(
        actor=actor,
        org_unit=document.org_unit,
        text=version.text,
        document_id=document.pk,
        version_id=version.pk,
        version_number=version.number,
    )


@transaction.atomic
def adhoc_check(*, actor: Any, text: str) -> CheckRun:
    """Scan pasted text for the actor's own unit (to try a draft before it is uploaded)."""
    unit = getattr(actor, "org_unit", None)
    if unit is None or not access.can_reach_unit(actor, CHECK, unit):
        raise Http404("页面不存在")
    return _run_create(actor=actor, org_unit=unit, text=text)


def _run_create(
    *,
    actor: Any,
    org_unit: Any,
    text: str,
    document_id: int | None = None,
    version_id: int | None = None,
    version_number: int | None = None,
) -> CheckRun:
    text = (text or "").replace("\x00", "")  # PostgreSQL text cannot hold NUL
    if not text.strip():
        raise DomainError("请填写需要预审的文本", field="text")
    if len(text) > MAX_CHARS:
        raise DomainError(f"文本超过 {MAX_CHARS:,} 字，请分段预审", field="text")
    sentences = split_sentences(text)
    hits = [hit for s in sentences for hit in scan_sentence(s)]
    run = CheckRun.objects.create(
        org_unit=org_unit,
        document_id=document_id,
        version_id=version_id,
        version_number=version_number,
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        ruleset=ruleset_version(),
        sentence_count=len(sentences),
        finding_count=len(hits),
        created_by=actor,
    )
    earlier = _earlier_decisions(document_id) if document_id else {}
    findings = []
    for hit in hits:
        finding = Finding(
            run=run,
            rule_code=hit.rule.code,
            category=hit.rule.category,
            sentence=hit.sentence.text,
            start=hit.sentence.start,
            end=hit.sentence.end,
            match_start=hit.match_start,
            match_end=hit.match_end,
            excerpt=hit.excerpt[:200],
        )
        _carry(finding, earlier.get((hit.rule.code, hit.sentence.text)))
        findings.append(finding)
    Finding.objects.bulk_create(findings)
    carried = sum(1 for f in findings if f.carried_from_id)
    audit.record(
        actor=actor,
        verb="precheck.run_create",
        target=run,
        changes={"finding_count": [None, len(findings)], "carried": [None, carried]},
        unit_id=org_unit.pk,
    )
    return run


def _earlier_decisions(document_id: int) -> dict[tuple[str, str], Finding]:
    """The latest decision per (rule, sentence) over the document's earlier versions."""
    decided = (
        Finding.objects.filter(run__document_id=document_id)
        .exclude(status=F.PENDING)
        .order_by("decided_at", "pk")
    )
    return {(f.rule_code, f.sentence): f for f in decided}


def _carry(finding: Finding, origin: Finding | None) -> None:
    if origin is None:
        return
    finding.status = origin.status
    finding.reviewer_id = origin.reviewer_id
    finding.decided_at = origin.decided_at
    finding.note = origin.note
    finding.carried_from = origin.carried_from or origin


@transaction.atomic
def finding_decide(*, actor: Any, finding: Finding, decision: str, note: str = "") -> Finding:
    """The reviewer's 采纳 (accepted) or 不采纳 (dismissed, with a reason); audited for tuning."""
    finding = Finding.objects.select_for_update().select_related("run__org_unit").get(pk=finding.pk)
    if not access.can_reach_unit(actor, DECIDE, finding.run.org_unit):
        raise Http404("记录不存在或无权操作")
    if decision not in (F.ACCEPTED, F.DISMISSED):
        raise DomainError("请选择采纳或不采纳", field="decision")
    note = (note or "").replace("\x00", "").strip()
    if decision == F.DISMISSED and not note:
        raise DomainError("不采纳的，请说明理由（用于改进预审规则）", field="note")
    if len(note) > 500:
        raise DomainError("说明不能超过 500 个字符", field="note")
    before = {"status": finding.status, "note": finding.note}
    finding.status = decision
    finding.note = note
    finding.reviewer = actor
    finding.decided_at = timezone.now()
    finding.carried_from = None
    finding.save(update_fields=["status", "note", "reviewer", "decided_at", "carried_from"])
    audit.record(
        actor=actor,
        verb="precheck.finding_decide",
        target=finding,
        changes=audit.diff(before, {"status": decision, "note": note}),
        unit_id=finding.run.org_unit_id,
    )
    return finding
