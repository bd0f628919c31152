"""Search integration: what an enforcement case contributes to the one search index.

Staff only (`public=False`): the portal publishes decisions through its own masked pages, never
through search. Visibility is the `enforcement.view_cases` scope over the case's unit, so a
sibling unit never finds another unit's cases. The body carries the facts, the party's name
(and an organisation's credit code, which is public anyway) and the decision; ID card and mobile
numbers are masked in the indexed text (as on the portal), so they never reach the index or its
snippets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from fazhi.search.registry import IndexSpec, SearchDoc, register

from .masking import mask_text
from .models import Case
from .permissions import VIEW_CASES

KIND = "enforcement.case"


def build(case: Case) -> SearchDoc:
    """The searchable projection of one case."""
    party = case.party_name
    if case.party_kind == Case.PartyKind.ORGANISATION and case.party_id_number:
        party += f" {case.party_id_number}"
    body = "\n".join(
        part
        for part in (
            f"当事人：{party}",
            mask_text(case.facts),
            case.decision_number,
            mask_text(case.decision_summary),
            str(case.power_item) if case.power_item_id else "",
        )
        if part
    )
    day = case.filed_on or case.clue_on
    tags = [f"case_kind:{case.kind}", f"procedure:{case.procedure}"]
    if day:
        tags.append(f"year:{day.year}")
    return SearchDoc(
        title=case.title,
        number=case.number or "",
        body=body,
        unit=case.org_unit,
        status=case.status,
        date=day,
        public=False,
        tags=tags,
    )


def _all() -> Any:
    return (
        Case.objects.select_related("org_unit", "power_item")
        .order_by("pk")
        .iterator(chunk_size=2000)
    )


SPEC = register(
    IndexSpec(
        kind=KIND,
        label="执法案件",
        model=Case,
        perm=VIEW_CASES,
        build=build,
        all_objects=_all,
        staff_url=lambda pk: reverse("enforcement:case-detail", kwargs={"pk": pk}),
    )
)


def enqueue(case: Case) -> None:
    """Mark `case` for reindexing (applied by the index writer after the transaction commits)."""
    from fazhi.search.services import index_enqueue

    index_enqueue(case, kind=KIND)


def enqueue_many(case_ids: Iterable[int]) -> int:
    """Mark many cases at once (bulk imports): one outbox row per case, in the caller's transaction.

    One apply task is queued after commit (and the worker's 30-s outbox pass catches up regardless).
    """
    from fazhi.search.services import index_enqueue_many

    return index_enqueue_many(KIND, case_ids)
