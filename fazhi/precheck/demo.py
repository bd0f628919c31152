"""Demo step `precheck.drafts`: two drafts of 东湖区市场监督管理局 with pre-check findings.

The drafts are created through the normdocs service, so each text is scanned exactly as an upload
would be; 东湖区市场监督管理局's legal reviewer then accepts one finding and dismisses another.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core.demo import DemoContext, demo_step
from fazhi.normdocs import services as normdocs
from fazhi.precheck import services
from fazhi.precheck.models import Finding

MARKET_DRAFT = """东湖区促进个体工商户发展若干措施（征求意见稿）
第一条 为支持个体工商户健康发展，根据《促进个体工商户发展条例》等规定，结合本区实际，制定本措施。
第二条 登记机关应当推行全程网上办理，申请材料齐全、符合法定形式的，当场予以登记。
第三条 在本区从事早餐流动售卖的，应当向所在街道办事处申请，经批准后方可经营。
第四条 全区农贸市场的摊位租金实行统一定价，每平方米每月不超过六十元。
第五条 对年度纳税额超过五十万元的个体工商户，按其地方留成部分的百分之三十给予奖励。
第六条 违反本措施第三条规定的，由街道综合执法队处二百元以上一千元以下罚款。
第七条 对违反本措施的其他行为，依照《中华人民共和国食品安全法》等法律、法规的规定予以处理。
第八条 本措施自2026年9月1日起施行，有效期三年。
"""

PARKING_DRAFT = """东湖区住宅小区停车管理办法（草案）
第一条 为规范住宅小区停车秩序，制定本办法。
第二条 新建住宅小区的停车收费系统，统一由区城投停车公司负责建设和运营。
第三条 对欠缴停车费的业主，物业服务企业可以采取锁车措施。
第四条 业主大会可以依法决定小区停车位的使用规则。
第五条 本办法自发布之日起施行。
"""


@demo_step("precheck.drafts", order=150)
def drafts(ctx: DemoContext) -> None:
    clerk = ctx.user("donghu.market.clerk")
    reviewer = ctx.user("donghu.market.reviewer")
    unit = ctx.unit("donghu.market")
    start = ctx.today + dt.timedelta(days=60)
    for title, text, years in (
        ("东湖区促进个体工商户发展若干措施", MARKET_DRAFT, 3),
        ("东湖区住宅小区停车管理办法", PARKING_DRAFT, 5),
    ):
        normdocs.document_create(
            actor=clerk,
            title=title,
            org_unit=unit,
            affects_market=True,
            effective_on=start,
            expires_on=start.replace(year=start.year + years) - dt.timedelta(days=1),
            text=text,
        )
        ctx.count("precheck drafts")
    pending = Finding.objects.filter(run__org_unit=unit, status=Finding.Status.PENDING)
    price = pending.filter(rule_code="FAIR-PRICE").first()
    if price is not None:
        services.finding_decide(actor=reviewer, finding=price, decision="accepted")
    licence = pending.filter(rule_code="LIC-APPROVAL").first()
    if licence is not None:
        services.finding_decide(
            actor=reviewer,
            finding=licence,
            decision="dismissed",
            note="流动摊贩管理已有省条例授权街道办理，建议在起草说明中写明依据",
        )
