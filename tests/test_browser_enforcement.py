"""Browser test: an enforcement case from clue to closed and published, and a random inspection.

Every step is a click or a form filled in chromium by the person who does it in real life: the
market bureau's clerk registers the clue, assigns two certified officers, records evidence and
publishes; the head files, decides and closes; a qualified reviewer who is not on the case does the
legal review. The gates are tried through the UI first (investigation with one officer, decision
before review) and must be refused with their Chinese message. The random inspection is committed
and drawn by the clerk, its results are entered by the brigade officers who were drawn, the head
publishes it and the portal shows the replay. Direct calls are only the setup (people, registers,
the working-day calendar for next year's deadlines). Screenshots of every page go to
$FAZHI_SCREENSHOT_DIR.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from fazhi.clocks.models import CalendarYear
from fazhi.clocks.services.calendar import calendar_import_notice, calendar_seed
from fazhi.core.models import OrgUnit
from fazhi.core.testing import ROLES, make_unit, make_user
from fazhi.enforcement.models import Case, Officer
from fazhi.enforcement.tests.factories import make_benchmark, make_officer, make_power_item
from fazhi.inspections.models import DrawnObject, InspectionTask
from fazhi.inspections.tests.factories import make_item, make_objects
from tests.browser import login as _login
from tests.browser import shot as _shot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PERSON_ID = "11010519491231002X"


def _calendar() -> None:
    """The working-day calendar for this year and the next (a 90-day limit reaches into it)."""
    calendar_seed()
    admin = make_user(OrgUnit.objects.filter(parent=None).first(), ROLES.SYSTEM_ADMIN)
    for year in (timezone.localdate().year, timezone.localdate().year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            calendar_import_notice(
                actor=admin, year=year, notice="测试用放假通知", text=f"{year}-01-01 元旦"
            )


def _exactly(label: str) -> re.Pattern[str]:
    """A field label exactly, with or without Django's label suffix (：)."""
    return re.compile("^" + re.escape(label) + "[:：]?$")


def _switch(page, base: str, username: str) -> None:
    """Sign out whoever is signed in, then sign in as `username`."""
    page.context.clear_cookies()
    _login(page, base, username)
    page.wait_for_url("**/staff/")


def _person(unit, role, username: str, name: str, *, subtree: bool = False):
    """A signed-in user with a real name (the pages and the timeline show it)."""
    user = make_user(unit, role, subtree=subtree, username=username)
    user.full_name = name
    user.save(update_fields=["full_name"])
    return user


def _step(page, label: str):
    """Open the step panel `label` on the case page and return it."""
    panel = page.locator("details").filter(
        has=page.locator("summary").get_by_text(label, exact=True)
    )
    panel.locator("summary").click()
    return panel


def _run(page, label: str, **fields: str):
    """Fill a step's form (by field label) and submit it; return the message shown."""
    panel = _step(page, label)
    for name, value in fields.items():
        panel.get_by_label(_exactly(name)).fill(value)
    panel.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()
    return page.locator("ul.messages").inner_text()


def _case_url(base: str, case: Case) -> str:
    return f"{base}/staff/enforcement/cases/{case.pk}/"


