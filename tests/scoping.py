"""Records owned by district A, and how to address each staff URL / API path at one of them.

Every URL pattern with path parameters MUST have an entry in URL_SAMPLES (and every API path in
API_SAMPLES): `tests/test_scoping.py` fails for any that is missing, so a new page cannot ship
without proving that a sibling unit gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core.models import AuditEntry, Notification, RoleGrant, User
from fazhi.core.services.notifications import notification_send
from fazhi.core.services.tokens import token_create
from fazhi.core.testing import ROLES, World, make_user

# Text that appears only in district A's records; a sibling must never see it anywhere.
MARKER = "甲区保密标记"


@dataclass
class Owned:
    """District A's records used as probes."""

    world: World
    user: User
    grant: RoleGrant
    audit_entry: AuditEntry
    notification: Notification
    token_id: int
    extra: dict[str, Any] = field(default_factory=dict)


EXTRA_BUILDERS: list[Callable[[Owned], None]] = []


def build_owned(world: World) -> Owned:
    """Create one record of every kind in district A (market bureau)."""
    owner = make_user(world.market_a, ROLES.CLERK, ROLES.OFFICER, username="owner_a")
    owner.full_name = MARKER + "经办人"
    owner.save(update_fields=["full_name"])
    with transaction.atomic():
        entry = audit.record(
            actor=owner, verb="core.probe", target=world.market_a, changes={"x": [MARKER, 1]}
        )
        note = notification_send(recipient=owner, title=MARKER + "通知")
        token, _ = token_create(actor=owner, name=MARKER + "令牌")
    owned = Owned(
        world=world,
        user=owner,
        grant=owner.grants.first(),
        audit_entry=entry,
        notification=note,
        token_id=token.pk,
    )
    for builder in EXTRA_BUILDERS:
        builder(owned)
    return owned


URL_SAMPLES: dict[str, Callable[[Owned], dict[str, Any]]] = {
    "core:org-detail": lambda o: {"pk": o.world.market_a.pk},
    "core:org-children": lambda o: {"pk": o.world.district_a.pk},
    "core:org-create": lambda o: {"pk": o.world.market_a.pk},
    "core:org-edit": lambda o: {"pk": o.world.market_a.pk},
    "core:org-move": lambda o: {"pk": o.world.market_a.pk},
    "core:user-detail": lambda o: {"pk": o.user.pk},
    "core:user-edit": lambda o: {"pk": o.user.pk},
    "core:user-grant": lambda o: {"pk": o.user.pk},
    "core:user-revoke": lambda o: {"pk": o.user.pk, "grant_pk": o.grant.pk},
    "core:user-reset-password": lambda o: {"pk": o.user.pk},
    "core:audit-detail": lambda o: {"pk": o.audit_entry.pk},
    "core:token-revoke": lambda o: {"pk": o.token_id},
}

API_SAMPLES: dict[str, Callable[[Owned], dict[str, Any]]] = {
    "/api/core/units/{unit_id}": lambda o: {"unit_id": o.world.market_a.pk},
}


# ---- enforcement (appended by the enforcement app) -------------------------------------------


def _enforcement_records(o: Owned) -> None:
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.tests.factories import (
        case_kwargs,
        make_benchmark,
        make_officer,
        make_power_item,
    )

    unit = o.world.market_a
    item = make_power_item(unit)
    officer = make_officer(unit)
    officer.full_name = MARKER + "执法员"
    officer.save(update_fields=["full_name"])
    case = Case.objects.create(
        **case_kwargs(unit, item, title=MARKER + "案件", party_name=MARKER),
        number="东市监罚〔2024〕1号",
        status=Case.Status.FILED,
        filed_on=case_kwargs(unit, item)["clue_on"],
    )
    o.extra["enf_case"] = case
    o.extra["enf_officer"] = officer
    o.extra["enf_item"] = item
    o.extra["enf_benchmark"] = make_benchmark(item)


EXTRA_BUILDERS.append(_enforcement_records)
URL_SAMPLES.update(
    {
        "enforcement:case-detail": lambda o: {"pk": o.extra["enf_case"].pk},
        "enforcement:case-action": lambda o: {
            "pk": o.extra["enf_case"].pk,
            "action": "investigate",
        },
        "enforcement:officer-detail": lambda o: {"pk": o.extra["enf_officer"].pk},
        "enforcement:power-detail": lambda o: {"pk": o.extra["enf_item"].pk},
        "enforcement:benchmark-detail": lambda o: {"pk": o.extra["enf_benchmark"].pk},
    }
)
API_SAMPLES["/api/enforcement/cases/{case_id}"] = lambda o: {"case_id": o.extra["enf_case"].pk}


