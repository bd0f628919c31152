"""The lifecycle steps the detail page offers: form, policy action, states where it applies, runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.utils import timezone

from fazhi.normdocs import forms as F
from fazhi.normdocs import gates, policies, services
from fazhi.normdocs.models import Comment, Filing, NormativeDocument
from fazhi.normdocs.transitions import EDITABLE, LIVE

S = NormativeDocument.Status


@dataclass(frozen=True)
class Step:
    """One action on a document."""

    slug: str
    label: str
    form: type[djforms.Form]
    action: str  # policy action
    statuses: frozenset[str]
    run: Callable[[NormativeDocument, Any, dict[str, Any]], Any]
    danger: bool = False
    # False: posted from a row of its own (each comment's handling form), not offered in the panel.
    listed: bool = True


def _review(doc: NormativeDocument) -> Any:
    return doc.legality_reviews.filter(opinion="").order_by("-pk").first()


def _filing(doc: NormativeDocument, pk: Any) -> Filing:
    return doc.filings.get(pk=pk)


STEPS: list[Step] = [
    Step(
        "version",
        "提交新稿",
        F.VersionForm,
        "edit",
        frozenset(EDITABLE),
        lambda d, u, c: services.version_add(
            actor=u,
            doc=d,
            text=c.get("text") or "",
            note=c.get("note") or "",
            file_name=c["file"].name if c.get("file") else "",
            data=c["file"].read() if c.get("file") else b"",
        ),
    ),
    Step(
        "evaluate",
        "完成评估论证",
        F.NoteForm,
        "evaluate",
        frozenset({S.DRAFT}),
        lambda d, u, c: services.document_evaluate(actor=u, doc=d, note=c["note"]),
    ),
    Step(
        "comment_open",
        "公开征求意见",
        F.CommentOpenForm,
        "comment",
        frozenset({S.EVALUATED}),
        lambda d, u, c: services.comment_period_open(actor=u, doc=d, **c),
    ),
    Step(
        "comment_add",
        "登记意见",
        F.CommentAddForm,
        "comment",
        frozenset({S.PUBLIC_COMMENT}),
        lambda d, u, c: services.comment_add(actor=u, doc=d, **c),
    ),
    Step(
        "comment_handle",
        "处理意见",
        F.CommentHandleForm,
        "comment",
        frozenset({S.PUBLIC_COMMENT, S.COMMENT_CLOSED, S.FAIR_REVIEWED}),
        lambda d, u, c: services.comment_handle(
            actor=u,
            comment=Comment.objects.get(pk=c["comment"], period__document=d),
            handling=c["handling"],
            reason=c.get("reason") or "",
        ),
        listed=False,
    ),
    Step(
        "comment_close",
        "结束征求意见",
        F.CloseForm,
        "comment",
        frozenset({S.PUBLIC_COMMENT}),
        lambda d, u, c: services.comment_period_close(actor=u, doc=d, closed_on=c["closed_on"]),
    ),
    Step(
        "fair_review",
        "公平竞争审查",
        F.FairReviewForm,
        "fair_review",
        frozenset({S.COMMENT_CLOSED}),
        lambda d, u, c: services.fair_review_record(actor=u, doc=d, **c),
    ),
    Step(
        "dept_precheck",
        "部门法制机构审查",
        F.OpinionForm,
        "dept_precheck",
        frozenset({S.COMMENT_CLOSED, S.FAIR_REVIEWED}),
        lambda d, u, c: services.dept_precheck_record(actor=u, doc=d, opinion=c["opinion"]),
    ),
    Step(
        "review_submit",
        "报送合法性审核",
        F.SubmitReviewForm,
        "submit_review",
        frozenset({S.DEPT_PRECHECKED, S.REVISE}),
        lambda d, u, c: services.legality_review_submit(
            actor=u, doc=d, received_on=c["received_on"]
        ),
    ),
    Step(
        "review",
        "出具合法性审核意见",
        F.ReviewForm,
        "review",
        frozenset({S.LEGALITY_REVIEW}),
        lambda d, u, c: services.legality_review_record(
            actor=u,
            review=_review(d),
            opinion=c["opinion"],
            violations=set(c.get("violations") or ()),
            notes=c.get("notes") or "",
            completed_on=c["completed_on"],
        ),
    ),
    Step(
        "changes_made",
        "确认已按意见修改",
        F.EmptyForm,
        "confirm_changes",
        frozenset({S.REVISE}),
        lambda d, u, c: services.document_confirm_changes(actor=u, doc=d),
    ),
    Step(
        "deliberate",
        "记录集体审议",
        F.DeliberationForm,
        "deliberate",
        frozenset({S.REVIEW_PASSED}),
        lambda d, u, c: services.deliberation_record(actor=u, doc=d, **c),
    ),
    Step(
        "sign",
        "签发",
        F.SignForm,
        "sign",
        frozenset({S.DELIBERATED}),
        lambda d, u, c: services.document_sign(actor=u, doc=d, **c),
    ),
    Step(
        "register",
        "统一登记编号",
        F.RegisterForm,
        "register",
        frozenset({S.SIGNED}),
        lambda d, u, c: services.document_register(actor=u, doc=d, year=c["year"]),
    ),
    Step(
        "publish",
        "公开发布",
        F.PublishForm,
        "publish",
        frozenset({S.REGISTERED}),
        lambda d, u, c: services.document_publish(actor=u, doc=d, **c),
    ),
    Step(
        "file",
        "报送备案",
        F.FileForm,
        "file",
        frozenset(LIVE),
        lambda d, u, c: services.filing_submit(actor=u, doc=d, filed_on=c["filed_on"]),
    ),
    Step(
        "amend",
        "启动修改/废止",
        F.AmendForm,
        "amend",
        frozenset(LIVE),
        lambda d, u, c: services.document_amend_start(actor=u, doc=d, **c),
    ),
    Step(
        "end",
        "废止/宣布失效",
        F.EndForm,
        "repeal",
        frozenset(LIVE),
        lambda d, u, c: services.document_end(actor=u, doc=d, **c),
        danger=True,
    ),
]
BY_SLUG = {step.slug: step for step in STEPS}


def initial_for(step: Step, doc: NormativeDocument) -> dict[str, Any]:
    """Sensible defaults (today, the current year) for a step form."""
    today = timezone.localdate()
    values: dict[str, Any] = {}
    for name in (
        "opened_on",
        "closed_on",
        "reviewed_on",
        "received_on",
        "completed_on",
        "meeting_on",
        "signed_on",
        "published_on",
        "filed_on",
    ):
        values[name] = today
    values["year"] = today.year
    return values


def _filed_to_default_body(doc: NormativeDocument) -> bool:
    body = services.default_filing_body(doc)
    return body is not None and doc.filings.filter(filed_to=body).exists()


def available_steps(user: Any, doc: NormativeDocument) -> list[Step]:
    """Steps the user may take now (by policy and state)."""
    result = []
    for step in STEPS:
        if not step.listed or doc.status not in step.statuses:
            continue
        if not policies.can(user, step.action, doc):
            continue
        if step.slug == "fair_review" and not doc.affects_market:
            continue
        if step.slug == "file" and _filed_to_default_body(doc):
            continue  # the form has no body to choose: filing twice to the same one is refused
        if step.slug == "changes_made":
            review = gates.latest_review(doc)
            if review is None or review.opinion != "legal_with_changes":
                continue
        result.append(step)
    return result