@pytest.mark.django_db(transaction=True)
def test_a_penalty_case_runs_from_clue_to_published_through_the_ui(page, live_server, world):
    _calendar()
    base = live_server.url
    unit = world.market_a
    today = timezone.localdate()
    _person(unit, ROLES.CLERK, "clerk", "赵经办")
    head = _person(unit, ROLES.UNIT_HEAD, "head", "钱局长", subtree=True)
    reviewer = _person(unit, ROLES.LEGAL_REVIEWER, "reviewer", "孙审核")
    reviewer_officer = make_officer(unit, user=reviewer, legal=True)
    reviewer_officer.full_name = "孙审核"
    reviewer_officer.save(update_fields=["full_name"])
    officers = [make_officer(unit), make_officer(unit)]
    for officer, name in zip(officers, ("王执法", "李执法"), strict=True):
        officer.full_name = name
        officer.save(update_fields=["full_name"])
    item = make_power_item(unit)
    make_benchmark(item)  # lighter 0–5000, normal 5000–20000, heavier 20000–50000

    # the clerk registers the clue
    _switch(page, base, "clerk")
    page.get_by_role("link", name="执法案件").first.click()
    _shot(page, "enf-01-case-list")
    page.get_by_role("link", name="登记线索").click()
    page.get_by_label("案件类型").select_option(label="行政处罚")
    page.get_by_label("权责事项").select_option(label=str(item))
    page.get_by_label("案由").fill("销售不合格电动自行车头盔案")
    page.get_by_label("违法事实").fill(
        "当事人在东湖区幸福路门店销售经抽检不合格的电动自行车头盔 32 顶。"
    )
    page.get_by_label("当事人类型").select_option(label="自然人")
    page.get_by_label(_exactly("当事人")).fill("张三丰")
    page.get_by_label("身份证号 / 统一社会信用代码").fill(PERSON_ID)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("违法行为发生日").fill((today - dt.timedelta(days=20)).isoformat())
    _shot(page, "enf-02-case-new")
    page.get_by_role("button", name="保存").click()
    assert "已登记案件线索" in page.locator("ul.messages").inner_text()
    case = Case.objects.get(title="销售不合格电动自行车头盔案")
    assert case.status == Case.Status.CLUE and case.filing_due_on  # the 15-WD 立案 clock
    _shot(page, "enf-03-clue")

    # the head files it (立案): the number and the 90-day decision limit appear
    _switch(page, base, "head")
    page.goto(_case_url(base, case))
    assert "已办理" in _run(page, "立案")
    case.refresh_from_db()
    assert case.number.startswith("东市监罚") and case.decision_due_on
    assert case.decision_due_on.isoformat() in page.content()

    # the clerk assigns one officer and tries to start the investigation: refused (Art 42)
    _switch(page, base, "clerk")
    page.goto(_case_url(base, case))
    panel = _step(page, "指派执法人员")
    panel.get_by_label("执法人员").select_option(label="王执法")
    panel.get_by_role("button", name="指派执法人员").click()
    message = _run(page, "开始调查取证")
    assert "执法人员不得少于两人" in message
    _shot(page, "enf-04-gate-two-officers")
    case.refresh_from_db()
    assert case.status == Case.Status.FILED
    panel = _step(page, "指派执法人员")
    panel.get_by_label("执法人员").select_option(label="李执法")
    panel.get_by_role("button", name="指派执法人员").click()
    assert "已办理" in _run(page, "开始调查取证")
    # and records the evidence (an inspection report) in the full-process record
    page.locator("details.upload summary").click()
    page.get_by_label("选择文件").set_input_files(
        files=[{"name": "抽检报告.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("details.upload").get_by_label("说明").fill("市质检所抽检报告")
    page.get_by_role("button", name="上传").click()
    assert "抽检报告.pdf" in page.content()
    _shot(page, "enf-05-investigating-evidence")
    assert "已办理" in _run(page, "调查终结")
    panel = _step(page, "事先告知")
    panel.get_by_label("罚款").check()
    panel.get_by_label("拟罚没金额（元）").fill("12000")
    panel.get_by_role("button", name="事先告知").click()
    case.refresh_from_db()
    assert case.status == Case.Status.NOTICE and case.legal_review_required  # 12000 ≥ 10000

    # the head tries to decide before the legal review: refused with the reason
    _switch(page, base, "head")
    page.goto(_case_url(base, case))
    assert "须经法制审核" in page.locator("section", has_text="作出决定前尚缺").inner_text()
    panel = _step(page, "作出处罚决定")
    panel.get_by_label("决定书文号").fill("东市监罚决〔2026〕8号")
    panel.get_by_label("罚款").check()
    panel.get_by_label("罚没金额（元）").fill("12000")
    panel.get_by_role("button", name="作出处罚决定").click()
    assert "须经法制审核且审核通过后方可作出决定" in page.locator("ul.messages").inner_text()
    _shot(page, "enf-06-gate-review-first")
    case.refresh_from_db()
    assert case.status == Case.Status.NOTICE and case.decided_on is None

    # the clerk submits it for review; the reviewer (法律职业资格, not on the case) passes it
    _switch(page, base, "clerk")
    page.goto(_case_url(base, case))
    assert "已办理" in _run(page, "提交法制审核")
    _switch(page, base, "reviewer")
    page.get_by_role("link", name="法制审核").first.click()
    _shot(page, "enf-07-review-queue")
    page.get_by_role("link", name=case.number).click()
    panel = _step(page, "法制审核")
    panel.get_by_label("审核结论").select_option(label="通过")
    panel.get_by_label("审核意见").fill("事实清楚，证据确凿，适用法律正确，程序合法，裁量适当。")
    panel.get_by_role("button", name="法制审核").click()
    assert "已办理" in page.locator("ul.messages").inner_text()
    _shot(page, "enf-08-reviewed")

    # the head decides with the benchmark's 一般 tier (12000 lies inside 5000–20000)
    _switch(page, base, "head")
    page.goto(_case_url(base, case))
    panel = _step(page, "作出处罚决定")
    panel.get_by_label("决定书文号").fill("东市监罚决〔2026〕8号")
    panel.get_by_label("罚款").check()
    panel.get_by_label("罚没金额（元）").fill("12000")
    panel.get_by_label("适用裁量阶次").select_option(label="一般处罚（5000.00–20000.00 元）")
    panel.get_by_label("决定内容（将脱敏公示）").fill(
        "对张三丰（身份证号 11010519491231002X，电话 13812345678）罚款人民币一万二千元。"
    )
    panel.get_by_role("button", name="作出处罚决定").click()
    assert "已办理" in page.locator("ul.messages").inner_text()
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED and case.amount_in_tier is True
    assert case.service_due_on and case.publish_due_on  # 7 WD service, 20 WD publicity
    _shot(page, "enf-09-decided")

    # the clerk serves it; the head closes it once the fine is paid; the clerk publishes it
    _switch(page, base, "clerk")
    page.goto(_case_url(base, case))
    assert "已办理" in _run(page, "送达")
    case.refresh_from_db()
    assert case.payment_due_on == case.served_on + dt.timedelta(days=15)  # 15 CD (Art 67)
    _switch(page, base, "head")
    page.goto(_case_url(base, case))
    message = _run(page, "结案")
    assert "须登记缴款（履行）日期后结案" in message  # a fine must be paid before closing
    assert "已办理" in _run(page, "结案", **{"缴款（履行）日期": today.isoformat()})
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.paid_on == today
    _shot(page, "enf-10-closed")
    _switch(page, base, "clerk")
    page.goto(_case_url(base, case))
    assert "已办理" in _run(page, "公示")
    case.refresh_from_db()
    assert case.publicity == Case.Publicity.PUBLISHED
    _shot(page, "enf-11-published")

    # the portal shows the decision with the person's data masked
    page.goto(base + "/enforcement/decisions/")
    row = page.locator("tr", has_text="东市监罚决〔2026〕8号")
    assert "张*" in row.inner_text() and "张三丰" not in page.content()
    _shot(page, "enf-12-portal-list")
    row.get_by_role("link").click()
    body = page.content()
    assert "张三丰" not in body and PERSON_ID not in body and "13812345678" not in body
    assert "110105" in body  # the first 6 characters of the ID number stay
    _shot(page, "enf-13-portal-decision")

    # the platform search finds the case for the bureau's staff
    _switch(page, base, "head")
    page.goto(base + "/staff/search/?q=电动自行车头盔")
    assert page.get_by_role("link", name=re.compile("电动自行车头盔")).first.is_visible()
    _shot(page, "enf-14-search")
    assert head.pk and reviewer_officer.pk
    assert page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_a_random_inspection_is_drawn_replayed_and_published_through_the_ui(
    page, live_server, world
):
    _calendar()
    base = live_server.url
    unit = world.market_a
    today = timezone.localdate()
    _person(unit, ROLES.CLERK, "clerk", "赵经办")
    _person(unit, ROLES.UNIT_HEAD, "head", "钱局长", subtree=True)
    brigade = make_unit("东湖区市场监管综合执法大队", parent=unit, kind=OrgUnit.Kind.BRIGADE)
    for n, name in enumerate(("周队员", "吴队员", "郑队员"), start=1):
        user = _person(brigade, ROLES.OFFICER, f"brigade{n}", name)
        officer = make_officer(brigade, user=user)
        officer.full_name = name
        officer.save(update_fields=["full_name"])
    item = make_item(unit, name="食品销售者落实主体责任情况检查")
    make_objects(unit, "AABBC", prefix="幸福路食品")

    # the clerk creates the task, commits the seed and draws
    _switch(page, base, "clerk")
    page.goto(base + "/staff/inspections/")
    _shot(page, "insp-01-task-list")
    page.get_by_role("link", name="新建任务").click()
    page.get_by_label("任务名称").fill("2026年食品销售者双随机抽查")
    page.get_by_label(item.name).check()
    page.get_by_label("计划检查自").fill(today.isoformat())
    page.get_by_label("计划检查至").fill((today + dt.timedelta(days=30)).isoformat())
    for grade in "ABCD":
        page.get_by_label(f"{grade} 级抽查比例（%）").fill("100" if grade != "D" else "0")
    _shot(page, "insp-02-task-new")
    page.get_by_role("button", name="保存").click()
    task = InspectionTask.objects.get()
    page.get_by_role("button", name="公布种子承诺").click()
    task.refresh_from_db()
    assert task.commitment in page.content() and task.nonce not in page.content()
    _shot(page, "insp-03-committed")
    page.get_by_role("button", name="随机抽取").click()
    assert "已完成随机抽取" in page.locator("ul.messages").inner_text()
    task.refresh_from_db()
    assert task.status == InspectionTask.Status.DRAWN and task.results_due_on
    assert "复核一致" in page.content()  # the server's replay of the draw
    _shot(page, "insp-04-drawn-replay")

    # each entity's result is entered by one of the brigade officers drawn for it
    for row in DrawnObject.objects.filter(task=task).prefetch_related("inspectors__user"):
        inspector = row.inspectors.all()[0].user
        _switch(page, base, inspector.username)
        page.goto(base + f"/staff/inspections/tasks/{task.pk}/")
        page.get_by_role("link", name=f"录入检查结果：{row.inspection_object.name}").click()
        page.get_by_label("检查结果").select_option(label="未发现问题")
        page.get_by_label("检查日期").fill(today.isoformat())
        if row.position == 1:
            _shot(page, "insp-05-result-form")
        page.get_by_role("button", name="保存").click()
        assert "已录入" in page.locator("ul.messages").inner_text()
    _shot(page, "insp-06-results-by-inspector")
    task.refresh_from_db()
    assert task.status == InspectionTask.Status.RESULTS_ENTERED

    # the head publishes; the portal shows the nonce, the results and the replay
    _switch(page, base, "head")
    page.goto(base + f"/staff/inspections/tasks/{task.pk}/")
    page.get_by_role("button", name="公开抽查结果").click()
    task.refresh_from_db()
    assert task.status == InspectionTask.Status.PUBLISHED and task.published_on == today
    _shot(page, "insp-07-published")
    page.goto(base + f"/inspections/{task.pk}/")
    body = page.content()
    assert task.nonce in body and "复核一致" in body and "未发现问题" in body
    _shot(page, "insp-08-portal")
    assert page.console_errors == []
    assert Officer.objects.filter(org_unit=brigade).count() == 3


@pytest.mark.django_db(transaction=True)
def test_registers_benchmark_and_four_lists_versions_and_the_entrustment(page, live_server, world):
    base = live_server.url
    unit = world.market_a
    _person(unit, ROLES.CLERK, "clerk", "赵经办", subtree=True)
    item = make_power_item(unit)
    station = make_unit("东湖区市场监管服务站", parent=unit)
    _switch(page, base, "clerk")

    # a benchmark is drawn up, then adjusted as version 2 with its reason and date
    page.goto(base + "/staff/enforcement/benchmarks/new/")
    page.get_by_label("处罚事项").select_option(label=str(item))
    page.get_by_label("违法行为").fill("销售不合格电动自行车头盔")
    page.get_by_label("处罚依据").fill("《中华人民共和国产品质量法》第四十九条")
    for tier, low, high in (
        ("从轻处罚", 0, 5000),
        ("一般处罚", 5000, 20000),
        ("从重处罚", 20000, 50000),
    ):
        page.get_by_label(f"{tier}：适用情形").fill(f"{tier}的情形")
        page.get_by_label(f"{tier}：罚款下限（元）").fill(str(low))
        page.get_by_label(f"{tier}：罚款上限（元）").fill(str(high))
    page.get_by_role("button", name="保存").click()
    assert "已制定裁量基准" in page.locator("ul.messages").inner_text()
    page.locator("summary", has_text="调整裁量基准").click()
    page.get_by_label("从轻处罚：罚款上限（元）").fill("8000")
    page.get_by_label("一般处罚：罚款下限（元）").fill("8000")
    page.get_by_role("button", name="保存为新版本").click()
    assert "调整理由" in page.content()  # refused: no reason given; the form stays open
    _shot(page, "reg-01-benchmark-adjust-refused")
    page.get_by_label("调整理由").fill("依据省级裁量基准（2026 年修订）调整")
    page.get_by_role("button", name="保存为新版本").click()
    assert "已保存为新版本" in page.locator("ul.messages").inner_text()
    assert "第 2 版" in page.content() and "依据省级裁量基准" in page.content()
    _shot(page, "reg-02-benchmark-v2")

    # an entry of the four lists is adjusted, then abolished
    page.goto(base + "/staff/enforcement/lenient/new/")
    page.get_by_label("制定单位").select_option(label=unit.name)
    page.get_by_label("清单类别").select_option(label="不予处罚清单")
    page.get_by_label("违法行为/事项").fill("首次未按规定明码标价")
    page.get_by_label("适用条件").fill("首次违法、危害后果轻微并及时改正")
    page.get_by_label("法律依据").select_option(value="cf33")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="首次未按规定明码标价").click()
    page.get_by_label("适用条件").fill("首次违法、危害后果轻微并在责令期限内改正")
    page.get_by_label("调整理由").fill("与省市场监管局清单保持一致")
    page.get_by_role("button", name="保存为新版本").click()
    assert "第 2 版" in page.content()
    _shot(page, "reg-03-lenient-v2")

    # an entrusted organisation's subject record, then its 委托书 uploaded on its page
    page.goto(base + "/staff/enforcement/subjects/new/")
    page.get_by_label(_exactly("单位")).select_option(label=station.name)
    page.get_by_label("主体类型").select_option(label="受委托组织")
    page.get_by_label("市场监管").check()
    page.get_by_label("委托机关").select_option(label=unit.name)
    page.get_by_label("委托书文号").fill("东市监委〔2026〕1号")
    page.get_by_role("button", name="保存").click()
    assert "请在本页上传委托书" in page.locator("ul.messages").inner_text()
    assert "尚未上传委托书" in page.content()
    page.locator("details.upload summary").click()
    page.get_by_label("选择文件").set_input_files(
        files=[{"name": "委托书.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="上传").click()
    assert "委托书.pdf" in page.content() and "尚未上传委托书" not in page.content()
    _shot(page, "reg-04-entrusted-subject")
    # the only error responses are the refused adjustment's 400 (its page re-rendered with the reason)
    refused = [e for e in page.console_errors if "400" in e]
    assert len(refused) == 2  # the response, and chromium's console line for it
    assert any(re.match(r"^400 .*/staff/enforcement/benchmarks/\d+/$", e) for e in refused)
    assert [e for e in page.console_errors if "400" not in e] == []
