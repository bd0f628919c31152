"""District A's pre-check records for the platform-wide scoping and bad-input tests."""

from __future__ import annotations

from tests import scoping
from tests.scoping import MARKER, Owned


def _precheck_probe(o: Owned) -> None:
    """A run over district A's draft with one finding on a sentence that carries the marker."""
    from fazhi.precheck.models import CheckRun, Finding

    draft = o.extra["normdocs"]["draft"]
    sentence = f"{MARKER}：违反本办法的，处一千元罚款。"
    run = CheckRun.objects.create(
        org_unit=o.world.market_a,
        document_id=draft.pk,
        version_number=1,
        text_hash="0" * 64,
        ruleset="probe",
        sentence_count=1,
        finding_count=1,
    )
    start = sentence.index("处")
    finding = Finding.objects.create(
        run=run,
        rule_code="PEN-FINE",
        category="设定行政处罚",
        sentence=sentence,
        start=0,
        end=len(sentence),
        match_start=start,
        match_end=len(sentence) - 1,
        excerpt=sentence[start:-1],
    )
    o.extra["precheck"] = {"run": run, "finding": finding}


scoping.EXTRA_BUILDERS.append(_precheck_probe)
scoping.URL_SAMPLES.update(
    {
        "precheck:run-detail": lambda o: {"pk": o.extra["precheck"]["run"].pk},
        "precheck:finding-accept": lambda o: {"pk": o.extra["precheck"]["finding"].pk},
        "precheck:finding-dismiss": lambda o: {"pk": o.extra["precheck"]["finding"].pk},
    }
)
scoping.API_SAMPLES["/api/precheck/documents/{doc_id}/findings"] = lambda o: {
    "doc_id": o.extra["normdocs"]["draft"].pk
}
