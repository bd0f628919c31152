"""Register editing through the staff pages: bad input re-renders with Chinese errors and writes
nothing; good input is saved through the audited services."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.testing import make_unit, make_user
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    LenientListEntry,
    Officer,
    PowerItem,
    TrainingRecord,
)
from fazhi.enforcement.services import registers as reg

from .conftest import R
from .factories import make_officer
from .flow import filed_case


@pytest.fixture
def head(world):
    return make_user(world.market_a, R.UNIT_HEAD, subtree=True)


def _post(client, user, name, data, **kwargs):
    client.force_login(user)
    return client.post(reverse(f"enforcement:{name}", kwargs=kwargs), data)


def test_entrusted_subject_needs_its_entrustment_document(client, world, head):
    # given a body under the bureau, entrusted by it, but without its 委托书
    station = make_unit("湖滨市场监管所", parent=world.market_a, short_name="湖滨所")
    data = {
        "unit": station.pk,
        "kind": "entrusted",
        "domains": ["market"],
        "entrusting_unit": world.market_a.pk,
        "active": "on",
    }
    audits = AuditEntry.objects.count()
    # when it is submitted, then the form comes back with the reason, nothing written
    response = _post(client, head, "subject-new", data)
    assert response.status_code == 400
    assert "委托书文号" in response.content.decode()
    assert not EnforcementSubject.objects.exists()
    assert AuditEntry.objects.count() == audits
    # and with the document it is saved and audited
    data["entrustment_document"] = "东市监委〔2026〕1号"
    response = _post(client, head, "subject-new", data)
    assert response.status_code == 302
    subject = EnforcementSubject.objects.get()
    assert subject.kind == "entrusted" and subject.entrusting_unit == world.market_a
    assert AuditEntry.objects.filter(verb="enforcement.subject_save").count() == 1


def test_subject_of_a_unit_outside_scope_cannot_be_chosen(client, world, head):
    response = _post(client, head, "subject-new", {"unit": world.market_b.pk, "kind": "statutory"})
    assert response.status_code == 400
    assert not EnforcementSubject.objects.exists()


def test_officer_with_legal_qualification_needs_its_number(client, world, head):
    data = {
        "unit": world.market_a.pk,
        "full_name": "李审核",
        "domains": ["market"],
        "legal_qualification": "on",
        "active": "on",
    }
    response = _post(client, head, "officer-new", data)
    assert response.status_code == 400 and "法律职业资格证书编号" in response.content.decode()
    assert not Officer.objects.exists()
    data["legal_qualification_number"] = "A20231100001"
    assert _post(client, head, "officer-new", data).status_code == 302
    assert Officer.objects.get().legal_qualification


def test_certificate_with_inverted_dates_is_refused(client, world, head):
    officer = make_officer(world.market_a, certified=False)
    data = {
        "number": "JC0001",
        "issuer": "江城市人民政府",
        "valid_from": "2026-01-01",
        "valid_to": "2025-01-01",
        "domains": ["market"],
    }
    response = _post(client, head, "certificate-new", data, pk=officer.pk)
    assert response.status_code == 400 and "有效期至不能早于有效期自" in response.content.decode()
    assert not Certificate.objects.filter(officer=officer).exists()


def test_training_shortfall_is_flagged_on_the_officer_page(client, world, head):
    officer = make_officer(world.market_a)
    today = dt.date.today()  # noqa: DTZ011
    data = {"course": "行政处罚法专题", "hours": "24", "attended_on": today.isoformat()}
    assert _post(client, head, "training-new", data, pk=officer.pk).status_code == 302
    page = client.get(reverse("enforcement:officer-detail", args=[officer.pk])).content.decode()
    assert "24.0 / 60" in page and "不足 36.0 学时" in page
    bad = _post(client, head, "training-new", {**data, "hours": "-3"}, pk=officer.pk)
    assert bad.status_code == 400
    assert TrainingRecord.objects.filter(officer=officer).count() == 1


def test_revoked_certificate_blocks_assignment(world, team):
    # given an officer whose only certificate is revoked today
    case = filed_case(team, world, filed_on=dt.date(2024, 3, 1), officers=0)
    officer = make_officer(world.market_a)
    cert = officer.certificates.get()
    with pytest.raises(DomainError, match="注销原因"):
        reg.certificate_revoke(actor=team.head, certificate=cert, on=dt.date(2024, 3, 1), reason="")
    reg.certificate_revoke(
        actor=None, certificate=cert, on=dt.date(2024, 3, 1), reason="调离执法岗位"
    )
    # then the officer cannot be assigned from that day
    with pytest.raises(DomainError, match="无有效执法证"):
        services.case_assign_officer(
            case=case, officer=officer, actor=team.handler, on=dt.date(2024, 3, 1)
        )


def test_power_item_adjustments_are_versioned_with_reason_and_date(client, world, head):
    data = {
        "unit": world.market_a.pk,
        "code": "CF-100",
        "name": "对无照经营的处罚",
        "category": "penalty",
        "legal_basis": "《无证无照经营查处办法》第十三条",
        "responsible_unit": world.market_a.pk,
        "domain": "market",
        "effective_on": "2025-01-01",
    }
    assert _post(client, head, "power-new", data).status_code == 302
    item = PowerItem.objects.get(code="CF-100")
    adjust = {
        "name": item.name,
        "category": "penalty",
        "legal_basis": "《无证无照经营查处办法》第十三条第一款",
        "responsible_unit": world.market_a.pk,
        "domain": "market",
        "active": "on",
        "effective_on": "2026-03-01",
    }
    # without a reason: refused, still version 1
    response = _post(client, head, "power-detail", adjust, pk=item.pk)
    assert response.status_code == 400 and "调整理由" in response.content.decode()
    item.refresh_from_db()
    assert item.version == 1
    # with a reason: version 2, and the history shows both versions with reason and date
    _post(client, head, "power-detail", {**adjust, "reason": "依据条款细化"}, pk=item.pk)
    item.refresh_from_db()
    assert item.version == 2 and item.legal_basis.endswith("第一款")
    page = client.get(reverse("enforcement:power-detail", args=[item.pk])).content.decode()
    assert "依据条款细化" in page and "2026-03-01" in page and "第 1 版" in page


def _tiers(**rows):
    data = {}
    for tier, (conditions, low, high) in rows.items():
        data |= {
            f"{tier}_conditions": conditions,
            f"{tier}_min": str(low),
            f"{tier}_max": str(high),
        }
    return data


def test_benchmark_needs_three_tiers_and_ordered_ranges(client, world, team, head):
    base = {"power_item": team.item.pk, "violation": "无照经营", "legal_basis": "第十三条"}
    before = DiscretionBenchmark.objects.count()
    two = _tiers(lighter=("初次", 0, 1000), normal=("一般", 1000, 5000))
    response = _post(client, head, "benchmark-new", {**base, **two})
    assert response.status_code == 400 and "至少应划分 3 个阶次" in response.content.decode()
    inverted = _tiers(
        lighter=("初次", 0, 1000), normal=("一般", 5000, 1000), heavier=("多次", 5000, 9000)
    )
    response = _post(client, head, "benchmark-new", {**base, **inverted})
    assert response.status_code == 400 and "上限低于下限" in response.content.decode()
    assert DiscretionBenchmark.objects.count() == before
    good = _tiers(
        lighter=("初次", 0, 1000), normal=("一般", 1000, 5000), heavier=("多次", 5000, 9000)
    )
    assert _post(client, head, "benchmark-new", {**base, **good}).status_code == 302
    bench = DiscretionBenchmark.objects.latest("pk")
    assert bench.tiers.count() == 3 and not bench.published


def test_four_lists_basis_must_match_the_list(client, world, head):
    data = {
        "unit": world.market_a.pk,
        "list_kind": "no_compulsion",
        "matter": "小额涉嫌不合格商品",
        "conditions": "情节显著轻微",
        "basis": "cf33",
    }
    response = _post(client, head, "lenient-new", data)
    assert response.status_code == 400 and "行政强制法" in response.content.decode()
    assert _post(client, head, "lenient-new", {**data, "basis": "qz5"}).status_code == 302
    entry = LenientListEntry.objects.get()
    assert not entry.published
    _post(client, head, "lenient-publish", {}, pk=entry.pk)
    entry.refresh_from_db()
    assert entry.published


def test_sibling_manager_gets_404_on_edit_pages(client, world):
    # the full matrix is in tests/test_scoping.py; this is the readable single case
    officer = make_officer(world.market_a)
    sibling = make_user(world.market_b, R.UNIT_HEAD, subtree=True)
    client.force_login(sibling)
    response = client.post(
        reverse("enforcement:training-new", args=[officer.pk]),
        {"course": "x", "hours": "10", "attended_on": "2026-01-05"},
    )
    assert response.status_code == 404
    assert not TrainingRecord.objects.exists()
