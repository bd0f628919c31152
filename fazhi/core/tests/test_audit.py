"""The audit trail: same-transaction appends, hash chain, append-only triggers, verify-audit."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from fazhi.core import audit
from fazhi.core.audit_triggers import create_sql, drop_sql
from fazhi.core.models import AuditEntry, OrgUnit
from fazhi.core.services.org import unit_update


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify-audit", stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def _tamper(sql: str, params: list) -> None:
    """Simulate someone with database privileges: lift the triggers, change a row, restore them."""
    with connection.cursor() as cursor:
        for stmt in drop_sql(connection.vendor):
            cursor.execute(stmt)
        cursor.execute(sql, params)
        for stmt in create_sql(connection.vendor):
            cursor.execute(stmt)


def test_every_service_change_is_chained_and_verifies(world, sysadmin):
    # given the world built through services
    count = AuditEntry.objects.count()
    # when a unit is edited
    unit_update(actor=sysadmin, unit=world.market_a, name="东湖区市场监管局")
    # then one more entry records the field diff, linked to its predecessor
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == count + 1
    assert entry.verb == "core.unit_update"
    assert entry.changes == {"name": ["东湖区市场监督管理局", "东湖区市场监管局"]}
    assert entry.lane == audit.lane_for(world.market_a.pk)
    if entry.seq > 1:
        assert entry.prev_hash == AuditEntry.objects.get(lane=entry.lane, seq=entry.seq - 1).hash
    code, out = _verify()
    assert code == 0
    assert out.splitlines()[0] == audit.combine(audit.heads_as_of())


def test_failed_change_leaves_no_audit_entry(world, sysadmin):
    # given
    before = AuditEntry.objects.count()
    # when the change is refused inside its transaction
    with pytest.raises(Exception, match="统一社会信用代码"):
        unit_update(actor=sysadmin, unit=world.market_a, uscc="91110000600037341K")
    # then nothing was written
    assert AuditEntry.objects.count() == before
    assert OrgUnit.objects.get(pk=world.market_a.pk).uscc == ""


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(world):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, verb="x.y", target=world.city)


@pytest.mark.django_db(transaction=True)
def test_triggers_forbid_update_and_delete_even_in_raw_sql(world):
    entry = AuditEntry.objects.order_by("id").first()
    for sql in (
        "UPDATE core_auditentry SET verb = 'forged' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises((DatabaseError, IntegrityError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(verb="forged")
    assert AuditEntry.objects.get(pk=entry.pk).verb == entry.verb


def _busy_lane(world) -> int:
    """Give market_a's lane a few more entries and return that lane."""
    for name in ("东湖区市场监管局", "东湖区市场监督管理局", "东湖区市场监管局"):
        unit_update(actor=None, unit=world.market_a, name=name)
    lane = audit.lane_for(world.market_a.pk)
    assert AuditEntry.objects.filter(lane=lane).count() >= 4
    return lane


@pytest.mark.django_db(transaction=True)
def test_verify_names_the_altered_entry(world):
    # given an intact chain
    assert _verify()[0] == 0
    lane = _busy_lane(world)
    # when someone with DB access edits entry 3 of a lane directly
    _tamper(
        "UPDATE core_auditentry SET target_repr = %s WHERE lane = %s AND seq = 3", ["伪造", lane]
    )
    # then verify-audit fails and names that entry
    code, out = _verify()
    assert code == 1
    assert f"第 {lane} 号链第 3 条" in out and "篡改" in out


@pytest.mark.django_db(transaction=True)
def test_verify_names_a_deleted_entry(world):
    lane = _busy_lane(world)
    _tamper("DELETE FROM core_auditentry WHERE lane = %s AND seq = 2", [lane])
    code, out = _verify()
    assert code == 1
    assert f"第 {lane} 号链第 2 条" in out and "删除" in out


@pytest.mark.django_db(transaction=True)
def test_verify_detects_a_rehashed_forgery(world):
    # An attacker rewrites entry 2 and recomputes its own hash: entry 3 no longer links to it.
    lane = _busy_lane(world)
    e2 = AuditEntry.objects.get(lane=lane, seq=2)
    e2.target_repr = "伪造"
    forged = audit.compute_hash(e2.prev_hash, e2)
    _tamper(
        "UPDATE core_auditentry SET target_repr = %s, hash = %s WHERE id = %s",
        ["伪造", forged, e2.pk],
    )
    code, out = _verify()
    assert code == 1
    assert f"第 {lane} 号链第 3 条" in out and "不相连" in out


def test_daily_heads_show_the_live_digest(world, client):
    response = client.get("/audit/heads/?format=json")
    assert response.status_code == 200
    today = response.json()["heads"][0]
    assert today["digest"] == audit.combine(audit.heads_as_of())
    assert today["entries"] == AuditEntry.objects.count()
    assert today["complete"] is False


def test_a_day_checkpoint_freezes_the_heads_of_that_day(world):
    import datetime as dt

    from django.utils import timezone

    from fazhi.core.models import AuditCheckpoint

    # given entries written "yesterday" (the world) — pretend today is tomorrow
    yesterday = timezone.localdate()
    digest_then = audit.combine(audit.heads_as_of())
    later = timezone.now() + dt.timedelta(days=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "localdate", lambda *a, **k: yesterday + dt.timedelta(days=1))
        cp = audit.checkpoint_day(yesterday)
        assert audit.checkpoint_day(yesterday) == cp  # idempotent
    assert cp.digest == digest_then
    assert cp.entries == AuditEntry.objects.count()
    assert AuditCheckpoint.objects.count() == 1
    assert later > timezone.now()
