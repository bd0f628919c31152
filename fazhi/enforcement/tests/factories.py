"""Test builders for enforcement records (direct ORM: fast, no audit needed for fixtures)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.models import (
    BenchmarkTier,
    Case,
    Certificate,
    DiscretionBenchmark,
    Officer,
    PowerItem,
)
from fazhi.enforcement.models.registers import domains_text

_seq = itertools.count(1)
PERSON_ID = "11010519491231002X"
ORG_USCC = "91110000600037341L"


def make_officer(
    unit: OrgUnit,
    *,
    user: User | None = None,
    valid_from: dt.date = dt.date(2020, 1, 1),
    valid_to: dt.date = dt.date(2030, 12, 31),
    legal: bool = False,
    certified: bool = True,
    domains: tuple[str, ...] = ("market",),
) -> Officer:
    officer = Officer.objects.create(
        org_unit=unit,
        user=user,
        full_name=f"执法员{next(_seq)}",
        domains=domains_text(domains),
        legal_qualification=legal,
    )
    if certified:
        Certificate.objects.create(
            officer=officer,
            number=f"ZF{next(_seq):08d}",
            issuer="江城市人民政府",
            valid_from=valid_from,
            valid_to=valid_to,
        )
    return officer


def make_power_item(
    unit: OrgUnit, *, category: str = PowerItem.Category.PENALTY, published: bool = True
) -> PowerItem:
    n = next(_seq)
    return PowerItem.objects.create(
        org_unit=unit,
        code=f"CF{n:05d}",
        name=f"对销售不合格产品的处罚{n}",
        category=category,
        legal_basis="《中华人民共和国产品质量法》第四十九条",
        responsible_unit=unit,
        domain="market",
        published=published,
    )


def make_benchmark(item: PowerItem) -> DiscretionBenchmark:
    bench = DiscretionBenchmark.objects.create(
        org_unit=item.org_unit,
        power_item=item,
        violation="销售不合格产品",
        legal_basis=item.legal_basis,
        published=True,
    )
    for tier, low, high in [
        ("lighter", 0, 5000),
        ("normal", 5000, 20000),
        ("heavier", 20000, 50000),
    ]:
        BenchmarkTier.objects.create(
            benchmark=bench,
            tier=tier,
            conditions=f"{tier} 情形",
            amount_min=Decimal(low),
            amount_max=Decimal(high),
        )
    return bench


def case_kwargs(unit: OrgUnit, item: PowerItem, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "org_unit": unit,
        "kind": Case.Kind.PENALTY,
        "power_item": item,
        "title": "销售不合格产品案",
        "party_kind": Case.PartyKind.PERSON,
        "party_name": "张三",
        "party_id_number": PERSON_ID,
        "party_phone": "13812345678",
        "violation_on": dt.date(2023, 12, 1),
        "clue_on": dt.date(2024, 7, 10),
    }
    data.update(extra)
    return data
