"""Demo step (NOT YET REGISTERED: core test_demo counts only core audit entries; see report): subjects, ~200 officers, power lists, benchmarks and ~1,500 cases for 东湖区.

Bulk inserts for speed, each unit's load described by one explicit audit entry. Anomalies for the
analytics: a penalty-holding unit with zero cases (体育局), a unit with one penalty type only
(统计局), amounts outside their tier, cases open beyond 90 days, acts by an uncertified officer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import audit
from fazhi.core.demo import DemoContext, demo_step
from fazhi.core.demo.data import DISTRICT_DEPARTMENTS

from .ingest import _due
from .models import (
    BenchmarkTier,
    Case,
    CaseOfficer,
    Certificate,
    DiscretionBenchmark,
    EnforcementSubject,
    Officer,
    PowerItem,
    TrainingRecord,
)
from .models.registers import DOMAINS, domains_text

S = Case.Status
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
IDS = ["11010519491231002X", "110101199003070011", "36010219850612002X"]
ORG = ["91110000600037341L", "91350100M00000019W", "N2440100MA0000007C"]
STATUSES = (
    [S.CLOSED] * 6 + [S.ARCHIVED] * 2 + [S.DECIDED, S.SERVED, S.INVESTIGATING, S.NOTICE, S.FILED]
)


def _name(rng) -> str:  # type: ignore[no-untyped-def]
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])


@demo_step("enforcement.registers_and_cases", order=200)
def registers_and_cases(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    depts = [d for d in DISTRICT_DEPARTMENTS if d.enforcement or d.brigade]
    for dept in depts:
        key = f"donghu.{dept.key}"
        unit = ctx.unit(key)
        domain = dept.key if dept.key in DOMAINS else "other"
        EnforcementSubject.objects.create(
            org_unit=unit,
            kind=EnforcementSubject.Kind.STATUTORY,
            domains=domains_text([domain]),
            legal_basis="三定方案",
        )
        officers = _officers(ctx, key, unit, domain, 7)
        items = [
            PowerItem.objects.create(
                org_unit=unit,
                code=f"{dept.key.upper()}-CF-{i}",
                name=f"对{dept.name.replace('{city}', '').replace('{district}', '')}领域违法行为{i}的处罚",
                category=PowerItem.Category.PENALTY,
                legal_basis="相关法律法规",
                responsible_unit=unit,
                domain=domain,
                published=True,
                published_on=today,
            )
            for i in (1, 2, 3)
        ]
        items.append(
            PowerItem.objects.create(
                org_unit=unit,
                code=f"{dept.key.upper()}-JC-1",
                name="日常监督检查",
                category=PowerItem.Category.INSPECTION,
                legal_basis="相关法律法规",
                responsible_unit=unit,
                domain=domain,
                published=True,
                published_on=today,
            )
        )
        tiers = {item.pk: _benchmark(item) for item in items[:3]}
        n = 0 if dept.key == "sports" else rng.randint(30, 90)
        cases = [_case(ctx, unit, items, tiers, only_warning=dept.key == "stats") for _ in range(n)]
        Case.objects.bulk_create(cases, batch_size=1000)
        certified = [o for o in officers if o.certified]
        links = []
        for case in cases:
            pair = rng.sample(certified, 2) if len(certified) >= 2 else officers[:2]
            if rng.random() < 0.02:
                pair = [officers[-1], pair[0]]  # the uncertified officer acted
                case.officers_certified = False
            links += [
                CaseOfficer(
                    case=case,
                    officer=o,
                    certificate_number=o.cert_number,
                    assigned_on=case.filed_on,
                )
                for o in pair
            ]
        Case.objects.bulk_update(
            [c for c in cases if not c.officers_certified], ["officers_certified"]
        )
        CaseOfficer.objects.bulk_create(links, batch_size=2000)
        audit.record(
            actor=ctx.actor,
            verb="enforcement.demo_load",
            target=unit,
            unit_id=unit.pk,
            changes={
                "officers": [None, len(officers)],
                "power_items": [None, len(items)],
                "cases": [None, len(cases)],
            },
        )
        ctx.count("执法人员", len(officers))
        ctx.count("执法案件", len(cases))


def _officers(ctx: DemoContext, key: str, unit, domain: str, n: int) -> list[Officer]:  # type: ignore[no-untyped-def]
    rng, today = ctx.rng, ctx.today
    out = []
    for i in range(n):
        user = ctx.users.get(f"{key}.officer{i + 1}") or (
            ctx.users.get(f"{key}.reviewer") if i == n - 2 else None
        )
        officer = Officer.objects.create(
            org_unit=unit,
            user=user,
            full_name=user.full_name if user else _name(rng),
            domains=domains_text([domain]),
            legal_qualification=i == n - 2,
            legal_qualification_number=f"A{rng.randint(10**11, 10**12)}" if i == n - 2 else "",
        )
        expired = i == n - 1 or rng.random() < 0.05
        valid_to = (
            today - dt.timedelta(days=rng.randint(10, 300))
            if expired
            else today + dt.timedelta(days=rng.randint(20, 1500))
        )
        officer.cert_number = f"JC{unit.pk:04d}{i:03d}{rng.randint(100, 999)}"  # type: ignore[attr-defined]
        Certificate.objects.create(
            officer=officer,
            number=officer.cert_number,
            issuer="江城市人民政府",  # type: ignore[attr-defined]
            valid_from=valid_to - dt.timedelta(days=1825),
            valid_to=valid_to,
        )
        officer.certified = not expired  # type: ignore[attr-defined]
        hours = rng.choice([24, 40, 56, 64, 72, 80])
        TrainingRecord.objects.create(
            officer=officer,
            year=today.year,
            course="年度执法培训",
            hours=Decimal(hours),
            attended_on=today.replace(month=1, day=15),
        )
        out.append(officer)
    return out


def _benchmark(item: PowerItem) -> list[BenchmarkTier]:
    bench = DiscretionBenchmark.objects.create(
        org_unit=item.org_unit,
        power_item=item,
        violation=item.name.removeprefix("对").removesuffix("的处罚"),
        legal_basis=item.legal_basis,
        published=True,
    )
    return BenchmarkTier.objects.bulk_create(
        [
            BenchmarkTier(
                benchmark=bench,
                tier="lighter",
                conditions="初次违法、危害较小",
                amount_min=Decimal(0),
                amount_max=Decimal(5000),
            ),
            BenchmarkTier(
                benchmark=bench,
                tier="normal",
                conditions="一般情节",
                amount_min=Decimal(5000),
                amount_max=Decimal(20000),
            ),
            BenchmarkTier(
                benchmark=bench,
                tier="heavier",
                conditions="多次违法或后果严重",
                amount_min=Decimal(20000),
                amount_max=Decimal(50000),
            ),
        ]
    )


def _case(ctx: DemoContext, unit, items, tiers, *, only_warning: bool) -> Case:  # type: ignore[no-untyped-def]
    rng, today = ctx.rng, ctx.today
    inspection = rng.random() < 0.2
    item = items[3] if inspection else rng.choice(items[:3])
    filed = today - dt.timedelta(days=rng.randint(5, 360))
    status = S.CLOSED if inspection and rng.random() < 0.7 else rng.choice(STATUSES)
    person = rng.random() < 0.5
    case = Case(
        org_unit=unit,
        kind=Case.Kind.INSPECTION if inspection else Case.Kind.PENALTY,
        power_item=item,
        status=status,
        title=f"{item.name.removeprefix('对').removesuffix('的处罚')}案",
        domain=item.domain,
        party_kind="person" if person else "organisation",
        party_name=_name(rng) if person else f"江城{rng.choice(GIVEN)}{rng.choice(GIVEN)}有限公司",
        party_id_number=rng.choice(IDS if person else ORG),
        violation_on=filed - dt.timedelta(days=rng.randint(1, 60)),
        clue_on=filed - dt.timedelta(days=rng.randint(0, 10)),
        filed_on=filed,
        number=f"{unit.prefix}{'检' if inspection else '罚'}〔{filed.year}〕{rng.randint(1, 9999)}号",
    )
    if not inspection:
        case.decision_due_on = _due(filed, 90, "CD")
    decided = status in (S.DECIDED, S.SERVED, S.CLOSED, S.ARCHIVED)
    if decided and not inspection:
        case.decided_on = min(today, filed + dt.timedelta(days=rng.randint(10, 110)))
        if only_warning:
            case.penalty_types = "warning"
        else:
            tier = rng.choice(tiers[item.pk])
            amount = Decimal(rng.randint(int(tier.amount_min), int(tier.amount_max)))
            if rng.random() < 0.04:
                amount = tier.amount_max + Decimal(rng.randint(1000, 9000))
                case.deviation_reason = "情节特别严重"
            case.penalty_types, case.amount, case.benchmark_tier, case.amount_in_tier = (
                "fine",
                amount,
                tier,
                tier.allows(amount),
            )
            case.publish_due_on = _due(case.decided_on, 7, "WD")
            base = (
                case.publish_due_on
                if rng.random() < 0.15 and case.publish_due_on
                else case.decided_on
            )
            published = base + dt.timedelta(days=rng.randint(1, 8))
            if published <= today:
                case.publicity, case.published_on = Case.Publicity.PUBLISHED, published
            else:
                case.publicity = Case.Publicity.PENDING
        case.legal_review_required = bool(case.amount and case.amount >= 10000)
        case.legal_review_done = case.legal_review_required
    if status in (S.CLOSED, S.ARCHIVED):
        case.closed_on = min(
            today, (case.decided_on or filed) + dt.timedelta(days=rng.randint(5, 40))
        )
    return case
