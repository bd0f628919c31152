"""District A's attachments for the platform-wide scoping and junk-input tests (tests/scoping.py)."""

from __future__ import annotations

import io

from django.db import transaction

from tests import scoping
from tests.scoping import MARKER, Owned


def _files_probe(o: Owned) -> None:
    """Evidence on district A's case, and a file owned by an unregistered record type (the unit)."""
    from fazhi.files.services import attachment_upload

    case = o.extra["enf_case"]
    with transaction.atomic():
        evidence = attachment_upload(
            actor=o.user,
            file=io.BytesIO(f"{MARKER}询问笔录".encode()),
            name=f"{MARKER}询问笔录.txt",
            org_unit=case.org_unit,
            owner=case,
            stage="调查取证",
            description=MARKER,
        )
        unit_file = attachment_upload(
            actor=o.user,
            file=io.BytesIO(f"{MARKER}单位资料".encode()),
            name=f"{MARKER}单位资料.txt",
            org_unit=o.world.market_a,
            owner=o.world.market_a,
        )
    o.extra["files"] = {"evidence": evidence, "unit_file": unit_file}


scoping.EXTRA_BUILDERS.append(_files_probe)
scoping.URL_SAMPLES.update(
    {
        "files:detail": lambda o: {"pk": o.extra["files"]["evidence"].pk},
        "files:download": lambda o: {"pk": o.extra["files"]["evidence"].pk},
        "files:verify": lambda o: {"pk": o.extra["files"]["evidence"].pk},
        "files:void": lambda o: {"pk": o.extra["files"]["unit_file"].pk},
    }
)
scoping.API_SAMPLES.update(
    {
        "/api/files/{attachment_id}": lambda o: {"attachment_id": o.extra["files"]["evidence"].pk},
        "/api/files/{attachment_id}/content": lambda o: {
            "attachment_id": o.extra["files"]["unit_file"].pk
        },
    }
)
