"""Demo step `normdocs.documents`: ~60 normative documents of 江城市 and its districts, in every state.

Each document goes through the real services (draft → comment → review → deliberation → number →
publication → filing), so timelines, clocks, numbers and the audit chain are genuine. Then: an
amendment chain (立 → 改 → 改), repeals, expiries (the daily validity job), a cleanup campaign with
its published result, review suggestions from the public, and drafts stopped at every stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fazhi.core.demo import DemoContext, demo_step
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.services.validation import add_years

S = NormativeDocument.Status
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Spec:
    """One demo document: issuer, title, the law it rests on, what it regulates, when published."""

    unit: str  # demo unit key, e.g. donghu.urban
    title: str
    law: str
    subject: str  # 城市道路占用、挖掘
    published: dt.date | None  # None: a draft (see DRAFT_STAGES)
    years: int = 5
    market: bool = False
    provisional: bool = False


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# fmt: off
PUBLISHED: tuple[Spec, ...] = (
    Spec("city", "江城市行政规范性文件管理办法", "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》", "行政规范性文件的制定和监督管理", _d("2022-03-15")),
    Spec("city", "江城市重大行政决策程序实施办法", "《重大行政决策程序暂行条例》", "重大行政决策的作出和调整", _d("2023-06-20")),
    Spec("city", "江城市政府信息公开工作办法", "《中华人民共和国政府信息公开条例》", "政府信息的主动公开和依申请公开", _d("2024-02-28")),
    Spec("city.market", "江城市市场主体住所（经营场所）登记管理办法", "《中华人民共和国市场主体登记管理条例》", "市场主体住所（经营场所）登记", _d("2023-09-01"), market=True),
    Spec("city.housing", "江城市住宅专项维修资金管理办法", "《物业管理条例》", "住宅专项维修资金的交存、使用和监督管理", _d("2021-11-10")),
    Spec("city.transport", "江城市网络预约出租汽车经营服务管理实施细则", "《网络预约出租汽车经营服务管理暂行办法》", "网络预约出租汽车经营服务", _d("2022-08-05"), market=True),
    Spec("city.edu", "江城市校外培训机构管理办法", "《中华人民共和国民办教育促进法》", "校外培训机构的设立和日常监督管理", _d("2024-07-12")),
    Spec("city.ecoenv", "江城市建设项目环境影响评价文件审批管理办法", "《中华人民共和国环境影响评价法》", "建设项目环境影响评价文件的审批", _d("2025-04-18")),
    Spec("donghu", "东湖区行政规范性文件合法性审核办法", "《江城市行政规范性文件管理办法》", "行政规范性文件的合法性审核", _d("2023-04-10")),
    Spec("donghu", "东湖区政府投资项目管理办法", "《政府投资条例》", "政府投资项目的决策、实施和监督", _d("2024-05-30")),
    Spec("donghu.urban", "东湖区城市道路占用挖掘管理办法", "《城市道路管理条例》", "城市道路的占用、挖掘", _d("2021-06-01")),
    Spec("donghu.urban", "东湖区户外广告设施设置管理办法", "《城市市容和环境卫生管理条例》", "户外广告设施的设置", _d("2022-09-15")),
    Spec("donghu.urban", "东湖区城市生活垃圾分类管理办法", "《中华人民共和国固体废物污染环境防治法》", "城市生活垃圾的分类投放、收集和处理", _d("2023-11-20")),
    Spec("donghu.urban", "东湖区共享单车停放管理暂行办法", "《城市市容和环境卫生管理条例》", "互联网租赁自行车的停放", _d("2025-10-20"), years=2, provisional=True, market=True),
    Spec("donghu.market", "东湖区市场主体登记便利化若干规定", "《中华人民共和国市场主体登记管理条例》", "市场主体的设立、变更和注销登记", _d("2024-03-18"), market=True),
    Spec("donghu.market", "东湖区食品小作坊和食品摊贩登记管理办法", "《中华人民共和国食品安全法》", "食品小作坊和食品摊贩的登记", _d("2022-04-25"), market=True),
    Spec("donghu.market", "东湖区电梯安全监督管理办法", "《中华人民共和国特种设备安全法》", "电梯的使用、维护保养和监督检查", _d("2025-06-16")),
    Spec("donghu.housing", "东湖区既有住宅加装电梯实施办法", "《中华人民共和国民法典》", "既有住宅加装电梯", _d("2022-07-08")),
    Spec("donghu.housing", "东湖区物业服务企业信用管理办法", "《物业管理条例》", "物业服务企业的信用信息采集和评价", _d("2025-09-05"), market=True),
    Spec("donghu.transport", "东湖区道路货物运输源头治超管理办法", "《公路安全保护条例》", "道路货物运输车辆超限超载源头治理", _d("2023-03-06")),
    Spec("donghu.edu", "东湖区中小学校学生欺凌防治工作办法", "《中华人民共和国未成年人保护法》", "中小学校学生欺凌的预防和处置", _d("2024-09-01")),
    Spec("donghu.hrss", "东湖区就业见习管理办法", "《中华人民共和国就业促进法》", "高校毕业生等青年就业见习", _d("2025-03-20")),
    Spec("donghu.civil", "东湖区最低生活保障审核确认办法", "《社会救助暂行办法》", "最低生活保障的申请、审核和确认", _d("2023-08-15")),
    Spec("donghu.health", "东湖区医疗机构医疗废物管理办法", "《医疗废物管理条例》", "医疗机构医疗废物的分类收集和交接", _d("2024-11-11")),
    Spec("donghu.culture", "东湖区文化市场经营场所安全管理办法", "《娱乐场所管理条例》", "文化市场经营场所的安全管理", _d("2022-12-01")),
    Spec("donghu.emergency", "东湖区生产经营单位安全生产主体责任规定", "《中华人民共和国安全生产法》", "生产经营单位安全生产主体责任的落实", _d("2025-08-08")),
    Spec("donghu.natres", "东湖区集体土地征收补偿安置办法", "《中华人民共和国土地管理法实施条例》", "集体土地征收的补偿和安置", _d("2026-04-15")),
    Spec("donghu.water", "东湖区河道管理范围内建设项目管理办法", "《中华人民共和国河道管理条例》", "河道管理范围内建设项目的审查和监督", _d("2026-07-01")),
    Spec("donghu.commerce", "东湖区促进夜间经济发展若干措施", "《优化营商环境条例》", "夜间经济经营活动", _d("2026-09-10"), market=True),
    Spec("xihu", "西湖区行政规范性文件备案审查办法", "《江城市行政规范性文件管理办法》", "行政规范性文件的备案审查", _d("2023-05-22")),
    Spec("xihu.urban", "西湖区城市绿地保护管理办法", "《城市绿化条例》", "城市绿地的保护和管理", _d("2022-05-16")),
    Spec("xihu.urban", "西湖区建筑垃圾管理办法", "《城市建筑垃圾管理规定》", "建筑垃圾的处置和运输", _d("2024-06-24")),
    Spec("xihu.market", "西湖区农贸市场管理办法", "《中华人民共和国农产品质量安全法》", "农贸市场的开办和经营", _d("2023-10-09"), market=True),
    Spec("xihu.agri", "西湖区农村宅基地管理办法", "《中华人民共和国土地管理法》", "农村宅基地的申请、审批和监督", _d("2024-08-19")),
    Spec("xihu.edu", "西湖区学前教育收费管理办法", "《中华人民共和国学前教育法》", "幼儿园保育教育费的收取", _d("2025-07-25")),
    Spec("xihu.transport", "西湖区农村公路养护管理办法", "《公路安全保护条例》", "农村公路的养护", _d("2026-03-02")),
    Spec("xihu.health", "西湖区公共场所卫生监督管理办法", "《公共场所卫生管理条例》", "公共场所的卫生监督", _d("2021-09-13")),
    Spec("xihu.housing", "西湖区保障性租赁住房管理办法", "《国务院办公厅关于加快发展保障性租赁住房的意见》", "保障性租赁住房的筹集、分配和运营", _d("2025-11-03"),),
)
# fmt: on

# Drafts stopped at each stage of the procedure (the index tells which stage).
DRAFT_STAGES = ("draft", "evaluated", "public_comment", "comment_closed", "dept_prechecked",
                "legality_review", "revise", "review_passed", "deliberated", "signed", "registered",
                "legality_review")  # fmt: skip
# fmt: off
DRAFTS: tuple[Spec, ...] = (
    Spec("donghu.urban", "东湖区城市管理综合执法协作办法（征求意见稿）", "《城市管理执法办法》", "城市管理综合执法协作", None),
    Spec("donghu.market", "东湖区个体工商户分型分类培育办法", "《促进个体工商户发展条例》", "个体工商户的分型分类培育", None, market=True),
    Spec("donghu.housing", "东湖区老旧小区改造实施办法", "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》", "老旧小区改造", None),
    Spec("donghu.transport", "东湖区停车场建设和管理办法", "《江城市机动车停车条例》", "停车场的建设和经营管理", None, market=True),
    Spec("donghu.civil", "东湖区养老服务机构管理办法", "《养老机构管理办法》", "养老服务机构的设立和运营", None),
    Spec("donghu.edu", "东湖区中小学校课后服务管理办法", "《中华人民共和国教育法》", "中小学校课后服务", None),
    Spec("donghu.emergency", "东湖区危险化学品安全管理办法", "《危险化学品安全管理条例》", "危险化学品的储存和使用", None),
    Spec("xihu.urban", "西湖区城市照明管理办法", "《城市照明管理规定》", "城市照明设施的建设和维护", None),
    Spec("xihu.market", "西湖区网络交易监督管理办法", "《网络交易监督管理办法》", "网络交易经营者的监督管理", None, market=True),
    Spec("xihu.agri", "西湖区农药经营使用管理办法", "《农药管理条例》", "农药的经营和使用", None),
    Spec("city.urban", "江城市城市管理领域轻微违法行为免罚清单实施办法", "《中华人民共和国行政处罚法》", "城市管理领域轻微违法行为的处理", None),
    Spec("city.health", "江城市托育机构管理办法", "《托育机构设置标准（试行）》", "托育机构的设置和管理", None))
# fmt: on


def place_of(ctx: DemoContext, unit_key: str) -> tuple[str, str]:
    """(本市/本区, the competent body's name) for a unit key."""
    region = "本市" if unit_key.startswith("city") else "本区"
    return region, ctx.unit(unit_key).name


def body_text(ctx: DemoContext, spec: Spec, effective: str = "公布之日") -> str:
    """A realistic text: 总则 / 管理 / 监督 / 附则 with 第一条…第N条."""
    region, body = place_of(ctx, spec.unit)
    s = spec.subject
    rng = ctx.rng
    manage = [
        f"从事{s}活动的单位和个人，应当遵守有关法律、法规、规章和本办法的规定，接受有关部门的监督管理。",
        f"{body}应当建立健全{s}工作制度，编制办事指南，明确办理条件、材料、程序和时限，并向社会公开。",
        "申请人可以通过政务服务网或者政务服务大厅提出申请。申请材料齐全、符合法定形式的，应当当场受理；不齐全的，应当一次性告知需要补正的全部内容。",
        f"{body}应当依托政务服务平台推进{s}信息共享，能够通过共享获取的材料，不得要求申请人重复提交。",
        "有关部门应当按照职责分工，加强协作配合，建立信息通报和联合处置机制。",
        f"鼓励行业协会制定{s}相关的自律规范，引导会员依法诚信经营。",
        f"{body}应当定期组织{s}相关的业务培训，提高工作人员依法办事能力。",
        "街道办事处、乡镇人民政府应当协助做好辖区内的相关工作，发现问题及时报告。",
    ]
    supervise = [
        f"{body}应当采取“双随机、一公开”方式开展监督检查，检查结果依法向社会公开。",
        "监督检查人员依法履行职责时，应当出示执法证件，并对检查中知悉的商业秘密和个人信息予以保密。",
        "违反本办法规定的行为，法律、法规、规章已有法律责任规定的，从其规定。",
        "行政机关工作人员在工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。",
        "公民、法人和其他组织对违反本办法的行为，有权向有关部门投诉举报，有关部门应当依法及时处理。",
    ]
    n_manage = rng.randint(4, len(manage))
    chosen = rng.sample(manage, n_manage)
    lines = [spec.title, "", "第一章 总则"]
    articles = [
        f"为了规范{s}工作，保障公民、法人和其他组织的合法权益，根据{spec.law}等法律、法规和规章，结合{region}实际，制定本办法。",
        f"{region}行政区域内的{s}及其监督管理，适用本办法。",
        f"{body}负责{region}{s}的组织实施和监督管理工作。发展改革、财政、市场监管等部门按照各自职责做好相关工作。",
    ]
    n = 0
    for text in articles:
        n += 1
        lines.append(f"第{_cn(n)}条 {text}")
    lines.append("第二章 管理措施")
    for text in chosen:
        n += 1
        lines.append(f"第{_cn(n)}条 {text}")
        if rng.random() < 0.2:
            lines += ["（一）申请书；", "（二）身份证明材料；", "（三）法律、法规规定的其他材料。"]
    lines.append("第三章 监督检查")
    for text in rng.sample(supervise, rng.randint(2, len(supervise))):
        n += 1
        lines.append(f"第{_cn(n)}条 {text}")
    lines.append("第四章 附则")
    n += 1
    lines.append(f"第{_cn(n)}条 本办法由{body}负责解释。")
    n += 1
    kind = "暂行办法" if spec.provisional else "办法"
    lines.append(f"第{_cn(n)}条 本{kind}自{effective}起施行，有效期{_cn(spec.years)}年。")
    return "\n".join(lines)


def _cn(n: int) -> str:
    from fazhi.normdocs.articles import int_to_chinese

    return int_to_chinese(n)


@dataclass
class Team:
    """Who acts for one issuer in the demo."""

    clerk: Any
    head: Any
    reviewer: Any
    supervisor: Any


def team_for(ctx: DemoContext, unit_key: str) -> Team:
    """The issuer's clerk and head; the Justice Bureau's reviewer and supervisor of its level."""
    gov = unit_key.split(".")[0]
    clerk_unit = f"{gov}.office" if "." not in unit_key else unit_key
    return Team(
        clerk=ctx.user(f"{clerk_unit}.clerk"),
        head=ctx.user(f"{clerk_unit}.head"),
        reviewer=ctx.user(f"{gov}.justice.reviewer"),
        supervisor=ctx.user(f"{gov}.justice.supervisor"),
    )


def create(ctx: DemoContext, spec: Spec, *, effective: str = "公布之日") -> NormativeDocument:
    team = team_for(ctx, spec.unit)
    unit = ctx.unit(spec.unit)
    drafting = ctx.unit(f"{spec.unit}.office") if "." not in spec.unit else unit
    kind = (
        NormativeDocument.Kind.GOVERNMENT
        if "." not in spec.unit
        else NormativeDocument.Kind.DEPARTMENT
    )
    return services.document_create(
        actor=team.clerk,
        title=spec.title,
        org_unit=unit,
        drafting_unit=drafting,
        kind=kind,
        is_provisional=spec.provisional,
        affects_market=spec.market,
        legal_basis=spec.law,
        drafting_note=f"为规范{spec.subject}，起草本文件。",
        text=body_text(ctx, spec, effective),
    )


# fmt: off
COMMENTS = (
    ("市民王先生", "建议明确办理时限，并在政务服务网公开办理进度。", "adopted", ""),
    ("某行业协会", "建议增加对小微企业的过渡期安排。", "partly", "已增加六个月过渡期，其余建议超出本文件调整范围。"),
    ("某律师事务所", "建议删除要求提供无犯罪记录证明的内容。", "adopted", ""),
    ("市民李女士", "建议由街道统一受理。", "rejected", "受理主体由上位法规定，本文件不宜调整。"),
)
# fmt: on


def to_review(ctx: DemoContext, doc: NormativeDocument, spec: Spec, opened: dt.date) -> dt.date:
    """评估论证 → 公开征求意见 (with comments handled) → 公平竞争审查 → 部门法制审查 → 报送审核."""
    team = team_for(ctx, spec.unit)
    services.document_evaluate(actor=team.clerk, doc=doc, note="经评估论证，确有必要制定。")
    period = services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=opened, channel="政府门户网站“意见征集”栏目"
    )
    for commenter, content, handling, reason in ctx.rng.sample(COMMENTS, ctx.rng.randint(0, 2)):
        comment = services.comment_add(
            actor=team.clerk,
            doc=doc,
            commenter=commenter,
            content=content,
            received_on=opened + 3 * DAY,
        )
        services.comment_handle(actor=team.clerk, comment=comment, handling=handling, reason=reason)
    closed = period.closes_on + DAY
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=closed)
    if spec.market:
        services.fair_review_record(
            actor=team.clerk,
            doc=doc,
            reviewed_on=closed + 2 * DAY,
            reviewing_body=ctx.unit(spec.unit).name,
            conclusion="compliant",
            notes="经审查，未含有排除、限制竞争的内容。",
        )
    services.dept_precheck_record(
        actor=team.reviewer, doc=doc, opinion="经审查，同意报送合法性审核。"
    )
    received = closed + 5 * DAY
    services.legality_review_submit(actor=team.clerk, doc=doc, received_on=received)
    return received


