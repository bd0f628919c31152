"""The periodic refresh: deleted and moved cases, the scheduler, busy runs, versions, the cache."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from fazhi.analytics import conf, services
from fazhi.analytics.models import CaseRollup, RefreshState, StaleBucket
from fazhi.analytics.services import rollups
from fazhi.clocks import schedule
from fazhi.core.models import AuditEntry, RoleGrant
from fazhi.core.services.org import unit_move
from fazhi.core.testing import make_user
from fazhi.enforcement.models import Case

from .conftest import NOW
from .test_views import _chart_data

R = RoleGrant.Role
LATER = NOW + dt.timedelta(minutes=1)


def _per_unit_rolled() -> dict[int, int]:
    return dict(CaseRollup.objects.values_list("org_unit_id").annotate(n=Sum("cases")).order_by())


def _per_unit_direct() -> dict[int, int]:
    return dict(Case.objects.values_list("org_unit_id").annotate(n=Count("pk")).order_by())


def test_a_deleted_case_leaves_its_bucket(crafted):
    # given rollups built while the market bureau had an inspection registered in March
    services.rollup_refresh(now=NOW)
    inspection = Case.objects.get(kind="inspection")
    bucket = {"org_unit": crafted["market"], "month": dt.date(2024, 3, 1), "kind": "inspection"}
    assert CaseRollup.objects.get(**bucket).cases == 1
    # when the case is deleted (no updated_at can show that)
    inspection.delete()
    result = services.rollup_refresh(now=LATER)
    # then its bucket is gone, every unit's count equals a direct count, and the log is empty
    assert result.mode == "incremental"
    assert not CaseRollup.objects.filter(**bucket).exists()
    assert _per_unit_rolled() == _per_unit_direct()
    assert not StaleBucket.objects.exists()


def test_a_moved_case_counts_in_its_new_bucket_only(crafted):
    services.rollup_refresh(now=NOW)
    market, clean = crafted["market"], crafted["clean"]
    before = _per_unit_rolled()
    # when one case moves to another unit by a bulk update that leaves updated_at alone,
    # and another is re-registered in another month through save()
    moved = Case.objects.filter(org_unit=market, kind="penalty").order_by("pk").first()
    Case.objects.filter(pk=moved.pk).update(org_unit=clean)
    redated = Case.objects.get(org_unit=market, clue_on=dt.date(2024, 5, 9))
    redated.clue_on = dt.date(2024, 4, 9)
    redated.save()
    services.rollup_refresh(now=LATER)
    # then the old buckets lost them and the new ones gained them
    after = _per_unit_rolled()
    assert after == _per_unit_direct()
    assert (after[market.pk], after[clean.pk]) == (before[market.pk] - 1, before[clean.pk] + 1)
    assert not CaseRollup.objects.filter(org_unit=market, month=dt.date(2024, 5, 1)).exists()
    assert CaseRollup.objects.get(org_unit=market, month=dt.date(2024, 4, 1)).cases == 1


def test_the_scheduler_runs_the_refresh_every_interval(crafted):
    # the refresh is a periodic job of the platform scheduler (no daily job, no task chain)
    job = schedule.PERIODIC["analytics.refresh"]
    assert job.seconds == conf.get("REFRESH_SECONDS") <= 45
    assert "analytics.rollups" not in schedule.JOBS
    # when the scheduler ticks (tests run tasks inline)
    schedule._last_periodic.pop("analytics.refresh", None)
    assert "analytics.refresh" in schedule.run_pending()
    # then the rollups exist
    assert CaseRollup.objects.aggregate(n=Sum("cases"))["n"] == Case.objects.count()
    assert RefreshState.objects.get().last_run_at is not None


def test_rereading_counted_changes_writes_nothing(crafted, settings):
    # given a refresh after a change, with a wide overlap so the next run re-reads that change
    settings.FAZHI_ANALYTICS = {"OVERLAP_SECONDS": 3600}
    services.rollup_refresh(now=NOW)
    case = Case.objects.get(status="investigating")
    case.status = "closed"
    case.save()
    first = services.rollup_refresh(now=LATER)
    assert first.mode == "incremental" and first.buckets == 1
    entries, ids = AuditEntry.objects.count(), set(CaseRollup.objects.values_list("pk", flat=True))
    # when the next run re-reads it
    again = services.rollup_refresh(now=LATER + dt.timedelta(minutes=1))
    # then nothing is rewritten, the version stays (dashboard caches stay valid), no audit entry
    assert (again.mode, again.buckets, again.version) == ("idle", 0, first.version)
    assert set(CaseRollup.objects.values_list("pk", flat=True)) == ids
    assert AuditEntry.objects.count() == entries


def test_the_watermark_waits_for_open_transactions(monkeypatch):
    now = timezone.now()
    five = dt.timedelta(minutes=5)
    monkeypatch.setattr(rollups, "oldest_open_transaction", lambda: now - five)
    # a transaction open for 5 minutes may still commit older changes: read again from there
    assert abs(rollups.next_watermark() - (now - five)) < dt.timedelta(seconds=1)
    # but never further back than HOLD_BACK_SECONDS (the daily rebuild covers the rest)
    monkeypatch.setattr(rollups, "oldest_open_transaction", lambda: now - dt.timedelta(days=2))
    hold = dt.timedelta(seconds=conf.get("HOLD_BACK_SECONDS"))
    assert abs(rollups.next_watermark() - (now - hold)) < dt.timedelta(seconds=1)
    # and with nothing open, the next run reads what changed from now on
    monkeypatch.setattr(rollups, "oldest_open_transaction", lambda: None)
    assert abs(rollups.next_watermark() - now) < dt.timedelta(seconds=1)


def test_old_changes_are_not_read_again_and_again(crafted, settings):
    # given cases all stamped long ago (a bulk import), and a full refresh after it
    Case.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))
    services.rollup_refresh(now=NOW)
    # when the next runs find no new change
    result = services.rollup_refresh(now=LATER)
    # then they read nothing: the watermark is the time of the last scan, not the newest stamp
    assert (result.mode, result.buckets) == ("idle", 0)
    state = RefreshState.objects.get()
    assert state.watermark > timezone.now() - dt.timedelta(minutes=1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_second_refresh_does_not_queue_behind_a_running_one(crafted):
    services.rollup_refresh(now=NOW)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with transaction.atomic():
            RefreshState.objects.select_for_update().get(pk=1)
            locked.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(10)
        result = services.rollup_refresh(now=LATER, wait=False)
    finally:
        release.set()
        holder.join()
    assert result.mode == "busy"
    assert RefreshState.objects.get().last_run_at == NOW


def test_the_dashboard_shows_a_change_after_the_next_refresh(crafted, client, world):
    services.rollup_refresh(now=NOW)
    client.force_login(make_user(world.district_a, R.SUPERVISOR, subtree=True))
    url = reverse("analytics:supervisor")
    assert sum(_chart_data(client.get(url, {"year": 2024}))["trend"]["closed"]) == 8
    case = Case.objects.get(status="investigating")
    case.status = "closed"
    case.save()
    # the cached page stays as it was until the refresh, then shows the change
    assert sum(_chart_data(client.get(url, {"year": 2024}))["trend"]["closed"]) == 8
    services.rollup_refresh(now=LATER)
    assert sum(_chart_data(client.get(url, {"year": 2024}))["trend"]["closed"]) == 9


def test_a_unit_moved_out_of_scope_leaves_the_cached_dashboard_at_once(crafted, client, world):
    services.rollup_refresh(now=NOW)
    a = make_user(world.district_a, R.SUPERVISOR, subtree=True)
    b = make_user(world.district_b, R.SUPERVISOR, subtree=True)
    url = reverse("analytics:supervisor")
    client.force_login(a)
    assert "东湖区市场监督管理局" in client.get(url, {"year": 2024}).content.decode()
    # when the market bureau moves to district B (no refresh in between)
    admin = make_user(world.city, R.SYSTEM_ADMIN, subtree=True)
    unit_move(actor=admin, unit=crafted["market"], new_parent=world.district_b)
    # then A's supervisor no longer sees it, and B's does
    assert "东湖区市场监督管理局" not in client.get(url, {"year": 2024}).content.decode()
    client.force_login(b)
    data = _chart_data(client.get(url, {"year": 2024}))
    assert "东湖区市场监督管理局" in data["units"]["labels"]


def test_a_full_rebuild_rewrites_only_the_buckets_that_changed(crafted):
    services.rollup_refresh(now=NOW)
    ids = set(CaseRollup.objects.values_list("pk", flat=True))
    # when the next day's rebuild finds the same numbers
    again = services.rollup_refresh(now=NOW + dt.timedelta(days=1))
    # then it is a full run that rewrote nothing
    assert (again.mode, again.buckets) == ("full", 0)
    assert set(CaseRollup.objects.values_list("pk", flat=True)) == ids
