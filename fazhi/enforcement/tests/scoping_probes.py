"""Scoping probes for the enforcement pages added after the shared `tests/scoping.py` entries:
register editing (subjects, officers, certificates, training, the four lists) and the portal.

District A's records carry MARKER; `tests/test_scoping.py` proves a sibling gets 404 on every URL
below and never sees MARKER in a list, and `tests/test_bad_input.py` posts junk to each of them.
"""

from __future__ import annotations

import datetime as dt

from tests import scoping
from tests.scoping import MARKER, Owned


def _enforcement_register_probe(o: Owned) -> None:
    from fazhi.enforcement.models import Case, EnforcementSubject, LenientListEntry

    unit = o.world.market_a
    subject = EnforcementSubject.objects.create(
        org_unit=unit, kind="statutory", domains=",market,", legal_basis=MARKER + "三定方案"
    )
    entry = LenientListEntry.objects.create(
        org_unit=unit,
        list_kind="no_penalty",
        matter=MARKER + "首违事项",
        conditions=MARKER,
        basis="cf33",
    )
    officer = o.extra["enf_officer"]
    # a published decision for the portal pages (public: the portal shows it masked)
    published = Case.objects.get(pk=o.extra["enf_case"].pk)
    public = Case.objects.create(
        org_unit=unit,
        kind="penalty",
        power_item=o.extra["enf_item"],
        title="公示案件",
        party_kind="organisation",
        party_name="江城公开测试有限公司",
        party_id_number="91110000600037341L",
        violation_on=dt.date(2024, 1, 2),
        clue_on=dt.date(2024, 1, 5),
        filed_on=dt.date(2024, 1, 6),
        decided_on=dt.date(2024, 2, 1),
        status="decided",
        decision_number="东市监罚决〔2024〕9号",
        penalty_types="fine",
        amount=1000,
        publicity="published",
        published_on=dt.date(2024, 2, 5),
    )
    o.extra["enf_registers"] = {
        "subject": subject,
        "entry": entry,
        "officer": officer,
        "certificate": officer.certificates.first(),
        "public_case": public,
        "case": published,
    }


scoping.EXTRA_BUILDERS.append(_enforcement_register_probe)


def _enforcement_search_probe(o: Owned) -> None:
    """District A's MARKER case in the search index: a sibling's search must never find it."""
    from fazhi.enforcement import indexing
    from fazhi.search import selectors as search
    from fazhi.search.services import apply_pending

    indexing.enqueue(o.extra["enf_case"])
    apply_pending()
    # guard against a vacuous pass: the case is in the index and its own unit finds it
    hits = search.search("保密", user=o.user, kinds=[indexing.KIND]).hits
    assert [h.object_id for h in hits] == [o.extra["enf_case"].pk]


scoping.EXTRA_BUILDERS.append(_enforcement_search_probe)


def _r(o: Owned) -> dict:
    return o.extra["enf_registers"]


scoping.URL_SAMPLES.update(
    {
        "enforcement:subject-edit": lambda o: {"pk": _r(o)["subject"].pk},
        "enforcement:subject-detail": lambda o: {"pk": _r(o)["subject"].pk},
        "enforcement:officer-edit": lambda o: {"pk": _r(o)["officer"].pk},
        "enforcement:certificate-new": lambda o: {"pk": _r(o)["officer"].pk},
        "enforcement:certificate-revoke": lambda o: {
            "pk": _r(o)["officer"].pk,
            "cert_pk": _r(o)["certificate"].pk,
        },
        "enforcement:training-new": lambda o: {"pk": _r(o)["officer"].pk},
        "enforcement:lenient-publish": lambda o: {"pk": _r(o)["entry"].pk},
        "enforcement:lenient-detail": lambda o: {"pk": _r(o)["entry"].pk},
        # portal (public): a published decision, a published benchmark
        "portal:enforcement-decision": lambda o: {"pk": _r(o)["public_case"].pk},
        "portal:enforcement-benchmark": lambda o: {"pk": o.extra["enf_benchmark"].pk},
    }
)