def to_published(
    ctx: DemoContext, doc: NormativeDocument, spec: Spec, on: dt.date
) -> NormativeDocument:
    """The whole procedure ending with publication on `on` (steps dated before it)."""
    team = team_for(ctx, spec.unit)
    received = to_review(ctx, doc, spec, on - 95 * DAY)
    doc.refresh_from_db()
    services.legality_review_record(
        actor=team.reviewer,
        review=doc.legality_reviews.get(opinion=""),
        opinion="legal",
        notes="制定主体、权限、程序和内容合法。",
        completed_on=received + 8 * DAY,
    )
    meeting = received + 15 * DAY
    gov = "局务会议" if "." in spec.unit else "政府常务会议"
    services.deliberation_record(actor=team.head, doc=doc, meeting=f"第{ctx.rng.randint(3, 30)}次{gov}", meeting_on=meeting, decision="approved")  # fmt: skip
    services.document_sign(
        actor=team.head, doc=doc, signer=team.head.full_name, signed_on=meeting + 2 * DAY
    )
    services.document_register(actor=team.supervisor, doc=doc, year=on.year)
    effective = on + 30 * DAY if ctx.rng.random() < 0.5 else on
    if spec.title.startswith("东湖区促进夜间经济"):
        effective = dt.date(on.year + 1, 1, 1)  # announced now, in force next year (尚未生效)
    services.document_publish(
        actor=team.supervisor,
        doc=doc,
        published_on=on,
        channel=f"{ctx.unit(spec.unit.split('.')[0]).name}门户网站",
        interpretation_title=f"《{spec.title}》政策解读",
        interpretation_text=interpretation(ctx, spec),
        effective_on=effective,
        expires_on=add_years(effective, spec.years) - DAY,
    )
    doc.refresh_from_db()
    return doc


