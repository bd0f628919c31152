"""Drafting: create, edit, versions, evaluation, public comment, fair-competition review, pre-check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404

from fazhi.core import access, audit
from fazhi.core.errors import DomainError
from fazhi.normdocs import conf, deadlines, indexing
from fazhi.normdocs import permissions as P
from fazhi.normdocs.models import (
    DocumentVersion,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
)
from fazhi.normdocs.services._common import (
    S,
    event,
    locked_for,
    move,
    record_step,
    require_text,
    today,
)
from fazhi.normdocs.services.comments import _comments_pending
from fazhi.normdocs.services.validation import validate_issuer, validate_validity
from fazhi.normdocs.textextract import extract_text
from fazhi.normdocs.transitions import EDITABLE
from fazhi.precheck.services import document_version_scan

EDIT_FIELDS = (
    "title",
    "kind",
    "is_provisional",
    "affects_market",
    "legal_basis",
    "drafting_note",
    "effective_on",
    "expires_on",
)


@transaction.atomic
def document_create(
    *,
    actor: Any,
    title: str,
    org_unit: Any,
    drafting_unit: Any = None,
    kind: str = NormativeDocument.Kind.DEPARTMENT,
    is_provisional: bool = False,
    affects_market: bool = False,
    legal_basis: str = "",
    drafting_note: str = "",
    effective_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    text: str = "",
    supersedes: NormativeDocument | None = None,
    relation: str = NormativeDocument.Relation.ENACT,
) -> NormativeDocument:
    """Start a draft issued by `org_unit`; the actor must hold 起草 over it."""
    drafting_unit = drafting_unit or org_unit
    if not (
        access.can_reach_unit(actor, P.DRAFT, org_unit)
        or access.can_reach_unit(actor, P.DRAFT, drafting_unit)
    ):
        raise Http404("记录不存在或无权操作")
    if kind not in NormativeDocument.Kind.values:
        raise DomainError("请选择文件类别", field="kind")
    if relation not in NormativeDocument.Relation.values:
        raise DomainError("立改废类型无效", field="relation")
    validate_issuer(kind, org_unit)
    validate_validity(effective_on, expires_on, is_provisional=is_provisional)
    doc = NormativeDocument.objects.create(
        title=require_text(title, "标题", "title", 200),
        org_unit=org_unit,
        drafting_unit=drafting_unit,
        kind=kind,
        is_provisional=is_provisional,
        affects_market=affects_market,
        legal_basis=legal_basis.strip(),
        drafting_note=drafting_note.strip(),
        effective_on=effective_on,
        expires_on=expires_on,
        supersedes=supersedes,
        relation=relation,
        owner=actor,
        created_by=actor,
    )
    event(
        doc, actor=actor, kind="create", label=f"起草（{doc.get_relation_display()}）", public=False
    )
    audit.record(
        actor=actor, verb="normdocs.create", target=doc, changes={"title": [None, doc.title]}
    )
    if text.strip():
        _add_version(doc, actor=actor, text=text, source=DocumentVersion.Source.PASTE, note="初稿")
    indexing.enqueue(doc)
    return doc


@transaction.atomic
def document_update(*, actor: Any, doc: NormativeDocument, **fields: Any) -> NormativeDocument:
    """Edit the draft's particulars while it is still being drafted."""
    doc = locked_for(doc, actor, "edit")
    if doc.status not in EDITABLE:
        raise DomainError(f"文件处于“{doc.get_status_display()}”阶段，不能修改基本信息")
    unknown = set(fields) - set(EDIT_FIELDS)
    if unknown:
        raise DomainError(f"不能修改字段：{'、'.join(sorted(unknown))}")
    before = audit.snapshot(doc, list(fields))
    for name, value in fields.items():
        setattr(doc, name, value.strip() if isinstance(value, str) else value)
    doc.title = require_text(doc.title, "标题", "title", 200)
    validate_issuer(doc.kind, doc.org_unit)
    validate_validity(doc.effective_on, doc.expires_on, is_provisional=doc.is_provisional)
    doc.save()
    changes = audit.diff(before, audit.snapshot(doc, list(fields)))
    record_step(doc, actor=actor, kind="update", label="修改基本信息", changes=changes)
    indexing.enqueue(doc)
    return doc