# ---- normdocs (行政规范性文件) ----------------------------------------------------------------------


def _normdocs_probe(o: Owned) -> None:
    """A draft, a published document with a filing, a suggestion and a cleanup item in district A."""
    import datetime as dt

    from fazhi.normdocs.models import (
        CleanupCampaign,
        CleanupItem,
        Filing,
        NormativeDocument,
        ReviewSuggestion,
    )

    unit = o.world.market_a
    common = {"org_unit": unit, "drafting_unit": unit, "body_text": f"第一条 {MARKER}。"}
    draft = NormativeDocument.objects.create(title=MARKER + "草案", **common)
    published = NormativeDocument.objects.create(
        title=MARKER + "已公布",
        status="filed",
        doc_number="东市监规〔2026〕99号",
        number_year=2026,
        number_seq=99,
        published_on=dt.date(2026, 1, 5),
        **common,
    )
    filing = Filing.objects.create(
        document=published,
        filed_to=o.world.district_a,
        due_on=dt.date(2026, 2, 4),
        filed_on=dt.date(2026, 1, 10),
    )
    suggestion = ReviewSuggestion.objects.create(
        document=published, name=MARKER, contact="1", content=MARKER, tracking_code="PROBEA0001"
    )
    campaign = CleanupCampaign.objects.create(
        org_unit=o.world.district_a, title=MARKER + "清理", deadline=dt.date(2026, 12, 31)
    )
    item = CleanupItem.objects.create(
        campaign=campaign, document=published, deadline=dt.date(2026, 12, 31)
    )
    o.extra["normdocs"] = {
        "draft": draft,
        "published": published,
        "filing": filing,
        "suggestion": suggestion,
        "campaign": campaign,
        "item": item,
    }


EXTRA_BUILDERS.append(_normdocs_probe)

URL_SAMPLES |= {
    "normdocs:document-detail": lambda o: {"pk": o.extra["normdocs"]["draft"].pk},
    "normdocs:document-step": lambda o: {"pk": o.extra["normdocs"]["draft"].pk, "step": "evaluate"},
    "normdocs:document-diff": lambda o: {"pk": o.extra["normdocs"]["draft"].pk},
    "normdocs:filing-action": lambda o: {
        "pk": o.extra["normdocs"]["filing"].pk,
        "action": "register",
    },
    "normdocs:suggestion-detail": lambda o: {"pk": o.extra["normdocs"]["suggestion"].pk},
    "normdocs:campaign-detail": lambda o: {"pk": o.extra["normdocs"]["campaign"].pk},
}

API_SAMPLES |= {
    "/api/normdocs/documents/{doc_id}": lambda o: {"doc_id": o.extra["normdocs"]["draft"].pk},
    "/api/normdocs/documents/{doc_id}/publish": lambda o: {
        "doc_id": o.extra["normdocs"]["draft"].pk
    },
}


# ---- clocks (法定期限, 工作日历) -------------------------------------------------------------------


def _clocks_probe(o: Owned) -> None:
    """A running statutory clock on district A's market bureau, with A's clerk responsible."""
    import datetime as dt

    from fazhi.clocks.services import clock_register

    o.extra["clock"] = clock_register(
        actor=o.user,
        target=o.world.market_a,
        kind="probe.reply",
        label=MARKER + "答复期限",
        start_on=dt.date(2024, 5, 13),
        rule="20wd",
        responsible=[o.user],
    )


EXTRA_BUILDERS.append(_clocks_probe)
URL_SAMPLES.update(
    {
        "clocks:detail": lambda o: {"pk": o.extra["clock"].pk},
        "clocks:action": lambda o: {"pk": o.extra["clock"].pk, "action": "complete"},
        # the calendar belongs to no unit: only administrators of a whole tree may open it
        "clocks:calendar-day": lambda o: {"day": "2024-10-01"},
    }
)


# ---- probes contributed by apps ---------------------------------------------------------------
# An app may ship `fazhi/<app>/tests/scoping_probes.py` that appends to EXTRA_BUILDERS and fills
# URL_SAMPLES / API_SAMPLES; it is imported here so apps never need to edit this shared file.


def _load_app_probes() -> None:
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi."):
            continue
        module = f"{config.name}.tests.scoping_probes"
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            importlib.import_module(module)


_load_app_probes()