def interpretation(ctx: DemoContext, spec: Spec) -> str:
    _, body = place_of(ctx, spec.unit)
    return (
        f"一、制定背景\n为进一步规范{spec.subject}，回应群众和市场主体关切，{body}起草了本文件。\n"
        f"二、制定依据\n{spec.law}等法律、法规和规章。\n"
        f"三、主要内容\n本文件共四章，明确了{spec.subject}的适用范围、管理措施和监督检查要求。\n"
        "四、解读机关及联系方式\n"
        + f"{body}，咨询电话：0791-8{ctx.rng.randint(1000000, 9999999)}。"
    )


def file_and_review(ctx: DemoContext, doc: NormativeDocument, spec: Spec, index: int) -> None:
    """备案: most on time and registered with 无问题; some late, some still pending."""
    team = team_for(ctx, spec.unit)
    filed_to = ctx.unit("city.congress") if spec.unit == "city" else None
    late = index % 9 == 4
    filed = doc.published_on + (36 if late else ctx.rng.randint(5, 25)) * DAY
    if filed > ctx.today:
        return  # not filed yet: shows on the filing dashboard
    filing = services.filing_submit(actor=team.clerk, doc=doc, filed_to=filed_to, filed_on=filed)
    if filed + 40 * DAY > ctx.today:
        return  # registration and review still pending
    gov = spec.unit.split(".")[0]
    own = gov != "city" and filing.filed_to == ctx.unit(gov)
    reviewer = team.supervisor if own else ctx.user("city.justice.supervisor")
    services.filing_register(
        actor=reviewer, filing=filing, outcome="registered", on=filed + 3 * DAY
    )
    if index % 7 == 3:
        services.filing_review_record(
            actor=reviewer,
            filing=filing,
            outcome="advise_amend",
            notes="第二章部分条款对申请材料的要求缺乏上位法依据，建议修改。",
            on=filed + 20 * DAY,
        )
        services.correction_report_submit(
            actor=team.clerk,
            filing=filing,
            report="已按审查意见删除相关申请材料要求，并在修订时一并调整。",
            reported_on=filed + 35 * DAY,
        )
    else:
        services.filing_review_record(
            actor=reviewer, filing=filing, outcome="no_issue", on=filed + 20 * DAY
        )


