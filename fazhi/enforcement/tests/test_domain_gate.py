"""An officer may act only within the domains of the certificate (执法证的执法领域)."""

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, CaseOfficer
from fazhi.enforcement.models import Certificate as EnfCertificate
from fazhi.enforcement.models.registers import domains_text

from .factories import make_officer
from .flow import filed_case

D = dt.date(2024, 3, 1)


def test_officer_certified_only_for_another_domain_cannot_be_assigned(world, team):
    # given a market case and an officer certified for transport only
    case = filed_case(team, world, filed_on=D, officers=0)
    transport = make_officer(world.market_a, domains=("transport",))
    audit_count = AuditEntry.objects.count()
    # when / then: refused with a Chinese reason naming the domain, nothing written
    with pytest.raises(DomainError, match="执法领域不包括“市场监管”"):
        services.case_assign_officer(case=case, officer=transport, actor=team.handler, on=D)
    assert not CaseOfficer.objects.filter(case=case).exists()
    assert AuditEntry.objects.count() == audit_count


def test_certificate_domains_override_the_officers_own(world, team):
    # given an officer listed for market whose certificate was issued for culture only
    case = filed_case(team, world, filed_on=D, officers=0)
    officer = make_officer(world.market_a, domains=("market",))
    EnfCertificate.objects.filter(officer=officer).update(domains=domains_text(["culture"]))
    # then the certificate decides
    with pytest.raises(DomainError, match="执法领域不包括"):
        services.case_assign_officer(case=case, officer=officer, actor=team.handler, on=D)
    # and a certificate covering market lets the same kind of officer in
    other = make_officer(world.market_a, domains=())
    EnfCertificate.objects.filter(officer=other).update(domains=domains_text(["market", "culture"]))
    services.case_assign_officer(case=case, officer=other, actor=team.handler, on=D)
    assert CaseOfficer.objects.filter(case=case, officer=other).exists()


def test_officers_outside_the_domain_do_not_count_towards_the_two(world, team):
    # given two assigned officers, then one certificate is re-issued for another domain
    case = filed_case(team, world, filed_on=D)
    EnfCertificate.objects.filter(officer=team.officers[1]).update(domains=",transport,")
    # when the investigation starts, then only one officer counts
    with pytest.raises(DomainError, match="本领域有效执法证 1 人"):
        services.case_advance(case=case, actor=team.handler, target=Case.Status.INVESTIGATING, on=D)


def test_batch_ingest_refuses_certificates_of_another_domain(client, world, team):
    # given a pushed case whose officers' certificates cover transport only
    from fazhi.core.services.tokens import token_create
    from fazhi.enforcement.models import Case as CaseModel

    from .test_exchange import _row

    EnfCertificate.objects.filter(officer__in=team.officers).update(domains=",transport,")
    with __import__("django").db.transaction.atomic():
        _, raw = token_create(actor=team.handler, name="推送")
    body = {"source_system": "市监办案系统", "cases": [_row(team, world, 1)]}
    # when
    response = client.post(
        "/api/enforcement/cases/batch",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    # then the batch is refused by row and field, nothing written
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["field"] == "officer_certificates"
    assert "执法领域不包括“市场监管”" in errors[0]["message"]
    assert not CaseModel.objects.exists()
