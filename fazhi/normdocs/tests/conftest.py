"""Fixtures of the normdocs tests: the people of district A's market bureau and justice bureau."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from fazhi.core.models import User
from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.tests.factories import SAMPLE_TEXT


@dataclass
class Team:
    """Who does what for a department document of district A's market bureau."""

    clerk: User
    legal: User
    head: User
    supervisor: User


@pytest.fixture
def team(world) -> Team:
    return Team(
        clerk=make_user(world.market_a, ROLES.CLERK),
        legal=make_user(world.market_a, ROLES.LEGAL_REVIEWER),
        head=make_user(world.market_a, ROLES.UNIT_HEAD),
        supervisor=make_user(world.district_a, ROLES.SUPERVISOR, subtree=True),
    )


def draft(world, team, **extra) -> NormativeDocument:
    values = {
        "actor": team.clerk,
        "title": "东湖区市场主体登记便利化若干规定",
        "org_unit": world.market_a,
        "effective_on": dt.date(2026, 7, 1),
        "expires_on": dt.date(2031, 6, 30),
        "text": SAMPLE_TEXT,
    } | extra
    return services.document_create(**values)


def to_review(world, team, doc=None, **extra) -> NormativeDocument:
    """Drive a new draft up to the legality review (comment period in March 2026)."""
    doc = doc or draft(world, team, **extra)
    services.document_evaluate(actor=team.clerk, doc=doc, note="经评估，确有必要制定")
    services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=dt.date(2026, 3, 2), channel="区政府门户网站"
    )
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=dt.date(2026, 4, 1))
    doc.refresh_from_db()
    if doc.affects_market:
        services.fair_review_record(
            actor=team.clerk,
            doc=doc,
            reviewed_on=dt.date(2026, 4, 2),
            reviewing_body="区市场监督管理局",
            conclusion="compliant",
        )
    services.dept_precheck_record(actor=team.legal, doc=doc, opinion="同意报送")
    services.legality_review_submit(actor=team.clerk, doc=doc, received_on=dt.date(2026, 4, 7))
    doc.refresh_from_db()
    return doc


def to_published(world, team, doc=None, **extra) -> NormativeDocument:
    """Drive a draft all the way to publication (published 2026-05-20)."""
    doc = to_review(world, team, doc, **extra)
    review = doc.legality_reviews.get()
    services.legality_review_record(
        actor=team.legal, review=review, opinion="legal", completed_on=dt.date(2026, 4, 20)
    )
    services.deliberation_record(
        actor=team.head,
        doc=doc,
        meeting="局务会议",
        meeting_on=dt.date(2026, 5, 6),
        decision="approved",
    )
    services.document_sign(actor=team.head, doc=doc, signer="张局长", signed_on=dt.date(2026, 5, 8))
    services.document_register(actor=team.supervisor, doc=doc, year=2026)
    services.document_publish(
        actor=team.supervisor,
        doc=doc,
        published_on=dt.date(2026, 5, 20),
        channel="区政府门户网站",
        interpretation_title="政策解读",
        interpretation_text="本规定主要内容解读……",
    )
    doc.refresh_from_db()
    return doc