def renumber(text: str) -> str:
    """Number the articles 第一条…第N条 in order again (after inserting one)."""
    import re

    from fazhi.normdocs.articles import ARTICLE_RE

    counter = iter(range(1, 10_000))
    return ARTICLE_RE.sub(lambda m: re.sub(r"第.+?条", f"第{_cn(next(counter))}条", m.group(0), count=1), text)  # fmt: skip


def amend(
    ctx: DemoContext, old: NormativeDocument, spec: Spec, on: dt.date, change: str
) -> NormativeDocument:
    """改: a revised full text re-issued under a new number; the old one becomes 已修改."""
    team = team_for(ctx, spec.unit)
    new = services.document_amend_start(
        actor=team.clerk, doc=old, relation="amend", title=old.title
    )
    text = old.body_text.replace("第四章 附则", f"{change}\n第四章 附则")
    if "原文件同时废止" not in text:
        text = text.replace("有效期五年。", "有效期五年。原文件同时废止。")
    text = text.replace("应当当场受理；", "应当当场受理并出具受理凭证；")
    services.version_add(actor=team.clerk, doc=new, text=renumber(text), note="修订稿")
    return to_published(ctx, new, spec, on)


def repeal(ctx: DemoContext, old: NormativeDocument, spec: Spec, on: dt.date) -> NormativeDocument:
    """废: a repeal decision, published; the old document becomes 已废止."""
    team = team_for(ctx, spec.unit)
    new = services.document_amend_start(actor=team.clerk, doc=old, relation="repeal")
    decision = Spec(spec.unit, new.title, spec.law, spec.subject, on)
    return to_published(ctx, new, decision, on)


