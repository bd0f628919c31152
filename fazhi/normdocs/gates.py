"""The hard gates (domain.md §1) and the "what is missing" summary for the detail page."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.errors import DomainError
from fazhi.normdocs.models import Deliberation, LegalityReview, NormativeDocument

S = NormativeDocument.Status


def latest_review(doc: NormativeDocument) -> LegalityReview | None:
    """The most recent completed legality review."""
    return (
        doc.legality_reviews.exclude(opinion="")
        .select_related("version")
        .order_by("-completed_on", "-pk")
        .first()
    )


def latest_decision(doc: NormativeDocument) -> Deliberation | None:
    return doc.deliberations.order_by("-meeting_on", "-pk").first()


def ensure_review_passed(doc: NormativeDocument) -> None:
    """未经合法性审核或者经审核不合法的，不得提交集体审议 (37号 §六)."""
    review = latest_review(doc)
    if review is None:
        raise DomainError("未经合法性审核的文件，不得提交集体审议")
    if review.opinion == LegalityReview.Opinion.ILLEGAL:
        raise DomainError("合法性审核意见为“不合法”，不得提交集体审议")
    if not review.passed:
        raise DomainError("审核意见为“修改后合法”，须按意见修改并确认后方可提交集体审议")
    if doc.status != S.REVIEW_PASSED:
        raise DomainError(f"文件处于“{doc.get_status_display()}”阶段，不能提交集体审议")


def ensure_decided(doc: NormativeDocument) -> None:
    """No signing or numbering without an approving collective decision."""
    decision = latest_decision(doc)
    if decision is None or not decision.approved:
        raise DomainError("未经集体审议决定通过的文件，不得签发、登记编号")


@dataclass(frozen=True)
class Gate:
    """The next step of a document and what it still lacks."""

    step: str
    missing: list[str]


def current_gate(doc: NormativeDocument) -> Gate:
    """What the document needs next, in plain Chinese."""
    missing: list[str] = []
    status = doc.status
    if status == S.DRAFT:
        if not doc.versions.exists():
            missing.append("草案文本")
        return Gate("评估论证", missing + ["评估论证情况"])
    if status == S.EVALUATED:
        return Gate("公开征求意见", ["征求意见公告（不少于规定期限）"])
    if status == S.PUBLIC_COMMENT:
        period = doc.comment_periods.order_by("-opened_on").first()
        return Gate("结束征求意见", [f"征求意见期至 {period.closes_on} 届满"] if period else [])
    if status in (S.COMMENT_CLOSED, S.FAIR_REVIEWED):
        pending = doc.comment_periods.filter(comments__handling="").count()
        if pending:
            missing.append(f"{pending} 条意见未说明采纳情况")
        if doc.affects_market and status != S.FAIR_REVIEWED:
            return Gate("公平竞争审查", missing + ["公平竞争审查结论"])
        return Gate("部门法制机构审查", missing + ["法制机构审查意见"])
    if status == S.DEPT_PRECHECKED:
        return Gate("报送合法性审核", [])
    if status == S.LEGALITY_REVIEW:
        return Gate("合法性审核", ["审核意见及严禁事项核查"])
    if status == S.REVISE:
        review = latest_review(doc)
        if review and review.opinion == LegalityReview.Opinion.LEGAL_WITH_CHANGES:
            return Gate("按审核意见修改", ["修改后的新稿", "确认修改完成"])
        return Gate("修改后重新报送合法性审核", ["修改后的新稿"])
    if status == S.REVIEW_PASSED:
        return Gate("集体审议", ["会议审议决定"])
    if status == S.DELIBERATED:
        return Gate("签发", ["签发人及日期"])
    if status == S.SIGNED:
        return Gate("统一登记编号", [])
    if status == S.REGISTERED:
        return Gate("公开发布", ["政策解读", "公布载体"])
    if status == S.PUBLISHED:
        return Gate("报送备案", ["备案报告"])
    if status == S.FILED:
        return Gate("备案登记", ["备案机关登记结果"])
    return Gate("", [])
