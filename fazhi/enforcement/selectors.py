"""Read path of the enforcement app — and the contract other apps rely on (keep stable).

Contract (inspections, evaluation, analytics, portal, reconsideration):

- ``officer_is_certified(officer, on_date, domain=None) -> bool``: the officer is active and holds a
  certificate valid on `on_date` (not revoked; covering `domain` when given — the certificate's
  domains, else the officer's; neither set = every domain).
- ``officers_certified_in(units, on_date, domain=None) -> QuerySet[Officer]``: `units` is a ``Q`` over
  Officer (e.g. ``unit.subtree_q("org_unit__path")``), one OrgUnit, or an iterable of units / ids.
- ``case_list_visible_to(user, *, q="", status="", kind="", unit_id=None, perm=VIEW_CASES)`` and
  ``case_get_visible(user, pk)`` (404 when missing or out of scope).
- ``closed_cases_for_sampling(unit, date_from, date_to) -> QuerySet[Case]``: closed or archived cases
  of exactly that unit whose ``closed_on`` lies in [date_from, date_to].
- ``published_power_items(unit=None)``, ``published_benchmarks(unit=None, power_item=None)``,
  ``published_lenient_lists(unit=None)``: public registers (portal).
- ``published_decisions(unit=None, q="")``: a sliceable, countable sequence of dicts (works with
  Paginator) — penalty decisions on public display with personal data masked; never a model.
  ``published_decision(pk)`` one such dict or Http404.
- ``case_facts_for_analytics() -> QuerySet[dict]``: one values() row per case, keys listed in
  ``FACT_FIELDS`` (unit_id, kind, procedure, status, dates, amount, benchmark_tier, amount_in_tier,
  legal_review_*, publicity dates, officer_certified, …; the tier is `benchmark_tier_code`
  (none/mitigated/lighter/normal/heavier) and `benchmark_tier_id`). Unscoped: callers scope by unit_id.
- Service (in ``services``): ``case_mark_revoked(*, case, by, outcome, decided_on, actor)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from fazhi.core import access
from fazhi.core.models import OrgUnit

from . import conf
from .models import (
    BenchmarkTier,
    Case,
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    LenientListEntry,
    Officer,
    PowerItem,
)
from .permissions import VIEW_CASES, VIEW_REGISTERS
from .selectors_public import (  # public read path, re-exported as part of the contract
    MaskedDecisions as MaskedDecisions,
)
from .selectors_public import (
    published_benchmark as published_benchmark,
)
from .selectors_public import (
    published_benchmarks as published_benchmarks,
)
from .selectors_public import (
    published_decision as published_decision,
)
from .selectors_public import (
    published_decision_years as published_decision_years,
)
from .selectors_public import (
    published_decisions as published_decisions,
)
from .selectors_public import (
    published_lenient_lists as published_lenient_lists,
)
from .selectors_public import (
    published_power_items as published_power_items,
)
from .selectors_public import (
    published_units as published_units,
)

# ---- certification ---------------------------------------------------------------------------


def _valid_certificates(on_date: dt.date, domain: str | None = None) -> QuerySet[Certificate]:
    qs = Certificate.objects.filter(valid_from__lte=on_date, valid_to__gte=on_date).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on_date)
    )
    if domain:
        # the certificate's domains when it lists any, else the officer's; none at all = every domain
        tag = f",{domain},"
        qs = qs.filter(
            Q(domains__contains=tag)
            | Q(domains="", officer__domains__contains=tag)
            | Q(domains="", officer__domains="")
        )
    return qs


def officer_is_certified(officer: Officer, on_date: dt.date, domain: str | None = None) -> bool:
    """Whether the officer may act on `on_date` (active, valid certificate, domain covered)."""
    if not officer.active:
        return False
    return _valid_certificates(on_date, domain).filter(officer_id=officer.pk).exists()


def officer_valid_certificate(
    officer: Officer, on_date: dt.date, domain: str | None = None
) -> Certificate | None:
    """The certificate that makes the officer certified on `on_date` (for `domain`), if any."""
    qs = _valid_certificates(on_date, domain).filter(officer_id=officer.pk)
    return qs.order_by("-valid_to").first()


def certificate_covers_domain(cert_domains: str, officer_domains: str, domain: str | None) -> bool:
    """The in-memory form of the domain rule of `_valid_certificates` (used by batch ingest)."""
    if not domain:
        return True
    tag = f",{domain},"
    if cert_domains:
        return tag in cert_domains
    return not officer_domains or tag in officer_domains


def officers_certified_in(
    units: Q | OrgUnit | Iterable[Any], on_date: dt.date, domain: str | None = None
) -> QuerySet[Officer]:
    """Active officers of `units` holding a valid certificate on `on_date`."""
    qs = Officer.objects.filter(active=True).select_related("org_unit", "user")
    if isinstance(units, Q):
        qs = qs.filter(units)
    elif isinstance(units, OrgUnit):
        qs = qs.filter(org_unit=units)
    else:
        ids = [u.pk if isinstance(u, OrgUnit) else int(u) for u in units]
        qs = qs.filter(org_unit_id__in=ids)
    valid = _valid_certificates(on_date, domain).filter(officer_id=OuterRef("pk"))
    return qs.filter(Exists(valid))


# ---- registers -------------------------------------------------------------------------------


def subject_list_visible_to(*, user: Any, q: str = "") -> QuerySet[EnforcementSubject]:
    qs = EnforcementSubject.objects.select_related("org_unit", "entrusting_unit")
    if q:
        qs = qs.filter(Q(org_unit__name__contains=q) | Q(entrustment_document__contains=q))
    return access.visible(qs, user, VIEW_REGISTERS)


def subject_get_visible(*, user: Any, pk: int) -> EnforcementSubject:
    """One subject in the user's register scope, or Http404."""
    qs = EnforcementSubject.objects.select_related("org_unit", "entrusting_unit")
    return access.get_visible(qs, user, VIEW_REGISTERS, pk=pk)


