"""People of district A's market bureau (and a sibling reviewer) for the pre-check tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from fazhi.core.models import User
from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs import services as normdocs
from fazhi.normdocs.models import NormativeDocument

DRAFT = """东湖区户外广告设置管理办法
第一条 为规范户外广告设置，根据有关法律法规，制定本办法。
第二条 在本区范围内设置户外广告的，应当向区城市管理局提出申请，经批准后方可设置。
第三条 违反本办法规定擅自设置户外广告的，由区城市管理局处五千元以上一万元以下罚款。
第四条 违反本办法规定的其他行为，依照《中华人民共和国广告法》的有关规定予以处罚。
第五条 本办法自2026年7月1日起施行。
"""


@dataclass
class Team:
    clerk: User
    legal: User
    sibling_legal: User


@pytest.fixture
def team(world) -> Team:
    return Team(
        clerk=make_user(world.market_a, ROLES.CLERK),
        legal=make_user(world.market_a, ROLES.LEGAL_REVIEWER),
        sibling_legal=make_user(world.market_b, ROLES.LEGAL_REVIEWER, subtree=True),
    )


def draft(world, team, text: str = DRAFT) -> NormativeDocument:
    """A draft of district A's market bureau, created through the normdocs service."""
    return normdocs.document_create(
        actor=team.clerk,
        title="东湖区户外广告设置管理办法",
        org_unit=world.market_a,
        effective_on=dt.date(2026, 7, 1),
        expires_on=dt.date(2031, 6, 30),
        text=text,
    )