def _add_version(
    doc: NormativeDocument,
    *,
    actor: Any,
    text: str,
    source: str,
    note: str = "",
    file_name: str = "",
    attachment_id: int | None = None,
) -> DocumentVersion:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DomainError("文本内容为空", field="text")
    number = (doc.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion.objects.create(
        document=doc,
        number=number,
        source=source,
        text=text,
        note=note[:200],
        file_name=file_name[:255],
        attachment_id=attachment_id,
        created_by=actor,
    )
    doc.body_text = text
    doc.save(update_fields=["body_text", "updated_at"])
    # 合法性预审: the new text is scanned in the same transaction; findings await the reviewer.
    document_version_scan(actor=actor, document=doc, version=version)
    record_step(
        doc,
        actor=actor,
        kind="version",
        label=f"提交第{number}稿（{version.get_source_display()}）",
        changes={"version": [number - 1 or None, number]},
    )
    return version


@transaction.atomic
def version_add(
    *,
    actor: Any,
    doc: NormativeDocument,
    text: str = "",
    file_name: str = "",
    data: bytes = b"",
    note: str = "",
) -> DocumentVersion:
    """A new draft text, pasted or extracted from an uploaded .docx/.pdf/.txt (kept as an attachment)."""
    doc = locked_for(doc, actor, "edit")
    if doc.status not in EDITABLE:
        raise DomainError(f"文件处于“{doc.get_status_display()}”阶段，不能提交新稿")
    if data:
        text = extract_text(file_name, data)
        attachment_id = _store_file(doc, actor=actor, file_name=file_name, data=data)
        version = _add_version(
            doc,
            actor=actor,
            text=text,
            source=DocumentVersion.Source.UPLOAD,
            note=note,
            file_name=file_name,
            attachment_id=attachment_id,
        )
    else:
        version = _add_version(
            doc, actor=actor, text=text, source=DocumentVersion.Source.PASTE, note=note
        )
    indexing.enqueue(doc)
    return version


def _store_file(doc: NormativeDocument, *, actor: Any, file_name: str, data: bytes) -> int | None:
    """Keep the original through the files app when it is installed."""
    import importlib.util
    import io

    if importlib.util.find_spec("fazhi.files.services") is None:
        return None
    from fazhi.files.services import attachment_upload

    attachment = attachment_upload(
        actor=actor,
        file=io.BytesIO(data),
        name=file_name,
        org_unit=doc.org_unit,
        owner=doc,
        stage="起草",
        description="规范性文件草案",
    )
    return attachment.pk


@transaction.atomic
def document_evaluate(*, actor: Any, doc: NormativeDocument, note: str) -> NormativeDocument:
    """评估论证 done: the draft has a text and an evaluation note."""
    doc = locked_for(doc, actor, "evaluate")
    note = require_text(note, "评估论证情况", "note", 2000)
    if not doc.versions.exists():
        raise DomainError("请先提交草案文本，再进行评估论证")
    return move(doc, S.EVALUATED, actor=actor, kind="evaluate", label=f"完成评估论证：{note}")


@transaction.atomic
def fair_review_record(
    *,
    actor: Any,
    doc: NormativeDocument,
    reviewed_on: dt.date,
    reviewing_body: str,
    conclusion: str,
    exception_reason: str = "",
    notes: str = "",
) -> FairCompetitionReview:
    """公平竞争审查 by the drafting unit; a non-compliant measure cannot go on (Art 18)."""
    doc = locked_for(doc, actor, "fair_review")
    if not doc.affects_market:
        raise DomainError("该文件不涉及市场主体经济活动，无需公平竞争审查")
    if conclusion not in FairCompetitionReview.Conclusion.values:
        raise DomainError("请选择审查结论", field="conclusion")
    if conclusion == FairCompetitionReview.Conclusion.EXCEPTION and not exception_reason.strip():
        raise DomainError("适用例外规定的，应当说明理由及实施期限", field="exception_reason")
    if doc.status != S.COMMENT_CLOSED:
        raise DomainError("公平竞争审查应在征求意见结束后、法制审核前进行")
    review = FairCompetitionReview.objects.create(
        document=doc,
        reviewed_on=reviewed_on,
        reviewing_body=require_text(reviewing_body, "审查机构", "reviewing_body", 100),
        conclusion=conclusion,
        exception_reason=exception_reason.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    if conclusion == FairCompetitionReview.Conclusion.NON_COMPLIANT:
        record_step(
            doc,
            actor=actor,
            kind="fair_review",
            label="公平竞争审查：不符合，须修改后重新审查",
            changes={"fair_review": [None, conclusion]},
        )
        return review
    move(
        doc,
        S.FAIR_REVIEWED,
        actor=actor,
        kind="fair_review",
        label=f"公平竞争审查：{review.get_conclusion_display()}",
        changes={"fair_review": [None, conclusion]},
    )
    return review


@transaction.atomic
def dept_precheck_record(*, actor: Any, doc: NormativeDocument, opinion: str) -> NormativeDocument:
    """The drafting department's legal office opinion (部门法制机构审查)."""
    doc = locked_for(doc, actor, "dept_precheck")
    opinion = require_text(opinion, "法制机构意见", "opinion", 5000)
    pending = _comments_pending(doc)
    if pending:
        raise DomainError(f"还有 {pending} 条公众意见未处理，请先逐条说明采纳情况")
    if doc.affects_market and doc.status != S.FAIR_REVIEWED:
        raise DomainError("涉及市场主体经济活动的文件，须先通过公平竞争审查")
    return move(
        doc,
        S.DEPT_PRECHECKED,
        actor=actor,
        kind="dept_precheck",
        label=f"部门法制机构审查：{opinion}",
    )


@transaction.atomic
def legality_review_submit(
    *, actor: Any, doc: NormativeDocument, received_on: dt.date | None = None
) -> LegalityReview:
    """Send the draft for 合法性审核; the review window clock starts (≤ 15 WD by default)."""
    doc = locked_for(doc, actor, "submit_review")
    received_on = today(received_on)
    rule = f"{conf.review_max_working_days()}wd"
    move(doc, S.LEGALITY_REVIEW, actor=actor, kind="review_submit", label="报送合法性审核")
    review = LegalityReview.objects.create(
        document=doc,
        version=doc.versions.order_by("-number").first(),
        submitted_by=actor,
        received_on=received_on,
        due_on=deadlines.compute(received_on, rule),
    )
    deadlines.register(
        target=review,
        org_unit=doc.org_unit,
        label="合法性审核期限",
        legal_basis="国办发〔2018〕115号",
        start_on=received_on,
        rule=rule,
        responsible=[actor],
        actor=actor,
    )
    return review