def officer_list_visible_to(
    *, user: Any, q: str = "", flag: str = "", today: dt.date | None = None
) -> QuerySet[Officer]:
    """Officers in scope, annotated with current certificate validity and this year's hours.

    `flag`: "expired" (no valid certificate today), "expiring" (valid, ends within the warning
    window), "training" (hours this year below the goal).
    """
    today = today or dt.date.today()  # noqa: DTZ011
    valid_now = _valid_certificates(today).filter(officer_id=OuterRef("pk"))
    soon = today + dt.timedelta(days=conf.certificate_warning_days())
    valid_later = _valid_certificates(soon).filter(officer_id=OuterRef("pk"))
    qs = Officer.objects.select_related("org_unit", "user").annotate(
        certified_now=Exists(valid_now),
        certified_soon=Exists(valid_later),
        training_hours=Coalesce(
            Sum("trainings__hours", filter=Q(trainings__year=today.year)), Decimal("0")
        ),
    )
    if q:
        qs = qs.filter(Q(full_name__contains=q) | Q(certificates__number__contains=q)).distinct()
    if flag == "expired":
        qs = qs.filter(certified_now=False)
    elif flag == "expiring":
        qs = qs.filter(certified_now=True, certified_soon=False)
    elif flag == "training":
        qs = qs.filter(training_hours__lt=conf.training_hours_goal())
    return access.visible(qs, user, VIEW_REGISTERS)


def officer_get_visible(*, user: Any, pk: int) -> Officer:
    return access.get_visible(
        Officer.objects.select_related("org_unit", "user"), user, VIEW_REGISTERS, pk=pk
    )


def power_item_list_visible_to(
    *, user: Any, q: str = "", category: str = "", unit_id: int | None = None
) -> QuerySet[PowerItem]:
    qs = PowerItem.objects.select_related("org_unit", "responsible_unit")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(legal_basis__contains=q))
    if category:
        qs = qs.filter(category=category)
    if unit_id:
        qs = qs.filter(org_unit_id=unit_id)
    return access.visible(qs, user, VIEW_REGISTERS)


def benchmark_list_visible_to(*, user: Any, q: str = "") -> QuerySet[DiscretionBenchmark]:
    qs = DiscretionBenchmark.objects.select_related("org_unit", "power_item").annotate(
        tier_count=Count("tiers")
    )
    if q:
        qs = qs.filter(Q(violation__contains=q) | Q(power_item__name__contains=q))
    return access.visible(qs, user, VIEW_REGISTERS)


