"""Demo step: 东湖区市场监督管理局's random inspections — item list, object pool, recusals, a
published task with results, a drawn task in progress and a draft, all through the services."""

from __future__ import annotations

import datetime as dt

from fazhi.clocks.calendar import CalendarNotCovered, add_working_days, compute_due, is_workday
from fazhi.core.demo import DemoContext, demo_step
from fazhi.core.identifiers import uscc_check_char
from fazhi.core.models import OrgUnit, User
from fazhi.enforcement.selectors import published_power_items
from fazhi.enforcement.services.registers import certificate_add, officer_create

from . import services
from .models import DrawnObject, InspectionItem, InspectionObject, InspectionTask, RecusalLink
from .selectors import inspector_pool

UNIT = "donghu.market"
TRADES = [
    "华润",
    "鑫源",
    "百味",
    "康宁",
    "恒丰",
    "嘉禾",
    "福满",
    "瑞祥",
    "顺发",
    "金桥",
    "佳美",
    "永盛",
    "万家",
    "和盛",
    "天润",
    "宏达",
]
KINDS = [
    ("食品销售", "超市有限公司"),
    ("食品销售", "食品商行"),
    ("餐饮服务", "餐饮管理有限公司"),
    ("药品零售", "大药房有限公司"),
    ("特种设备使用", "物业服务有限公司"),
    ("商品零售", "商贸有限公司"),
]
STREETS = ["湖滨路", "东湖大道", "青山路", "南昌路", "沿江北路", "八一路"]
GRADES = "AAAABBBCCD"
ITEMS = [
    (
        "食品经营者落实食品安全主体责任情况检查",
        "《中华人民共和国食品安全法》第一百一十条",
        "market",
    ),
    ("药品零售企业经营行为检查", "《中华人民共和国药品管理法》第九十九条", "market"),
    ("特种设备使用单位安全管理情况检查", "《中华人民共和国特种设备安全法》第五十七条", "market"),
]
FINDINGS = {
    DrawnObject.Result.RECTIFY: "进货查验记录不完整，已当场责令限期整改",
    DrawnObject.Result.NOT_FOUND: "登记住所无经营痕迹，电话无法接通",
    DrawnObject.Result.NO_ACTIVITY: "检查时未开展本次抽查涉及的经营活动",
}


@demo_step("inspections.random_checks", order=250)
def random_checks(ctx: DemoContext) -> None:
    unit = ctx.units.get(UNIT)
    clerk, head = ctx.users.get(f"{UNIT}.clerk"), ctx.users.get(f"{UNIT}.head")
    if unit is None or clerk is None or head is None:
        return
    _ensure_officers(ctx, unit, clerk)
    items = _items(unit, clerk)
    _pool(ctx, unit, clerk)
    _recusals(ctx, unit, clerk)
    _published_task(ctx, unit, clerk, head, items)
    _running_task(ctx, unit, clerk, head, items)
    services.task_create(
        actor=clerk,
        unit=unit,
        title=f"{ctx.today.year + 1}年第一季度药品零售企业“双随机”抽查",
        items=[items[1]],
        planned_from=dt.date(ctx.today.year + 1, 1, 5),
        planned_to=dt.date(ctx.today.year + 1, 3, 31),
        ratios={"A": "5", "B": "10", "C": "20", "D": "50"},
    )
    ctx.count("双随机抽查任务", 3)


def _ensure_officers(ctx: DemoContext, unit: OrgUnit, clerk: User) -> None:
    """The enforcement step registers the bureau's officers; add certified ones if it did not."""
    have = inspector_pool(unit, ctx.today - dt.timedelta(days=120), "market").count()
    for n in range(max(0, 6 - have)):
        officer = officer_create(
            actor=clerk,
            unit=unit,
            full_name=ctx.rng.choice("王李张刘陈杨") + "检" + str(n + 1),
            domains=["market"],
        )
        certificate_add(
            actor=clerk,
            officer=officer,
            number=f"JCDEMO{unit.pk:04d}{n:03d}",
            issuer="江城市人民政府",
            valid_from=ctx.today - dt.timedelta(days=900),
            valid_to=ctx.today + dt.timedelta(days=900),
        )


def _items(unit: OrgUnit, clerk: User) -> list[InspectionItem]:
    power = published_power_items(unit).filter(category="inspection").first()
    return [
        services.item_create(
            actor=clerk,
            unit=unit,
            name=name,
            basis=basis,
            domain=domain,
            power_item=power if n == 0 else None,
        )
        for n, (name, basis, domain) in enumerate(ITEMS)
    ]


