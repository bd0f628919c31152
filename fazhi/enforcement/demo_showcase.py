"""Demo step: cases of 东湖区市场监督管理局 run through the real services, one in every state.

Runs after `demo_data` (which created the registers). Every case here has its timeline, clocks,
numbers and audit entries exactly as if staff had clicked through it: a transfer to the police, a
hearing with legal review, an extension, a benchmark deviation, a decision published then withdrawn
after reconsideration, a simplified on-the-spot fine and an inspection. Also the registers that
only the services write: an entrusted subject, a versioned power-list adjustment, a five-tier
benchmark and the four lists.

Dates are anchored at least 100 days before the end of the last year the working-day calendar
covers, so every statutory deadline can be computed whatever day the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fazhi.clocks.calendar import CALENDAR
from fazhi.core.demo import DemoContext, demo_step

from . import services
from .models import BenchmarkTier, Case, EnforcementSubject, LenientListEntry, Officer, PowerItem
from .services import catalogue as cat
from .services import registers as reg

S = Case.Status
UNIT = "donghu.market"


def _anchor(today: dt.date) -> dt.date:
    last = dt.date(max(CALENDAR.covered_years() or {today.year}), 12, 31)
    return min(today, last - dt.timedelta(days=100))


class Runner:
    """Drives one case step by step; `stop` ends the run at a given status."""

    def __init__(self, ctx: DemoContext, item: PowerItem, officers: list[Officer]) -> None:
        self.clerk = ctx.user(f"{UNIT}.clerk")
        self.head = ctx.user(f"{UNIT}.head")
        self.reviewer = ctx.user(f"{UNIT}.reviewer")
        self.unit, self.item, self.officers = ctx.unit(UNIT), item, officers
        self.tiers = {t.tier: t for t in BenchmarkTier.objects.filter(benchmark__power_item=item)}

    def new(self, on: dt.date, party: tuple[str, str, str], **extra: Any) -> Case:
        kind, name, ident = party
        return services.case_create(
            actor=self.clerk,
            unit=self.unit,
            kind=extra.pop("kind", Case.Kind.PENALTY),
            power_item=extra.pop("item", self.item),
            clue_on=on,
            title=extra.pop("title", "销售不符合食品安全标准的食品案"),
            party_kind=kind,
            party_name=name,
            party_id_number=ident,
            party_phone="13907910001",
            violation_on=on - dt.timedelta(days=12),
            **extra,
        )

    def file(self, case: Case, on: dt.date) -> Case:
        case = services.case_file(case=case, actor=self.head, filed_on=on)
        for i, officer in enumerate(self.officers[:2]):
            role = "lead" if i == 0 else "assist"
            services.case_assign_officer(
                case=case, officer=officer, actor=self.clerk, on=on, role=role
            )
        return case

    def step(self, case: Case, target: str, on: dt.date, **extra: Any) -> Case:
        actor = self.head if target in (S.NOT_FILED, S.NO_PENALTY, S.CLOSED) else self.clerk
        return services.case_advance(case=case, actor=actor, target=target, on=on, **extra)

    def to_notice(self, case: Case, on: dt.date, amount: Decimal) -> Case:
        case = self.step(case, S.INVESTIGATING, on + dt.timedelta(days=1))
        case = self.step(case, S.INVESTIGATION_CLOSED, on + dt.timedelta(days=20))
        return self.step(
            case, S.NOTICE, on + dt.timedelta(days=22), penalty_types=["fine"], amount=amount
        )

    def decide(self, case: Case, on: dt.date, amount: Decimal, tier: str, reason: str = "") -> Case:
        return services.case_decide(
            case=case,
            actor=self.head,
            decided_on=on,
            decision_number=case.number.replace("罚〔", "罚决〔"),
            penalty_types=["fine"],
            amount=amount,
            benchmark_tier=self.tiers[tier],
            deviation_reason=reason,
            summary=(
                f"当事人{case.party_name}（联系电话 {case.party_phone}）{case.title.removesuffix('案')}，"
                f"违反《中华人民共和国食品安全法》第三十四条。决定：罚款人民币{amount}元。"
            ),
        )

    def serve_publish(self, case: Case, on: dt.date) -> Case:
        case = services.case_serve(case=case, actor=self.clerk, served_on=on)
        return services.case_publish(case=case, actor=self.clerk, published_on=on)

    def close(self, case: Case, on: dt.date) -> Case:
        case = self.step(case, S.EXECUTING, on)
        return self.step(case, S.CLOSED, on + dt.timedelta(days=5), paid_on=on)


PEOPLE = [
    ("person", "王建华", "11010519491231002X"),
    ("organisation", "江城鑫源食品有限公司", "91110000600037341L"),
    ("person", "刘晓梅", "110101199003070011"),
    ("organisation", "江城惠民超市有限公司", "91350100M00000019W"),
    ("person", "陈志强", "360102198506120031"),
]


def _flows(r: Runner, a: dt.date) -> list[tuple[str, Callable[[], Case]]]:
    """(label, run) for every showcase case; `a` is the anchor date."""
    d = dt.timedelta
    p = PEOPLE

    def ordinary(days: int, amount: int, stop: str, party: int = 0) -> Case:
        case = r.file(r.new(a - d(days), p[party]), a - d(days) + d(1))
        if stop == S.FILED:
            return case
        case = r.step(case, S.INVESTIGATING, a - d(days) + d(2))
        if stop == S.INVESTIGATING:
            return case
        case = r.step(case, S.INVESTIGATION_CLOSED, a - d(days) + d(20))
        if stop == S.INVESTIGATION_CLOSED:
            return case
        notice = a - d(days) + d(22)
        case = r.step(case, S.NOTICE, notice, penalty_types=["fine"], amount=Decimal(amount))
        if stop == S.NOTICE:
            return case
        case = r.step(case, S.STATEMENT, notice + d(2), note="当事人书面陈述，称系初次违法")
        if stop == S.STATEMENT:
            return case
        case = r.decide(case, notice + d(10), Decimal(amount), "lighter")
        if stop == S.DECIDED:
            return case
        case = r.serve_publish(case, notice + d(12))
        if stop == S.SERVED:
            return case
        if stop == S.EXECUTING:
            return r.step(case, S.EXECUTING, notice + d(14))
        case = r.close(case, notice + d(14))
        if stop == S.ARCHIVED:
            case = r.step(case, S.ARCHIVED, notice + d(30))
        return case

    def heard(stop: str) -> Case:
        """A large fine on a company: hearing requested and held, so legal review is mandatory."""
        case = r.to_notice(r.file(r.new(a - d(80), p[1]), a - d(79)), a - d(79), Decimal(150000))
        case = r.step(case, S.HEARING, a - d(55))
        if stop == S.HEARING:
            return case
        case = services.case_record_hearing(
            case=case, actor=r.clerk, held_on=a - d(45), note="当事人到场陈述申辩"
        )
        case = r.step(case, S.LEGAL_REVIEW, a - d(40))
        if stop == S.LEGAL_REVIEW:
            return case
        services.legal_review_record(
            case=case,
            reviewer=r.reviewer,
            result="passed",
            opinion="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。",
            reviewed_on=a - d(36),
        )
        case = r.decide(case, a - d(35), Decimal(150000), "heavier")
        case = r.serve_publish(case, a - d(33))
        return r.close(case, a - d(20))

    def not_filed() -> Case:
        case = r.new(a - d(30), p[2], title="举报销售过期食品（经核查不属实）")
        return r.step(case, S.NOT_FILED, a - d(25), note="经现场核查，举报事项不属实")

    def no_penalty() -> Case:
        case = r.file(r.new(a - d(60), p[4], title="首次未按规定公示食品经营许可证案"), a - d(59))
        case = r.step(case, S.INVESTIGATING, a - d(58))
        case = r.step(case, S.INVESTIGATION_CLOSED, a - d(50))
        return r.step(
            case, S.NO_PENALTY, a - d(45), note="首违不罚：初次违法、危害后果轻微并及时改正"
        )

    def transferred() -> Case:
        case = r.file(r.new(a - d(70), p[1], title="生产销售有毒有害食品案"), a - d(69))
        case = r.step(case, S.INVESTIGATING, a - d(68))
        materials = {"letter": True, "report": True, "items": True, "appraisal": True}
        services.transfer_report(
            case=case,
            actor=r.clerk,
            reason="涉嫌生产、销售有毒、有害食品罪（《刑法》第一百四十四条）",
            reported_on=a - d(40),
            materials=materials,
        )
        services.transfer_resolve(case=case, actor=r.head, approved=True, on=a - d(39))
        services.transfer_send(
            case=case, actor=r.clerk, on=a - d(39), agency="江城市公安局东湖区分局", materials={}
        )
        services.transfer_police_result(case=case, actor=r.clerk, accepted=True, on=a - d(37))
        return Case.objects.get(pk=case.pk)

    def withdrawn() -> Case:
        case = ordinary(150, 4000, S.CLOSED, party=3)
        case = services.case_mark_revoked(
            case=case, by="reconsideration", outcome="撤销", decided_on=a - d(20), actor=None
        )
        return services.case_withdraw_publicity(
            case=case, actor=r.clerk, on=a - d(18), reason="行政复议决定撤销原处罚决定"
        )

    def deviation() -> Case:
        case = r.to_notice(r.file(r.new(a - d(50), p[3]), a - d(49)), a - d(49), Decimal(8000))
        case = r.decide(case, a - d(20), Decimal(8000), "lighter", reason="当事人拒不配合调查")
        return services.case_serve(case=case, actor=r.clerk, served_on=a - d(18))

    def extended() -> Case:
        case = ordinary(100, 6000, S.INVESTIGATING, party=2)
        return services.case_extend(
            case=case,
            actor=r.head,
            days=30,
            reason="案情复杂，需补充检验鉴定",
            approved_on=a - d(15),
        )

    def simplified() -> Case:
        case = r.new(
            a - d(10), p[0], title="未按规定佩戴健康证明从事食品经营案", procedure="simplified"
        )
        case = services.case_file(case=case, actor=r.head, filed_on=a - d(10))
        for officer in r.officers[:2]:
            services.case_assign_officer(case=case, officer=officer, actor=r.clerk, on=a - d(10))
        case = services.case_decide(
            case=case,
            actor=r.head,
            decided_on=a - d(10),
            decision_number=case.number.replace("罚〔", "罚决〔"),
            penalty_types=["fine"],
            amount=Decimal(200),
            benchmark_tier=r.tiers["lighter"],
            summary="当场作出罚款人民币200元的决定。",
        )
        return services.case_serve(case=case, actor=r.clerk, served_on=a - d(10))

    def inspection() -> Case:
        item = PowerItem.objects.get(org_unit=r.unit, category=PowerItem.Category.INSPECTION)
        case = r.new(
            a - d(9),
            p[1],
            kind=Case.Kind.INSPECTION,
            item=item,
            title="食品生产企业日常监督检查",
        )
        case = r.file(case, a - d(9))
        case = r.step(case, S.INVESTIGATING, a - d(8))
        return r.step(case, S.CLOSED, a - d(5), note="检查未发现问题")

    return [
        ("clue", lambda: r.new(a - d(3), p[0], title="群众举报无证经营小餐饮")),
        ("not_filed", not_filed),
        ("filed", lambda: ordinary(5, 3000, S.FILED)),
        ("investigating", lambda: ordinary(130, 3000, S.INVESTIGATING, party=1)),
        ("investigation_closed", lambda: ordinary(40, 3000, S.INVESTIGATION_CLOSED)),
        ("notice", lambda: ordinary(28, 3000, S.NOTICE, party=2)),
        ("statement", lambda: ordinary(33, 3000, S.STATEMENT)),
        ("hearing", lambda: heard(S.HEARING)),
        ("legal_review", lambda: heard(S.LEGAL_REVIEW)),
        ("decided", lambda: ordinary(38, 4500, S.DECIDED, party=4)),
        ("served", lambda: ordinary(50, 3500, S.SERVED, party=2)),
        ("executing", lambda: ordinary(60, 2800, S.EXECUTING, party=3)),
        ("no_penalty", no_penalty),
        ("transferred", transferred),
        ("closed", lambda: heard(S.CLOSED)),
        ("archived", lambda: ordinary(120, 3000, S.ARCHIVED, party=1)),
        ("withdrawn", withdrawn),
        ("deviation", deviation),
        ("extended", extended),
        ("simplified", simplified),
        ("inspection", inspection),
    ]


@demo_step("enforcement.showcase", order=210)
def showcase(ctx: DemoContext) -> None:
    """Cases in every state through the services, and the registers only services write."""
    unit = ctx.unit(UNIT)
    item = _registers(ctx)
    officers = [
        o
        for o in Officer.objects.filter(unit.subtree_q("org_unit__path"), user__isnull=False)
        if o.user.username.startswith(f"{UNIT}.brigade.officer")  # type: ignore[union-attr]
    ]
    runner = Runner(ctx, item, officers)
    for _label, run in _flows(runner, _anchor(ctx.today)):
        run()
        ctx.count("执法案件（全流程演示）")


def _registers(ctx: DemoContext) -> PowerItem:
    """Entrusted subject, a versioned power item with a five-tier benchmark, the four lists."""
    on = _anchor(ctx.today)
    unit = ctx.unit(UNIT)
    reg.subject_save(
        actor=None,
        unit=ctx.unit("donghu.hubin"),
        kind=EnforcementSubject.Kind.ENTRUSTED,
        domains=["urban"],
        legal_basis="《行政处罚法》第二十条",
        entrusting_unit=ctx.unit("donghu.urban"),
        entrustment_document="东城管委〔2025〕3号",
        entrustment_valid_to=on.replace(year=on.year + 2),
    )
    item = cat.power_item_create(
        actor=None,
        unit=unit,
        code="MARKET-CF-9",
        name="对销售不符合食品安全标准的食品的处罚",
        category=PowerItem.Category.PENALTY,
        legal_basis="《中华人民共和国食品安全法》第一百二十四条",
        responsible_unit=unit,
        domain="market",
        effective_on=on - dt.timedelta(days=400),
    )
    item = cat.power_item_adjust(
        item=item,
        actor=None,
        reason="《食品安全法》修正，调整设定依据的条款表述",
        effective_on=on - dt.timedelta(days=200),
        legal_basis="《中华人民共和国食品安全法》（2021年修正）第一百二十四条第一款",
    )
    cat.power_item_publish(item=item, actor=None, published=True, on=on - dt.timedelta(days=200))
    bench = cat.benchmark_create(
        actor=None,
        power_item=item,
        violation="销售不符合食品安全标准的食品",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条",
        tiers=[
            _tier("none", "初次违法、货值极小、及时改正且没有危害后果", 0, 0),
            _tier("mitigated", "主动消除或者减轻危害后果", 1000, 5000),
            _tier("lighter", "货值金额不足一万元，初次违法", 0, 5000),
            _tier("normal", "货值金额一万元以上不足五万元", 5000, 100000),
            _tier("heavier", "货值金额五万元以上或者造成危害后果", 100000, 200000),
        ],
    )
    cat.benchmark_publish(benchmark=bench, actor=None, on=on)
    for unit_key, rows in FOUR_LISTS.items():
        for list_kind, matter, conditions, basis in rows:
            entry = cat.lenient_entry_create(
                actor=None,
                unit=ctx.unit(unit_key),
                list_kind=list_kind,
                matter=matter,
                conditions=conditions,
                basis=basis,
                power_item=item if unit_key == UNIT else None,
            )
            cat.lenient_entry_publish(entry=entry, actor=None, published=True)
    return item


def _tier(tier: str, conditions: str, low: int, high: int) -> dict[str, Any]:
    return {"tier": tier, "conditions": conditions, "amount_min": low, "amount_max": high}


L = LenientListEntry.ListKind
B = LenientListEntry.Basis
FOUR_LISTS: dict[str, list[tuple[str, str, str, str]]] = {
    "donghu.market": [
        (L.NO_PENALTY, "未按规定公示食品经营许可证", "首次被发现，责令改正后立即改正", B.ART33),
        (
            L.NO_PENALTY,
            "广告中使用绝对化用语但未造成影响",
            "初次违法、危害后果轻微并及时改正",
            B.ART33,
        ),
        (L.LIGHTER, "销售标签瑕疵的预包装食品", "主动供述违法行为、配合调查", B.ART32),
        (L.MITIGATED, "未按规定建立进货查验记录", "主动消除或者减轻违法行为危害后果", B.ART32),
        (L.NO_COMPULSION, "小额货值的涉嫌不合格商品", "违法行为情节显著轻微，无需查封扣押", B.QZ5),
    ],
    "donghu.urban": [
        (L.NO_PENALTY, "临时占道经营", "首次被发现，劝导后立即自行改正", B.ART33),
        (L.LIGHTER, "未按规定设置户外广告", "在规定期限内自行拆除", B.ART32),
        (L.NO_COMPULSION, "流动摊贩占道", "经教育后自行离开，无需暂扣物品", B.QZ5),
    ],
}
