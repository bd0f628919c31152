"""Public read path (portal): only published data, personal data masked. Re-exported by `selectors`."""

from __future__ import annotations

from typing import Any

from django.db.models import Case as DbCase
from django.db.models import Q, QuerySet, Value, When
from django.http import Http404

from fazhi.core.models import OrgUnit

from .masking import mask_text, party_public
from .models import Case, DiscretionBenchmark, LenientListEntry, PowerItem


def published_power_items(
    unit: OrgUnit | None = None, *, category: str = "", q: str = ""
) -> QuerySet[PowerItem]:
    """Items on public display: published and still in force."""
    qs = PowerItem.objects.filter(published=True, active=True).select_related(
        "org_unit", "responsible_unit"
    )
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    if category:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(legal_basis__contains=q))
    return qs.order_by("org_unit__path", "code")


def published_benchmarks(
    unit: OrgUnit | None = None, power_item: PowerItem | None = None, *, q: str = ""
) -> QuerySet[DiscretionBenchmark]:
    """Benchmarks on public display (published, for an item still in force), with their tiers."""
    qs = (
        DiscretionBenchmark.objects.filter(published=True, power_item__active=True)
        .select_related("org_unit", "power_item")
        .prefetch_related("tiers")
    )
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    if power_item is not None:
        qs = qs.filter(power_item=power_item)
    if q:
        qs = qs.filter(Q(violation__contains=q) | Q(power_item__name__contains=q))
    return qs.order_by("org_unit__path", "power_item__code", "pk")


def published_benchmark(pk: int) -> DiscretionBenchmark:
    """One benchmark on public display, or Http404."""
    found = published_benchmarks().filter(pk=pk).first()
    if found is None:
        raise Http404("记录不存在")
    return found


def published_lenient_lists(
    unit: OrgUnit | None = None, list_kind: str = ""
) -> QuerySet[LenientListEntry]:
    qs = LenientListEntry.objects.filter(published=True, active=True).select_related(
        "org_unit", "power_item"
    )
    if list_kind:
        qs = qs.filter(list_kind=list_kind)
    qs = qs.filter(org_unit=unit) if unit is not None else qs
    # the lists in their customary order: 不予处罚、从轻、减轻、免予强制
    rank = DbCase(
        *(When(list_kind=k, then=Value(i)) for i, k in enumerate(LIST_ORDER)),
        default=Value(len(LIST_ORDER)),
    )
    return qs.annotate(list_rank=rank).order_by("list_rank", "org_unit__path", "pk")


LIST_ORDER = ["no_penalty", "lighter", "mitigated", "no_compulsion"]


def published_units() -> QuerySet[OrgUnit]:
    """Units with anything on public display (for the portal's unit filter)."""
    units = (
        set(published_power_items().values_list("org_unit_id", flat=True))
        | set(_published_qs().values_list("org_unit_id", flat=True).distinct())
        | set(published_benchmarks().values_list("org_unit_id", flat=True))
        | set(published_lenient_lists().values_list("org_unit_id", flat=True))
    )
    return OrgUnit.objects.filter(pk__in=units).order_by("path")


def published_decision_years() -> list[int]:
    """Years with published decisions, newest first."""
    days = _published_qs().exclude(decided_on=None).dates("decided_on", "year", order="DESC")
    return [d.year for d in days]


PUBLIC_FIELDS = (
    "pk",
    "org_unit__name",
    "decision_number",
    "title",
    "party_kind",
    "party_name",
    "party_id_number",
    "party_phone",
    "penalty_types",
    "amount",
    "decided_on",
    "published_on",
    "decision_summary",
    "power_item__legal_basis",
)


def _public_row(row: dict[str, Any]) -> dict[str, Any]:
    name, ident = party_public(
        kind=row["party_kind"], name=row["party_name"], id_number=row["party_id_number"]
    )
    names = [row["party_name"]] if row["party_kind"] == "person" else []
    labels = dict(Case.PenaltyType.choices)
    return {
        "pk": row["pk"],
        "unit": row["org_unit__name"],
        "decision_number": row["decision_number"],
        "title": mask_text(row["title"], names=names),
        "party": name,
        "party_id": ident,
        "penalty": "、".join(str(labels.get(p, p)) for p in row["penalty_types"].split(",") if p),
        "amount": row["amount"],
        "decided_on": row["decided_on"],
        "published_on": row["published_on"],
        "summary": mask_text(row["decision_summary"], names=names),
        "legal_basis": row["power_item__legal_basis"],
    }


class MaskedDecisions:
    """A lazy, Paginator-friendly sequence of masked public decisions."""

    def __init__(self, qs: QuerySet[Case]) -> None:
        self._qs = qs

    def count(self) -> int:
        return self._qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice | int) -> Any:
        if isinstance(key, int):
            return _public_row(self._qs.values(*PUBLIC_FIELDS)[key])
        return [_public_row(r) for r in self._qs.values(*PUBLIC_FIELDS)[key]]


def _published_qs() -> QuerySet[Case]:
    return Case.objects.filter(publicity=Case.Publicity.PUBLISHED).order_by("-published_on", "-pk")


def published_decisions(
    unit: OrgUnit | None = None, q: str = "", year: int | None = None
) -> MaskedDecisions:
    """Decisions on public display (withdrawn ones excluded), personal data masked."""
    qs = _published_qs()
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    if year:
        qs = qs.filter(decided_on__year=year)
    if q:
        qs = qs.filter(Q(decision_number__contains=q) | Q(title__contains=q))
    return MaskedDecisions(qs)


def published_decision(pk: int) -> dict[str, Any]:
    """One masked public decision or Http404 (also when withdrawn)."""
    row = _published_qs().filter(pk=pk).values(*PUBLIC_FIELDS).first()
    if row is None:
        raise Http404("记录不存在")
    return _public_row(row)
