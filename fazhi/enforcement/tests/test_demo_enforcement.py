"""The demo district shows the enforcement module with every state and the anomaly patterns."""

from django.db.models import Count

from fazhi.core import demo
from fazhi.core.audit import verify_chain
from fazhi.enforcement.models import (
    Case,
    CriminalTransfer,
    DiscretionBenchmark,
    EnforcementSubject,
    LenientListEntry,
    Officer,
    PowerItemVersion,
)
from fazhi.enforcement.selectors import published_decisions


def test_demo_has_every_state_publicity_transfer_and_anomalies(db):
    # given / when the demo is loaded
    ctx = demo.build(seed=5)
    # then every case state has at least one case
    states = set(Case.objects.values_list("status", flat=True))
    assert states == set(Case.Status.values)
    # and decisions are published (masked on the portal), one was withdrawn after reconsideration
    assert published_decisions().count() > 100
    withdrawn = Case.objects.get(publicity=Case.Publicity.WITHDRAWN)
    assert withdrawn.revoked_by == Case.RevokedBy.RECONSIDERATION
    # and a transfer to the police ran its whole course
    transfer = CriminalTransfer.objects.get()
    assert transfer.status == CriminalTransfer.Status.ACCEPTED and not transfer.missing_materials
    # and the anomaly patterns the analytics look for are present
    per_unit = dict(
        Case.objects.filter(org_unit__path__startswith=ctx.unit("donghu").path)
        .values_list("org_unit__name")
        .annotate(n=Count("id"))
    )
    assert ctx.unit("donghu.sports").name not in per_unit  # penalty powers, zero cases
    stats = Case.objects.filter(org_unit=ctx.unit("donghu.stats"), decided_on__isnull=False)
    assert set(stats.values_list("penalty_types", flat=True)) == {"warning"}
    assert Case.objects.filter(amount_in_tier=False).exclude(deviation_reason="").exists()
    assert Case.objects.filter(officers_certified=False).exists()
    assert Officer.objects.filter(user__username="donghu.market.brigade.officer1").exists()
    # and the registers only services write: entrusted subject, versions, benchmark, four lists
    entrusted = EnforcementSubject.objects.get(kind=EnforcementSubject.Kind.ENTRUSTED)
    assert entrusted.entrustment_document and entrusted.entrusting_unit is not None
    assert PowerItemVersion.objects.filter(version=2).exists()
    assert DiscretionBenchmark.objects.annotate(n=Count("tiers")).filter(n=5).exists()
    kinds = set(LenientListEntry.objects.filter(published=True).values_list("list_kind", flat=True))
    assert kinds == set(LenientListEntry.ListKind.values)
    # and the whole load is on a verifiable audit chain
    problem, _head, _count = verify_chain()
    assert problem is None