def draft_at(ctx: DemoContext, spec: Spec, stage: str, index: int) -> NormativeDocument:
    """A draft stopped at `stage` (dates relative to the load day)."""
    team = team_for(ctx, spec.unit)
    doc = create(ctx, spec)
    if stage == "draft":
        return doc
    opened = ctx.today - (70 if stage != "public_comment" else 10) * DAY
    if stage == "evaluated":
        services.document_evaluate(actor=team.clerk, doc=doc, note="经评估论证，确有必要制定。")
        return doc
    if stage == "public_comment":
        services.document_evaluate(actor=team.clerk, doc=doc, note="经评估论证，确有必要制定。")
        services.comment_period_open(
            actor=team.clerk, doc=doc, opened_on=opened, channel="政府门户网站"
        )
        services.comment_add(actor=team.clerk, doc=doc, commenter="市民张先生", content="建议延长过渡期。", received_on=opened + 2 * DAY)  # fmt: skip
        return doc
    if stage in ("comment_closed", "dept_prechecked"):
        return _partial(ctx, doc, spec, stage, opened)
    received = to_review(
        ctx, doc, spec, ctx.today - (60 if stage == "legality_review" else 90) * DAY
    )
    if stage == "legality_review":
        return doc
    doc.refresh_from_db()
    review = doc.legality_reviews.get(opinion="")
    if stage == "revise":
        services.legality_review_record(
            actor=team.reviewer, review=review, opinion="legal_with_changes", completed_on=received + 6 * DAY,
            notes="第五条要求提供的证明材料缺乏法律依据，应当删除后再提请审议。",
        )  # fmt: skip
        return doc
    services.legality_review_record(actor=team.reviewer, review=review, opinion="legal", completed_on=received + 6 * DAY)  # fmt: skip
    if stage == "review_passed":
        return doc
    services.deliberation_record(actor=team.head, doc=doc, meeting="局务会议", meeting_on=received + 12 * DAY, decision="approved")  # fmt: skip
    if stage == "deliberated":
        return doc
    services.document_sign(actor=team.head, doc=doc, signer=team.head.full_name, signed_on=received + 14 * DAY)  # fmt: skip
    if stage == "registered":
        services.document_register(actor=team.supervisor, doc=doc, year=ctx.today.year)
    return doc


