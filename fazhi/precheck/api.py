"""REST endpoints of the precheck app (mounted at /api/precheck/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.precheck import selectors
from fazhi.precheck.permissions import CHECK
from fazhi.precheck.rules import BY_CODE, ruleset_version, scan
from fazhi.precheck.services import MAX_CHARS

router = Router(tags=["合法性预审"])


class CheckIn(Schema):
    text: str


class FindingOut(Schema):
    """One flagged sentence: offsets index into the checked text (or the version's text)."""

    rule: str
    title: str
    category: str
    citation: str
    sentence: str
    start: int
    end: int
    excerpt: str
    status: str = "pending"


class RunOut(Schema):
    ruleset: str
    version_number: int | None = None
    findings: list[FindingOut]


@router.post("/check", response=RunOut, summary="对一段文本进行合法性预审（不保存）")
def check(request: HttpRequest, payload: CheckIn) -> RunOut:
    if not access.has_perm(request.user, CHECK):
        raise Http404
    text = payload.text
    if not text.strip():
        raise DomainError("请填写需要预审的文本", field="text")
    if len(text) > MAX_CHARS:
        raise DomainError(f"文本超过 {MAX_CHARS:,} 字，请分段预审", field="text")
    findings = [
        FindingOut(
            rule=h.rule.code,
            title=h.rule.title,
            category=h.rule.category,
            citation=h.rule.citation,
            sentence=h.sentence.text,
            start=h.sentence.start,
            end=h.sentence.end,
            excerpt=h.excerpt,
        )
        for h in scan(text)
    ]
    return RunOut(ruleset=ruleset_version(), findings=findings)


@router.get("/documents/{doc_id}/findings", response=RunOut, summary="规范性文件最新一稿的预审提示")
def document_findings(request: HttpRequest, doc_id: int) -> RunOut:
    run = selectors.latest_run_for_document(user=request.user, document_id=doc_id)
    if run is None:
        raise Http404
    findings = []
    for f in run.findings.order_by("start", "rule_code"):
        rule = BY_CODE.get(f.rule_code)
        findings.append(
            FindingOut(
                rule=f.rule_code,
                title=rule.title if rule else "",
                category=f.category,
                citation=rule.citation if rule else "",
                sentence=f.sentence,
                start=f.start,
                end=f.end,
                excerpt=f.excerpt,
                status=f.status,
            )
        )
    return RunOut(ruleset=run.ruleset, version_number=run.version_number, findings=findings)
