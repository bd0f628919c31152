"""Rollups equal a direct count; incremental refresh follows changes; flags fire on crafted data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from fazhi.analytics import services
from fazhi.analytics.models import (
    AnomalyFlag,
    CaseRollup,
    PenaltyTypeRollup,
    RefreshState,
    RegisterRollup,
)
from fazhi.core.models import AuditEntry
from fazhi.enforcement.models import Case

from .conftest import NOW, make_case

K = AnomalyFlag.Kind
AS_OF = dt.date(2024, 12, 20)


def _direct() -> dict:
    """The same measures counted straight from the case table (independent of the rollup code)."""
    open_statuses = [
        "clue",
        "filed",
        "investigating",
        "investigation_closed",
        "notice",
        "statement",
        "hearing",
        "legal_review",
    ]
    return Case.objects.aggregate(
        cases=Count("pk"),
        closed=Count("pk", filter=Q(status__in=["closed", "archived"])),
        decision_overdue=Count(
            "pk",
            filter=Q(decided_on__isnull=True, status__in=open_statuses, decision_due_on__lt=AS_OF)
            | Q(decided_on__gt=F("decision_due_on")),
        ),
        publicity_on_time=Count("pk", filter=Q(published_on__lte=F("publish_due_on"))),
        publicity_late=Count(
            "pk",
            filter=Q(published_on__gt=F("publish_due_on"))
            | Q(publicity="pending", publish_due_on__lt=AS_OF),
        ),
        review_required=Count("pk", filter=Q(legal_review_required=True)),
        review_done=Count("pk", filter=Q(legal_review_required=True, legal_review_done=True)),
        amount_total=Sum("amount"),
        out_of_tier=Count("pk", filter=Q(amount_in_tier=False)),
        uncertified=Count("pk", filter=Q(officers_certified=False)),
    )


def _rolled() -> dict:
    keys = list(_direct_keys())
    return CaseRollup.objects.aggregate(**{k: Sum(k) for k in keys})


def _direct_keys():
    return (
        "cases",
        "closed",
        "decision_overdue",
        "publicity_on_time",
        "publicity_late",
        "review_required",
        "review_done",
        "amount_total",
        "out_of_tier",
        "uncertified",
    )


def test_rollups_equal_a_direct_count(crafted):
    # when
    result = services.rollup_refresh(now=NOW)
    # then every measure summed over the rollups equals the direct count
    assert result.mode == "full"
    assert _rolled() == _direct()
    # and the crafted expectations hold: 2 late decisions, 2 late publications, 1 uncertified
    rolled = _rolled()
    assert (rolled["cases"], rolled["decision_overdue"], rolled["publicity_late"]) == (11, 2, 2)
    assert (rolled["amount_total"], rolled["out_of_tier"], rolled["uncertified"]) == (
        Decimal("63000.00"),
        1,
        1,
    )
    # and buckets are unit × registration month × kind
    market = crafted["market"]
    march = CaseRollup.objects.get(org_unit=market, month=dt.date(2024, 3, 1), kind="penalty")
    assert (march.cases, march.closed, march.decision_overdue) == (3, 1, 2)
    assert (
        CaseRollup.objects.get(org_unit=market, month=dt.date(2024, 3, 1), kind="inspection").closed
        == 1
    )
    types = dict(
        PenaltyTypeRollup.objects.filter(org_unit=market)
        .values_list("penalty_type")
        .annotate(n=Sum("cases"))
    )
    assert types == {"fine": 2, "confiscation": 1, "warning": 1}


def test_incremental_refresh_recomputes_only_changed_buckets(crafted, settings):
    # given a full refresh (and no re-reading overlap, to see exactly which buckets are touched)
    settings.FAZHI_ANALYTICS = {"OVERLAP_SECONDS": 0}
    services.rollup_refresh(now=NOW)
    # when one case closes and a new one is registered in another month
    case = Case.objects.get(status="investigating")
    case.status, case.decided_on, case.closed_on = (
        "closed",
        dt.date(2024, 12, 1),
        dt.date(2024, 12, 10),
    )
    case.save()
    make_case(
        crafted["market"],
        crafted["m_item"],
        clue_on=dt.date(2024, 11, 2),
        status="filed",
        filed_on=dt.date(2024, 11, 2),
    )
    result = services.rollup_refresh(now=NOW + dt.timedelta(minutes=1))
    # then only the two touched buckets were recomputed, and totals still equal a direct count
    assert (result.mode, result.buckets) == ("incremental", 2)
    assert _rolled() == _direct()
    # and a refresh with nothing new is idle and leaves no audit entry
    entries = AuditEntry.objects.count()
    assert services.rollup_refresh(now=NOW + dt.timedelta(minutes=2)).mode == "idle"
    assert AuditEntry.objects.count() == entries
    state = RefreshState.objects.get()
    assert state.as_of == AS_OF and state.last_mode == "idle"


def test_a_new_day_rebuilds_so_date_dependent_measures_move(crafted):
    # given the pending warning's publicity was due 2024-05-29: refresh "as of" 2024-05-20 first
    services.rollup_refresh(now=NOW.replace(month=5, day=20))
    may = CaseRollup.objects.get(
        org_unit=crafted["market"], month=dt.date(2024, 5, 1), kind="penalty"
    )
    assert may.publicity_late == 0
    # when the next refresh runs on a later day
    result = services.rollup_refresh(now=NOW)
    # then it is a full rebuild and the publication now counts as late
    may = CaseRollup.objects.get(
        org_unit=crafted["market"], month=dt.date(2024, 5, 1), kind="penalty"
    )
    assert result.mode == "full" and may.publicity_late == 1


def test_anomaly_flags_fire_on_crafted_data(crafted):
    # when
    services.rollup_refresh(now=NOW)
    # then
    flags = {(f.org_unit_id, f.kind) for f in AnomalyFlag.objects.filter(year=2024)}
    market, clean, idle = crafted["market"].pk, crafted["clean"].pk, crafted["idle"].pk
    assert flags == {
        (idle, K.FEW_CASES),  # holds a penalty power, no case all year
        (clean, K.SINGLE_TYPE),  # six decisions, all warnings
        (market, K.OUT_OF_TIER),
        (market, K.OVERDUE),
        (market, K.UNCERTIFIED),
    }
    overdue = AnomalyFlag.objects.get(org_unit_id=market, kind=K.OVERDUE)
    assert overdue.value == 2 and "2件" in overdue.detail
    assert AuditEntry.objects.filter(verb="analytics.flag_raise").count() == 5
    # and the registers rollup counts the market bureau's certified officer and its powers
    reg = RegisterRollup.objects.get(org_unit_id=market, year=2024)
    assert (reg.officers, reg.certified, reg.penalty_items) == (1, 1, 1)


def test_a_flag_clears_when_the_data_no_longer_shows_it(crafted):
    services.rollup_refresh(now=NOW)
    # when the idle unit registers three penalty cases (more than "very few")
    from fazhi.enforcement.models import PowerItem

    item = PowerItem.objects.get(org_unit=crafted["idle"])
    for day in (1, 2, 3):
        make_case(
            crafted["idle"],
            item,
            clue_on=dt.date(2024, 6, day),
            status="filed",
            filed_on=dt.date(2024, 6, day),
        )
    services.rollup_refresh(now=NOW + dt.timedelta(minutes=1))
    # then its flag is gone, and the clearing was audited
    assert not AnomalyFlag.objects.filter(org_unit=crafted["idle"], kind=K.FEW_CASES).exists()
    assert AuditEntry.objects.filter(verb="analytics.flag_clear").count() == 1