def _pool(ctx: DemoContext, unit: OrgUnit, clerk: User) -> None:
    for n in range(60):
        industry, suffix = KINDS[n % len(KINDS)]
        body = f"91{unit.uscc[2:8] if unit.uscc else '360102'}MA{35000 + n:07d}"
        services.object_save(
            actor=clerk,
            unit=unit,
            name=f"江城市东湖区{TRADES[n % len(TRADES)]}{'' if n < 16 else n}{suffix}",
            uscc=body + uscc_check_char(body),
            risk_grade=ctx.rng.choice(GRADES),
            address=f"东湖区{ctx.rng.choice(STREETS)}{ctx.rng.randint(1, 300)}号",
            industry=industry,
        )
    ctx.count("检查对象", 60)


def _recusals(ctx: DemoContext, unit: OrgUnit, clerk: User) -> None:
    officers = list(inspector_pool(unit, ctx.today, "market")[:2])
    objects = list(InspectionObject.objects.filter(org_unit=unit).order_by("pk")[:2])
    reasons = [RecusalLink.Reason.EMPLOYED, RecusalLink.Reason.RELATIVE]
    for officer, obj, reason in zip(officers, objects, reasons, strict=False):
        note = (
            "2018—2020年在该企业任职"
            if reason == RecusalLink.Reason.EMPLOYED
            else "配偶为该企业股东"
        )
        services.recusal_add(
            actor=clerk, inspection_object=obj, officer=officer, reason=reason, note=note
        )


def _workday_before(day: dt.date) -> dt.date:
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def _draw_day(ctx: DemoContext, days_ago: int) -> dt.date:
    """A past working day whose 20 WD results clock the seeded calendar can compute."""
    day = ctx.today - dt.timedelta(days=days_ago)
    while True:
        try:
            day = _workday_before(day)
            compute_due(day, "20wd")
        except CalendarNotCovered:
            day -= dt.timedelta(days=7)
        else:
            return day


def _published_task(
    ctx: DemoContext, unit: OrgUnit, clerk: User, head: User, items: list[InspectionItem]
) -> None:
    drawn_on = _draw_day(ctx, 75)
    task = _drawn_task(ctx, unit, clerk, head, items[0], drawn_on, "第三季度食品经营者")
    results = [DrawnObject.Result.NO_ISSUE] * 6 + list(FINDINGS)
    for n, row in enumerate(DrawnObject.objects.filter(task=task).order_by("position")):
        result = results[n % len(results)] if n else DrawnObject.Result.RECTIFY
        services.result_record(
            actor=clerk,
            drawn=row,
            result=result,
            inspected_on=add_working_days(drawn_on, 1 + n % 8),
            finding=FINDINGS.get(result, ""),
        )
    services.task_publish(actor=head, task=task, on=add_working_days(drawn_on, 12))


def _running_task(
    ctx: DemoContext, unit: OrgUnit, clerk: User, head: User, items: list[InspectionItem]
) -> None:
    drawn_on = _draw_day(ctx, 6)
    task = _drawn_task(ctx, unit, clerk, head, items[2], drawn_on, "第四季度特种设备使用单位")
    rows = list(DrawnObject.objects.filter(task=task).order_by("position"))
    for row in rows[: len(rows) // 2]:
        services.result_record(
            actor=clerk,
            drawn=row,
            result=DrawnObject.Result.NO_ISSUE,
            inspected_on=min(ctx.today, add_working_days(drawn_on, 1)),
        )


def _drawn_task(
    ctx: DemoContext,
    unit: OrgUnit,
    clerk: User,
    head: User,
    item: InspectionItem,
    drawn_on: dt.date,
    what: str,
) -> InspectionTask:
    task = services.task_create(
        actor=clerk,
        unit=unit,
        title=f"{drawn_on.year}年{what}“双随机”抽查",
        items=[item],
        planned_from=drawn_on,
        planned_to=drawn_on + dt.timedelta(days=45),
        ratios={"A": "10", "B": "20", "C": "40", "D": "100"},
    )
    task = services.task_commit_seed(actor=head, task=task, on=drawn_on - dt.timedelta(days=2))
    return services.task_draw(actor=head, task=task, on=drawn_on)