def _partial(
    ctx: DemoContext, doc: NormativeDocument, spec: Spec, stage: str, opened: dt.date
) -> NormativeDocument:
    team = team_for(ctx, spec.unit)
    services.document_evaluate(actor=team.clerk, doc=doc, note="经评估论证，确有必要制定。")
    period = services.comment_period_open(
        actor=team.clerk, doc=doc, opened_on=opened, channel="政府门户网站"
    )
    services.comment_period_close(actor=team.clerk, doc=doc, closed_on=period.closes_on + DAY)
    if stage == "dept_prechecked":
        if spec.market:
            services.fair_review_record(actor=team.clerk, doc=doc, reviewed_on=period.closes_on + 2 * DAY, reviewing_body=ctx.unit(spec.unit).name, conclusion="compliant")  # fmt: skip
        services.dept_precheck_record(actor=team.reviewer, doc=doc, opinion="同意报送合法性审核。")
    return doc


# fmt: off
EXTRA: tuple[Spec, ...] = (
    Spec("donghu.urban", "东湖区临时占道夜市管理暂行办法", "《城市道路管理条例》", "临时占用道路设置夜市", _d("2023-05-08"), years=2, provisional=True),
)
# fmt: on

# fmt: off
SUGGESTIONS = (
    ("东湖区城市道路占用挖掘管理办法", "陈某", "13907910001", "第三条要求占用道路须提供街道办事处同意书，缺乏上位法依据，增加了申请人负担，建议审查。", "replied", "经审查，该条款已在2025年修订时删除，感谢您的建议。"),
    ("东湖区物业服务企业信用管理办法", "某物业服务有限公司", "0791-86001234", "信用评价扣分标准中“业主投诉即扣分”的规定未区分投诉是否属实，建议审查其合理性。", "handling", ""),
    ("西湖区农贸市场管理办法", "刘某", "liu@example.com", "第六条对场内经营者设置的准入条件是否符合公平竞争审查要求，请予审查。", "received", ""),
    ("江城市校外培训机构管理办法", "家长代表周某", "13807910002", "建议审查预收费监管条款是否与上位法一致。", "received", ""),
)
# fmt: on