def lenient_list_visible_to(*, user: Any, list_kind: str = "") -> QuerySet[LenientListEntry]:
    qs = LenientListEntry.objects.select_related("org_unit", "power_item")
    if list_kind:
        qs = qs.filter(list_kind=list_kind)
    return access.visible(qs, user, VIEW_REGISTERS)


def tiers_for_power_item(power_item: PowerItem) -> QuerySet[BenchmarkTier]:
    """Tiers of the benchmarks defined for a penalty item (for the decision form)."""
    return BenchmarkTier.objects.filter(benchmark__power_item=power_item).select_related(
        "benchmark"
    )


# ---- cases -----------------------------------------------------------------------------------


def case_list_visible_to(
    user: Any,
    *,
    q: str = "",
    status: str = "",
    kind: str = "",
    unit_id: int | None = None,
    perm: str = VIEW_CASES,
) -> QuerySet[Case]:
    """Cases whose unit lies in the user's scope for `perm`, filtered."""
    qs = Case.objects.select_related("org_unit", "power_item")
    if q:
        qs = qs.filter(Q(number__contains=q) | Q(title__contains=q) | Q(party_name__contains=q))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(org_unit_id=unit_id)
    return access.visible(qs, user, perm)


def case_get_visible(user: Any, pk: int, perm: str = VIEW_CASES) -> Case:
    """One case in scope, or 404."""
    qs = Case.objects.select_related("org_unit", "power_item", "benchmark_tier", "handler")
    return access.get_visible(qs, user, perm, pk=pk)


def closed_cases_for_sampling(
    unit: OrgUnit, date_from: dt.date, date_to: dt.date
) -> QuerySet[Case]:
    """Closed (or archived) cases of `unit` closed within [date_from, date_to], in pk order."""
    return Case.objects.filter(
        org_unit=unit,
        status__in=[Case.Status.CLOSED, Case.Status.ARCHIVED],
        closed_on__gte=date_from,
        closed_on__lte=date_to,
    ).order_by("pk")


def publicity_queue_visible_to(*, user: Any, perm: str = VIEW_CASES) -> QuerySet[Case]:
    """Decisions awaiting publication (or withdrawal), most urgent first."""
    qs = Case.objects.select_related("org_unit").filter(
        Q(publicity=Case.Publicity.PENDING)
        | Q(publicity=Case.Publicity.PUBLISHED, withdraw_due_on__isnull=False)
    )
    return access.visible(qs, user, perm).order_by("publish_due_on", "pk")


def legal_review_queue_visible_to(*, user: Any, perm: str) -> QuerySet[Case]:
    """Cases waiting for a legal review in the user's scope."""
    qs = Case.objects.select_related("org_unit").filter(status=Case.Status.LEGAL_REVIEW)
    return access.visible(qs, user, perm).order_by("decision_due_on", "pk")


# ---- public (portal): in selectors_public, re-exported above -----------------------------------


# ---- analytics -------------------------------------------------------------------------------

FACT_FIELDS = (
    "id",
    "unit_id",
    "power_item_id",
    "kind",
    "procedure",
    "status",
    "domain",
    "penalty_types",
    "clue_on",
    "filed_on",
    "decided_on",
    "closed_on",
    "decision_due_on",
    "amount",
    "benchmark_tier_id",
    "benchmark_tier_code",
    "amount_in_tier",
    "legal_review_required",
    "legal_review_done",
    "hearing_held",
    "publicity",
    "published_on",
    "publish_due_on",
    "revoked_on",
    "officer_certified",
)


def case_facts_for_analytics() -> QuerySet[Any]:
    """One row per case with the facts the supervision rollups need (unscoped; see FACT_FIELDS)."""
    from django.db.models import F

    return (
        Case.objects.annotate(
            unit_id=F("org_unit_id"),
            benchmark_tier_code=F("benchmark_tier__tier"),
            officer_certified=F("officers_certified"),
        )
        .values(*FACT_FIELDS)
        .order_by("id")
    )
