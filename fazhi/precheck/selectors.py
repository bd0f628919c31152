"""Read path of the pre-check, scoped to the viewer through the run's unit (the issuer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core import access
from fazhi.precheck.base import Rule
from fazhi.precheck.models import CheckRun, Finding
from fazhi.precheck.permissions import DECIDE, STATS, VIEW
from fazhi.precheck.rules import BY_CODE, RULES


def runs_visible_to(*, user: Any) -> QuerySet[CheckRun]:
    """Runs over documents (or pasted text) of units the user may see."""
    return access.visible(CheckRun.objects.select_related("org_unit"), user, VIEW)


def run_get_visible(*, user: Any, pk: int) -> CheckRun:
    """One run, or 404 whether it is missing or out of scope."""
    return access.get_visible(CheckRun.objects.select_related("org_unit"), user, VIEW, pk=pk)


def latest_run_for_document(*, user: Any, document_id: int) -> CheckRun | None:
    """The run over the document's newest scanned version, if the user may see it."""
    return (
        runs_visible_to(user=user)
        .filter(document_id=document_id)
        .order_by("-version_number", "-pk")
        .first()
    )


def finding_get_for_decision(*, user: Any, pk: int) -> Finding:
    """A finding the user may decide on (legality-review permission over its unit), else 404."""
    return access.get_visible(
        Finding.objects.select_related("run"), user, DECIDE, "run__org_unit", pk=pk
    )


@dataclass(frozen=True)
class FindingRow:
    """A finding as the panel shows it: the sentence split around the words that triggered it."""

    finding: Finding
    rule: Rule | None
    before: str
    excerpt: str
    after: str

    @property
    def title(self) -> str:
        return self.rule.title if self.rule else f"{self.finding.rule_code}（规则已停用）"

    @property
    def citation(self) -> str:
        return self.rule.citation if self.rule else ""


def finding_rows(run: CheckRun) -> list[FindingRow]:
    """The run's findings in reading order, ready to highlight."""
    rows = []
    for f in run.findings.select_related("reviewer").order_by("start", "rule_code"):
        a, b = f.match_start - f.start, f.match_end - f.start
        rows.append(
            FindingRow(f, BY_CODE.get(f.rule_code), f.sentence[:a], f.sentence[a:b], f.sentence[b:])
        )
    return rows


def can_decide(*, user: Any, run: CheckRun) -> bool:
    """Whether the user may accept or dismiss the run's findings."""
    return access.can_reach_unit(user, DECIDE, run.org_unit)


@dataclass(frozen=True)
class RuleStat:
    """How reviewers judged one rule's findings (own decisions only, carried ones excluded)."""

    rule: Rule
    total: int
    accepted: int
    dismissed: int
    pending: int

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def acceptance(self) -> float | None:
        decided = self.accepted + self.dismissed
        return self.accepted / decided if decided else None

    @property
    def acceptance_label(self) -> str:
        rate = self.acceptance
        return "—" if rate is None else f"{rate:.0%}"


def rule_stats(*, user: Any) -> list[RuleStat]:
    """Per-rule counts over the findings in the user's scope, every rule listed."""
    qs = access.visible(Finding.objects.all(), user, STATS, "run__org_unit")
    S = Finding.Status
    counts = {
        row["rule_code"]: row
        for row in qs.values("rule_code").annotate(
            total=Count("pk"),
            accepted=Count("pk", filter=Q(status=S.ACCEPTED, carried_from__isnull=True)),
            dismissed=Count("pk", filter=Q(status=S.DISMISSED, carried_from__isnull=True)),
            pending=Count("pk", filter=Q(status=S.PENDING)),
        )
    }
    empty = {"total": 0, "accepted": 0, "dismissed": 0, "pending": 0}
    return [
        RuleStat(
            rule=rule,
            **{
                k: counts.get(rule.code, empty)[k]
                for k in ("total", "accepted", "dismissed", "pending")
            },
        )
        for rule in RULES
    ]


def recent_dismissals(*, user: Any, rule_code: str, limit: int = 20) -> QuerySet[Finding]:
    """The reviewers' reasons for dismissing a rule's findings: what to fix in the rule."""
    qs = access.visible(Finding.objects.all(), user, STATS, "run__org_unit")
    return (
        qs.filter(rule_code=rule_code, status=Finding.Status.DISMISSED, carried_from__isnull=True)
        .select_related("reviewer")
        .order_by("-decided_at")[:limit]
    )