@demo_step("normdocs.documents", order=100)
def documents(ctx: DemoContext) -> None:
    """Published documents with history, filings, a cleanup, suggestions, and drafts at every stage."""
    specs = sorted(PUBLISHED + EXTRA, key=lambda s: s.published or ctx.today)
    by_title: dict[str, tuple[NormativeDocument, Spec]] = {}
    for i, spec in enumerate(specs):
        if spec.published is None or spec.published > ctx.today:
            continue
        doc = to_published(ctx, create(ctx, spec), spec, spec.published)
        file_and_review(ctx, doc, spec, i)
        by_title[spec.title] = (doc, spec)
        ctx.count("normdocs.published")
    _history(ctx, by_title)
    services.validity_sweep(on=ctx.today)  # past their 有效期: 已失效; reminders 6 months ahead
    _cleanup(ctx, by_title)
    _suggestions(ctx, by_title)
    for i, (spec, stage) in enumerate(zip(DRAFTS, DRAFT_STAGES, strict=True)):
        draft_at(ctx, spec, stage, i)
        ctx.count("normdocs.drafts")


def _history(ctx: DemoContext, by_title: dict[str, tuple[NormativeDocument, Spec]]) -> None:
    road, spec = by_title["东湖区城市道路占用挖掘管理办法"]
    second = amend(ctx, road, spec, _d("2023-08-21"), "第一条 占用城市道路的，应当在占用现场设置明显标志和安全防围设施。")  # fmt: skip
    file_and_review(ctx, second, spec, 0)
    third = amend(ctx, second, spec, _d("2025-12-15"), "第一条 挖掘城市道路竣工后，施工单位应当在规定期限内恢复道路原状，并报请验收。")  # fmt: skip
    file_and_review(ctx, third, spec, 1)
    by_title[spec.title] = (third, spec)
    culture, spec = by_title["东湖区文化市场经营场所安全管理办法"]
    repeal(ctx, culture, spec, _d("2025-05-12"))
    ctx.count("normdocs.history", 3)


