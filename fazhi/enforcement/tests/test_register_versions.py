"""Discretion benchmarks and the four lists are edited as versions (reason + date, audited)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_user
from fazhi.enforcement.models import (
    BenchmarkVersion,
    Case,
    DiscretionBenchmark,
    LenientEntryVersion,
    LenientListEntry,
)
from fazhi.enforcement.services import catalogue as cat

from .conftest import R
from .factories import case_kwargs, make_benchmark

CHANGED_ON = "2026-03-02"


@pytest.fixture
def head(world):
    return make_user(world.market_a, R.UNIT_HEAD, subtree=True)


@pytest.fixture
def bench(team, head) -> DiscretionBenchmark:
    with transaction.atomic():
        bench = cat.benchmark_create(
            actor=head,
            power_item=team.item,
            violation="销售不合格产品",
            legal_basis="《产品质量法》第四十九条",
            tiers=[
                {"tier": "lighter", "conditions": "初次", "amount_min": 0, "amount_max": 5000},
                {"tier": "normal", "conditions": "一般", "amount_min": 5000, "amount_max": 20000},
                {"tier": "heavier", "conditions": "多次", "amount_min": 20000, "amount_max": 50000},
            ],
            effective_on=dt.date(2026, 1, 5),
        )
        return cat.benchmark_publish(benchmark=bench, actor=head, on=dt.date(2026, 1, 5))


def _adjust_form(bench, **changes) -> dict:
    """The adjust form as the page pre-fills it, with `changes` applied."""
    data = {"op": "adjust", "violation": bench.violation, "legal_basis": bench.legal_basis}
    for t in bench.tiers.all():
        data |= {
            f"{t.tier}_conditions": t.conditions,
            f"{t.tier}_min": str(t.amount_min),
            f"{t.tier}_max": str(t.amount_max),
        }
    return data | changes


def _adjust(client, user, bench, **changes):
    client.force_login(user)
    url = reverse("enforcement:benchmark-detail", args=[bench.pk])
    return client.post(url, _adjust_form(bench, **changes))


def test_adjusting_a_benchmark_saves_a_new_version_with_reason_and_date(client, head, bench):
    # when the head raises the ceiling of the lighter tier, with a reason and a date
    response = _adjust(
        client, head, bench, lighter_max="8000", reason="省级基准修订", effective_on=CHANGED_ON
    )
    # then it is version 2, the tier changed, and both versions are kept with what applied
    assert response.status_code == 302
    bench.refresh_from_db()
    assert bench.version == 2
    assert bench.tiers.get(tier="lighter").amount_max == Decimal(8000)
    v1, v2 = BenchmarkVersion.objects.filter(benchmark=bench).order_by("version")
    assert (v1.reason, v2.reason, v2.effective_on) == (
        "制定裁量基准",
        "省级基准修订",
        dt.date(2026, 3, 2),
    )
    assert v1.snapshot["tiers"][0]["amount_max"] == "5000.00"
    assert v2.snapshot["tiers"][0]["amount_max"] == "8000.00"
    entry = AuditEntry.objects.get(verb="enforcement.benchmark_adjust")
    assert entry.changes["reason"] == [None, "省级基准修订"]
    assert entry.changes["version"] == [1, 2]
    # and the page shows the history; the portal shows the new range
    page = client.get(reverse("enforcement:benchmark-detail", args=[bench.pk])).content.decode()
    assert "第 2 版" in page and "省级基准修订" in page and "制定裁量基准" in page
    portal = client.get(reverse("portal:enforcement-benchmark", args=[bench.pk])).content.decode()
    assert "8000" in portal


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": "", "effective_on": CHANGED_ON, "lighter_max": "8000"}, "调整理由"),
        ({"reason": "修订", "effective_on": "2026-13-01", "lighter_max": "8000"}, "YYYY-MM-DD"),
        ({"reason": "修订", "effective_on": CHANGED_ON, "heavier_conditions": ""}, "3 个阶次"),
        ({"reason": "修订", "effective_on": CHANGED_ON, "normal_min": "30000"}, "上限低于下限"),
        ({"reason": "修订", "effective_on": CHANGED_ON}, "内容没有变化"),
    ],
)
def test_a_refused_adjustment_shows_why_and_changes_nothing(client, head, bench, changes, message):
    audit_count = AuditEntry.objects.count()
    response = _adjust(client, head, bench, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    bench.refresh_from_db()
    assert bench.version == 1
    assert bench.tiers.get(tier="normal").amount_min == Decimal(5000)
    assert bench.tiers.count() == 3
    assert BenchmarkVersion.objects.filter(benchmark=bench).count() == 1
    assert AuditEntry.objects.count() == audit_count


def test_a_tier_applied_by_a_decision_cannot_be_dropped(client, world, team, head, bench):
    # given a decided case that applied the heavier tier (a fourth tier keeps ≥ 3 after a drop)
    heavier = bench.tiers.get(tier="heavier")
    Case.objects.create(
        **case_kwargs(world.market_a, team.item), status="decided", benchmark_tier=heavier
    )
    data = {"mitigated_conditions": "轻微", "mitigated_min": "0", "mitigated_max": "1000"}
    response = _adjust(
        client,
        head,
        bench,
        heavier_conditions="",
        reason="合并阶次",
        effective_on=CHANGED_ON,
        **data,
    )
    assert response.status_code == 400
    assert "已有案件适用“从重处罚”阶次" in response.content.decode()
    assert bench.tiers.filter(tier="heavier").exists()
    assert not bench.tiers.filter(tier="mitigated").exists()


def test_a_benchmark_loaded_in_bulk_gets_its_first_version_recorded_on_its_first_adjustment(
    team, head
):
    bench = make_benchmark(team.item)  # rows written directly, as the demo loader does
    assert not BenchmarkVersion.objects.filter(benchmark=bench).exists()
    form = _adjust_form(bench, normal_max="25000")
    tiers = [
        {
            "tier": t,
            "conditions": form[f"{t}_conditions"],
            "amount_min": form[f"{t}_min"],
            "amount_max": form[f"{t}_max"],
        }
        for t in ("lighter", "normal", "heavier")
    ]
    with transaction.atomic():
        cat.benchmark_adjust(
            benchmark=bench,
            actor=head,
            reason="修订",
            effective_on=dt.date(2026, 3, 2),
            violation=bench.violation,
            legal_basis=bench.legal_basis,
            tiers=tiers,
        )
    versions = list(BenchmarkVersion.objects.filter(benchmark=bench).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].snapshot["tiers"][1]["amount_max"] == "20000.00"


def test_a_sibling_units_manager_cannot_adjust(client, world, bench):
    sibling = make_user(world.market_b, R.UNIT_HEAD, subtree=True)
    response = _adjust(client, sibling, bench, normal_max="1", reason="x", effective_on=CHANGED_ON)
    assert response.status_code == 404
    bench.refresh_from_db()
    assert bench.version == 1
    with pytest.raises(DomainError), transaction.atomic():
        cat.benchmark_adjust(
            benchmark=bench,
            actor=sibling,
            reason="x",
            effective_on=dt.date(2026, 3, 2),
            violation="x",
            legal_basis="x",
            tiers=[],
        )


# ---- the four lists ---------------------------------------------------------------------------


@pytest.fixture
def entry(world, head) -> LenientListEntry:
    with transaction.atomic():
        entry = cat.lenient_entry_create(
            actor=head,
            unit=world.market_a,
            list_kind="no_penalty",
            matter="首次未按规定公示价格",
            conditions="首次违法、危害后果轻微并及时改正",
            basis="cf33",
            effective_on=dt.date(2026, 1, 5),
        )
        return cat.lenient_entry_publish(entry=entry, actor=head, published=True)


def _entry_form(entry, **changes) -> dict:
    data = {
        "list_kind": entry.list_kind,
        "matter": entry.matter,
        "conditions": entry.conditions,
        "basis": entry.basis,
        "active": "on",
        "reason": "修订",
        "effective_on": CHANGED_ON,
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_adjusting_a_four_lists_entry_saves_a_new_version(client, head, entry):
    client.force_login(head)
    url = reverse("enforcement:lenient-detail", args=[entry.pk])
    response = client.post(url, _entry_form(entry, conditions="首次违法、及时改正、未造成危害后果"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.version == 2 and entry.conditions.endswith("未造成危害后果")
    v1, v2 = LenientEntryVersion.objects.filter(entry=entry).order_by("version")
    assert v1.snapshot["conditions"] == "首次违法、危害后果轻微并及时改正"
    assert v2.reason == "修订" and v2.effective_on == dt.date(2026, 3, 2)
    assert AuditEntry.objects.filter(verb="enforcement.lenient_entry_adjust").count() == 1
    page = client.get(url).content.decode()
    assert "第 2 版" in page and "危害后果轻微并及时改正" in page  # the history shows v1


def test_an_abolished_entry_leaves_the_portal_and_cannot_be_republished(client, head, entry):
    portal = reverse("portal:enforcement-lenient")
    assert entry.matter in client.get(portal).content.decode()
    client.force_login(head)
    url = reverse("enforcement:lenient-detail", args=[entry.pk])
    response = client.post(url, _entry_form(entry, active=None, reason="上位法修改，废止"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.active and entry.version == 2
    assert entry.matter not in client.get(portal).content.decode()
    # taking it off and publishing it again is refused
    with transaction.atomic():
        cat.lenient_entry_publish(entry=entry, actor=head, published=False)
    with pytest.raises(DomainError, match="已废止"), transaction.atomic():
        cat.lenient_entry_publish(entry=entry, actor=head, published=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "调整理由"),
        ({"basis": "qz5", "conditions": "x"}, "行政强制法"),
        ({"matter": ""}, "必填"),
        ({}, "内容没有变化"),
    ],
)
def test_a_refused_entry_adjustment_changes_nothing(client, head, entry, changes, message):
    client.force_login(head)
    audit_count = AuditEntry.objects.count()
    url = reverse("enforcement:lenient-detail", args=[entry.pk])
    response = client.post(url, _entry_form(entry, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    entry.refresh_from_db()
    assert entry.version == 1
    assert AuditEntry.objects.count() == audit_count