def _cleanup(ctx: DemoContext, by_title: dict[str, tuple[NormativeDocument, Spec]]) -> None:
    """东湖区 cleanup: keep, amend, repeal and declare invalid, result published."""
    supervisor = ctx.user("donghu.justice.supervisor")
    campaign = services.campaign_create(
        actor=supervisor,
        org_unit=ctx.unit("donghu"),
        title="东湖区2026年行政规范性文件集中清理",
        deadline=ctx.today + 30 * DAY,
    )
    plan = (
        ("东湖区户外广告设施设置管理办法", "keep", "与现行法律法规一致，继续有效。"),
        ("东湖区既有住宅加装电梯实施办法", "amend", "部分条款与《民法典》表决规则不一致，需修改。"),
        ("东湖区食品小作坊和食品摊贩登记管理办法", "repeal", "已被《江西省食品小作坊小餐饮小食杂店和食品摊贩管理条例》相关规定替代。"),
        ("东湖区道路货物运输源头治超管理办法", "declare_invalid", "调整对象已经消失，宣布失效。"),
    )  # fmt: skip
    docs = [by_title[title][0] for title, _, _ in plan]
    services.campaign_add_documents(actor=supervisor, campaign=campaign, documents=docs)
    for item, (_, outcome, reason) in zip(campaign.items.order_by("pk"), plan, strict=True):
        services.cleanup_item_decide(actor=supervisor, item=item, outcome=outcome, reason=reason)
    services.campaign_publish(actor=supervisor, campaign=campaign, on=ctx.today)
    ctx.count("normdocs.cleanup_campaigns")


def _suggestions(ctx: DemoContext, by_title: dict[str, tuple[NormativeDocument, Spec]]) -> None:
    for title, name, contact, content, status, reply in SUGGESTIONS:
        doc = by_title[title][0]
        item = services.review_suggestion_submit(
            document=doc, name=name, contact=contact, content=content
        )
        if status != "received":
            supervisor = team_for(ctx, by_title[title][1].unit).supervisor
            services.review_suggestion_handle(actor=supervisor, suggestion=item, status=status, handling_notes="已转制定机关研究。", reply=reply)  # fmt: skip
        ctx.count("normdocs.suggestions")
