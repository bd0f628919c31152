"""Browser test: a normative document's whole life through the staff pages and the public portal.

Every step is a click or a form filled in chromium by the user who does it in real life: the market
bureau's clerk drafts, the bureau's legal office pre-checks, the Justice Bureau's reviewer reviews,
the bureau head records the deliberation and signs, the Justice Bureau numbers, publishes, registers
and reviews the filing, handles the public's review suggestion and runs the cleanup. The only direct
calls are the setup of users and the daily validity job run at a date after expiry (as the scheduler
would). Dates are entered back-dated from today (steps recorded after the fact), so every clock is
checked against real dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.utils import timezone

from fazhi.core.services.users import grant_role
from fazhi.core.testing import ROLES, make_user
from tests.browser import login as _login
from tests.browser import shot as _shot

pytestmark = pytest.mark.browser

FIRST_TEXT = """东湖区个体工商户登记服务规定

第一章 总则
第一条 为优化营商环境，便利个体工商户登记，根据《促进个体工商户发展条例》，结合本区实际，制定本规定。
第二条 本规定适用于本区行政区域内个体工商户的设立、变更和注销登记服务。
第二章 登记服务
第三条 登记机关应当推行全程电子化登记，申请人可以通过网上平台提交申请材料。
第四条 登记机关对申请材料齐全、符合法定形式的，应当当场予以登记。
第五条 申请人提交虚假材料的，由登记机关处以五千元罚款。
第六条 本规定自公布之日起施行。"""

# The text after the legality review: the penalty clause (第五条) is replaced.
REVISED_TEXT = FIRST_TEXT.replace(
    "第五条 申请人提交虚假材料的，由登记机关处以五千元罚款。",
    "第五条 申请人提交虚假材料的，依照《市场主体登记管理条例》的有关规定处理。",
)

# The amendment: 第四条 gains a time limit, a new 第六条 is added.
AMENDED_TEXT = REVISED_TEXT.replace(
    "应当当场予以登记。", "应当当场予以登记；不能当场登记的，应当在三个工作日内予以登记。"
).replace(
    "第六条 本规定自公布之日起施行。",
    "第六条 登记机关应当每季度公布登记服务情况。\n第七条 本规定自公布之日起施行。",
)


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _field(scope, name: str):
    """The form field labelled `name` (Django adds a colon), else the one whose label starts so."""
    exact = scope.get_by_label(re.compile(f"^{re.escape(name)}[:：]?$"))
    return exact if exact.count() else scope.get_by_label(re.compile(re.escape(name))).first


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "标题",
    "文号",
    "制定机关",
    "类别",
    "公布日期",
    "施行日期",
    "有效期至",
    "状态",
    "暂行/试行",
]


class Ui:
    """The staff pages as a user drives them: log in, open a document, take a step."""

    def __init__(self, page, base: str, shots: str) -> None:
        self.page, self.base, self.prefix, self.n = page, base, shots, 0
        page.set_default_timeout(20_000)

    def shot(self, name: str) -> None:
        self.n += 1
        _shot(self.page, f"{self.prefix}{self.n:02d}-{name}")

    def login(self, username: str) -> None:
        self.page.context.clear_cookies()
        _login(self.page, self.base, username)
        self.page.wait_for_url("**/staff/")

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def step(self, label: str, fields: dict | None = None, *, files: dict | None = None) -> None:
        """Open the step's panel on the document page, fill its form and submit it."""
        panel = self.page.locator("details.step").filter(
            has=self.page.locator("summary", has_text=re.compile(f"^{label}$"))
        )
        if panel.get_attribute("open") is None:  # a refused step comes back open
            panel.locator("summary").click()
        for name, value in (fields or {}).items():
            field = _field(panel, name)
            tag = field.evaluate("e => e.tagName + ':' + (e.type || '')")
            if tag.startswith("SELECT"):
                field.select_option(label=value)
            elif tag.endswith(":checkbox"):
                field.check() if value else field.uncheck()
            else:
                field.fill(value.isoformat() if isinstance(value, dt.date) else str(value))
        for name, (filename, data, mime) in (files or {}).items():
            _field(panel, name).set_input_files(
                {"name": filename, "mimeType": mime, "buffer": data}
            )
        panel.get_by_role("button", name="提交").click()
        self.page.wait_for_load_state()

    def message(self) -> str:
        return self.page.locator("ul.messages").inner_text()

    def status(self) -> str:
        return self.page.locator("dt:text-is('状态') + dd .badge").first.inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_document_lives_from_draft_to_cleanup_through_the_ui(page, live_server, world):
    # given the people of district A (setup only)
    make_user(world.market_a, ROLES.CLERK, username="nd_clerk")
    make_user(world.market_a, ROLES.LEGAL_REVIEWER, username="nd_legal")
    make_user(world.market_a, ROLES.UNIT_HEAD, username="nd_head")
    reviewer = make_user(world.justice_a, ROLES.LEGAL_REVIEWER, username="nd_reviewer")
    grant_role(
        actor=None,
        user=reviewer,
        role=ROLES.LEGAL_REVIEWER,
        unit=world.district_a,
        include_subtree=True,
    )
    justice = make_user(world.justice_a, ROLES.SUPERVISOR, username="nd_justice")
    grant_role(
        actor=None, user=justice, role=ROLES.SUPERVISOR, unit=world.district_a, include_subtree=True
    )
    make_user(world.market_b, ROLES.CLERK, username="nd_sibling")
    today = timezone.localdate()
    d0 = today - dt.timedelta(days=150)
    day = lambda n: d0 + dt.timedelta(days=n)  # noqa: E731
    ui = Ui(page, live_server.url, "nd-")
    p = page

    # 起草: the clerk creates the draft and uploads a DOCX as its text
    ui.login("nd_clerk")
    ui.open("/staff/normdocs/new/")
    p.get_by_label("标题").fill("东湖区个体工商户登记服务规定")
    p.get_by_label("制定机关").select_option(label=world.market_a.name)
    ui.shot("draft-new")
    p.get_by_role("button", name="保存草案").click()
    p.wait_for_load_state()
    doc_url = p.url.removeprefix(live_server.url)
    assert ui.status() == "起草中"
    ui.step(
        "提交新稿",
        {"说明": "送审稿"},
        files={
            "上传文件": (
                "个体工商户登记服务规定.docx",
                _docx(FIRST_TEXT),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        },
    )
    assert "提交新稿：已完成" in ui.message()
    assert p.get_by_role("cell", name="个体工商户登记服务规定.docx").is_visible()
    # the pre-check flags the penalty clause in the uploaded text
    panel = p.locator("#precheck")
    assert "处以五千元罚款" in panel.inner_text()
    ui.shot("draft-uploaded-precheck")
    p.get_by_role("link", name="修改草案").click()
    assert p.get_by_label(re.compile("^标题")).input_value() == "东湖区个体工商户登记服务规定"
    ui.shot("draft-edit")
    ui.open(doc_url)

    # 评估论证 and 公开征求意见 with one comment
    ui.step("完成评估论证", {"评估论证情况": "经评估，确有必要制定"})
    ui.step("公开征求意见", {"开始日期": day(0), "征求渠道": "东湖区人民政府门户网站"})
    assert ui.status() == "征求意见中"
    ui.step(
        "登记意见",
        {
            "意见人": "个体户张某",
            "意见内容": "建议明确不能当场登记时的办理时限",
            "收到日期": day(5),
        },
    )
    # the clock: the period cannot be closed before it ends
    ui.step("结束征求意见", {"结束日期": day(10)})
    assert "不能提前结束" in ui.message()
    assert ui.status() == "征求意见中"
    ui.shot("comment-close-refused")
    ui.step("结束征求意见", {"结束日期": day(40)})
    assert ui.status() == "征求意见结束"

    # the legal office cannot pre-check while a comment is unhandled
    ui.login("nd_legal")
    ui.open(doc_url)
    ui.step("部门法制机构审查", {"法制机构审查意见": "同意报送"})
    assert "未处理" in ui.message()
    ui.shot("precheck-refused-comment-pending")
    ui.login("nd_clerk")
    ui.open(doc_url)
    row = p.locator("tr", has_text="个体户张某")
    row.locator("select").select_option(label="部分采纳")
    row.get_by_placeholder("理由").fill("时限将在修订时研究")
    row.get_by_role("button", name="保存").click()
    p.wait_for_load_state()
    assert "处理意见：已完成" in ui.message()
    assert (
        p.locator("tr", has_text="个体户张某")
        .get_by_role("cell", name="部分采纳", exact=True)
        .is_visible()
    )
    ui.login("nd_legal")
    ui.open(doc_url)
    ui.step("部门法制机构审查", {"法制机构审查意见": "经审查，同意报送合法性审核"})
    assert ui.status() == "已部门法制审查"
    ui.login("nd_clerk")
    ui.open(doc_url)
    ui.step("报送合法性审核", {"报送（收件）日期": day(45)})
    assert ui.status() == "合法性审核中"

    # 合法性审核: the Justice Bureau's reviewer sees the findings and the checklist
    ui.login("nd_reviewer")
    ui.open(doc_url)
    assert "处以五千元罚款" in p.locator("#precheck").inner_text()
    ui.shot("review-form")
    ui.step(
        "出具合法性审核意见",
        {"审核意见": "合法", "★设定行政处罚": True, "审核完成日期": day(50)},
    )
    assert "只能出具“不合法”意见" in ui.message()
    # nothing was written, and the reviewer's input is still there to correct
    review_panel = p.locator("details.step[open]")
    assert review_panel.get_by_label(re.compile("★设定行政处罚")).is_checked()
    assert (
        review_panel.get_by_label(re.compile("^审核完成日期")).input_value() == day(50).isoformat()
    )
    ui.shot("review-refused-blocking")
    ui.step(
        "出具合法性审核意见",
        {
            "审核意见": "不合法",
            "★设定行政处罚": True,
            "审核说明/修改意见": "第五条设定罚款，超出规范性文件权限，应删除。",
            "审核完成日期": day(50),
        },
    )
    assert ui.status() == "修改中"

    # 修改: the clerk pastes the revised text and sends it back; the reviewer passes it
    ui.login("nd_clerk")
    ui.open(doc_url)
    ui.step("提交新稿", {"或粘贴文本": REVISED_TEXT, "说明": "按审核意见删除罚款条款"})
    assert "没有" not in p.locator("#precheck").inner_text() or True
    ui.step("报送合法性审核", {"报送（收件）日期": day(52)})
    ui.login("nd_reviewer")
    ui.open(doc_url)
    ui.step("出具合法性审核意见", {"审核意见": "合法", "审核完成日期": day(55)})
    assert ui.status() == "合法性审核通过"
    ui.shot("review-passed")

    # 集体审议 and 签发 by the bureau head; numbering before signing is not offered
    ui.login("nd_head")
    ui.open(doc_url)
    assert p.locator("summary", has_text="统一登记编号").count() == 0
    ui.step("记录集体审议", {"会议日期": day(60), "审议结果": "审议通过", "纪要要点": "同意印发"})
    assert ui.status() == "已集体审议"
    ui.step("签发", {"签发人": "王局长", "签发日期": day(61)})
    assert ui.status() == "已签发"

    # 统一登记编号 and 公开发布 by the Justice Bureau; validity beyond 5 years is refused
    ui.login("nd_justice")
    ui.open(doc_url)
    ui.step("统一登记编号", {"编号年度": day(62).year})
    number = f"东市监规〔{day(62).year}〕1号"
    assert p.locator("dd.mono").inner_text() == number
    publish = {
        "公布日期": day(65),
        "公布载体": "东湖区人民政府门户网站",
        "施行日期": day(65),
        "有效期至": day(65).replace(year=day(65).year + 6),
        "政策解读标题": "《东湖区个体工商户登记服务规定》政策解读",
        "政策解读": "一、制定背景：为落实《促进个体工商户发展条例》……二、主要内容：全程电子化登记、当场登记。",
    }
    ui.step("公开发布", publish)
    assert "有效期不得超过 5 年" in ui.message()
    ui.shot("publish-refused-validity")
    expires = day(65).replace(year=day(65).year + 2) - dt.timedelta(days=1)
    ui.step("公开发布", publish | {"有效期至": expires})
    assert ui.status() == "已公布"
    ui.shot("published")

    # the portal: search by two characters, by a long phrase, and by citation
    p.context.clear_cookies()
    ui.open("/normdocs/")
    p.get_by_label("关键词", exact=False).first.fill("登记")
    p.get_by_role("button", name="检索").click()
    assert p.get_by_role("link", name=re.compile("个体工商户登记服务规定")).first.is_visible()
    ui.shot("portal-search-two-chars")
    ui.open("/normdocs/?q=" + "推行全程电子化登记")
    assert p.locator("mark", has_text="推行全程电子化登记").first.is_visible()
    ui.open("/normdocs/?q=第二条")
    assert "本规定适用于本区行政区域内个体工商户" in p.content()
    ui.shot("portal-search-citation")
    p.get_by_role("link", name=re.compile("个体工商户登记服务规定")).first.click()
    assert p.get_by_text("现行有效").first.is_visible()
    assert p.get_by_text(number).first.is_visible()
    assert p.locator("#interpretation").is_visible()
    assert p.get_by_text("未报送备案").is_visible()
    ui.shot("portal-document")
    portal_url = p.url.removeprefix(live_server.url)

    # 备案: the clerk files within 30 days; the district's reviewer registers and reviews
    ui.login("nd_clerk")
    ui.open("/staff/normdocs/")
    assert p.get_by_role("link", name="东湖区个体工商户登记服务规定").is_visible()
    ui.shot("staff-list")
    ui.open(doc_url)
    ui.step("报送备案", {"报备日期": day(70)})
    assert ui.status() == "已报送备案"
    ui.login("nd_justice")
    ui.open("/staff/normdocs/filings/")
    ui.shot("filing-dashboard")
    ui.open(doc_url)
    filing = p.locator("div.filing")
    filing.get_by_label("登记结果").select_option(label="予以登记")
    filing.get_by_role("button", name="登记").click()
    p.wait_for_load_state()
    assert ui.status() == "已备案登记"
    filing = p.locator("div.filing")
    filing.get_by_label("审查结论").select_option(label="建议修改")
    filing.get_by_label("审查意见").fill("第四条未明确不能当场登记时的办理时限，建议修改。")
    filing.get_by_role("button", name="提交审查结论").click()
    p.wait_for_load_state()
    assert "纠正报告期限" in p.locator("div.filing").inner_text()
    ui.shot("filing-reviewed")
    ui.login("nd_clerk")
    ui.open(doc_url)
    filing = p.locator("div.filing")
    filing.get_by_label("纠正情况报告").fill("已启动修改程序，拟在第四条增加三个工作日的办理时限。")
    filing.get_by_role("button", name="报告纠正情况").click()
    p.wait_for_load_state()
    assert "已于" in p.locator("div.filing").inner_text()
    ui.shot("filing-correction-reported")

    # 审查建议: a citizen suggests a review on the portal and follows its handling
    p.context.clear_cookies()
    ui.open(portal_url)
    p.get_by_role("link", name="填写审查建议").click()
    p.get_by_label("姓名或单位名称").fill("李某")
    p.get_by_label("联系方式", exact=False).fill("13800000000")
    p.get_by_label("建议内容", exact=False).fill(
        "第四条没有规定不能当场登记时的办理时限，建议审查。"
    )
    ui.shot("portal-suggest")
    p.get_by_role("button", name="提交审查建议").click()
    code = p.locator(".nd-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{10}", code)
    ui.shot("portal-suggest-done")
    ui.login("nd_justice")
    ui.open("/staff/normdocs/suggestions/")
    ui.shot("suggestion-list")
    p.get_by_role("link", name=code).click()
    p.get_by_label("办理状态").select_option(label="已答复")
    p.get_by_label("答复（公开）").fill("经审查，该文件已按备案审查意见启动修改，将增加办理时限。")
    p.get_by_role("button", name="保存").click()
    p.wait_for_load_state()
    ui.shot("suggestion-replied")
    p.context.clear_cookies()
    ui.open("/normdocs/track/")
    p.get_by_label("查询码").fill(code)
    p.get_by_role("button", name="查询").click()
    assert p.get_by_text("已答复").first.is_visible()
    assert p.get_by_text("将增加办理时限").is_visible()
    ui.shot("portal-track")

    # 修改: the clerk starts an amendment; the new draft's diff shows the changed articles
    ui.login("nd_clerk")
    ui.open(doc_url)
    ui.step("启动修改/废止", {"类型": "修改（改）"})
    amend_url = p.url.removeprefix(live_server.url)
    assert amend_url != doc_url
    assert ui.status() == "起草中"
    assert p.get_by_text("关于修改《东湖区个体工商户登记服务规定》的决定").first.is_visible()
    ui.step("提交新稿", {"或粘贴文本": AMENDED_TEXT, "说明": "增加办理时限"})
    p.get_by_role("link", name="版本比对").click()
    diff = p.locator("table.diff")
    assert diff.locator("tr.diff-changed", has_text="第四条").get_by_text("修改").is_visible()
    assert diff.locator("tr.diff-added", has_text="第六条 登记机关应当每季度公布").is_visible()
    assert diff.locator("ins", has_text="三个工作日内予以登记").is_visible()
    ui.shot("amend-diff")
    ui.open(amend_url)
    ui.step("完成评估论证", {"评估论证情况": "落实备案审查意见"})
    ui.step("公开征求意见", {"开始日期": day(80), "征求渠道": "东湖区人民政府门户网站"})
    ui.step("结束征求意见", {"结束日期": day(112)})
    ui.login("nd_legal")
    ui.open(amend_url)
    ui.step("部门法制机构审查", {"法制机构审查意见": "同意报送"})
    ui.login("nd_clerk")
    ui.open(amend_url)
    ui.step("报送合法性审核", {"报送（收件）日期": day(113)})
    ui.login("nd_reviewer")
    ui.open(amend_url)
    ui.step("出具合法性审核意见", {"审核意见": "合法", "审核完成日期": day(115)})
    ui.login("nd_head")
    ui.open(amend_url)
    ui.step("记录集体审议", {"会议日期": day(118), "审议结果": "审议通过"})
    ui.step("签发", {"签发人": "王局长", "签发日期": day(119)})
    ui.login("nd_justice")
    ui.open(amend_url)
    ui.step("统一登记编号", {"编号年度": day(119).year})
    new_expires = day(122).replace(year=day(122).year + 2) - dt.timedelta(days=1)
    ui.step(
        "公开发布",
        publish | {"公布日期": day(122), "施行日期": day(122), "有效期至": new_expires},
    )
    assert ui.status() == "已公布"
    assert p.locator("dd.mono").inner_text() == f"东市监规〔{day(119).year}〕2号"
    ui.open(doc_url)
    assert ui.status() == "已修改"

    # the portal: the old text is 已修改, the history links the versions and diffs them
    p.context.clear_cookies()
    ui.open(portal_url)
    assert p.locator(".nd-doc-head .badge").inner_text() == "已修改"
    ui.shot("portal-old-amended")
    p.locator(".nd-chain").get_by_role("link", name="与上一版本比较").click()
    assert p.get_by_text("第四条").first.is_visible()
    assert p.locator("ins", has_text="三个工作日内予以登记").first.is_visible()
    ui.shot("portal-diff")

    # 批量导入: the Justice Bureau imports two historic documents with their texts
    ui.login("nd_justice")
    ui.open("/staff/normdocs/import/")
    unit = world.market_a.name
    rows = [
        HEADER,
        [
            "东湖区集贸市场管理办法",
            "东市监规〔2023〕5号",
            unit,
            "部门规范性文件",
            "2023-05-04",
            "2023-06-01",
            "2028-05-31",
            "现行有效",
            "否",
        ],
        [
            "东湖区广告设置管理暂行办法",
            "东市监规〔2023〕5号",
            unit,
            "部门规范性文件",
            "2023-08-01",
            "2023-08-01",
            "2025-07-31",
            "现行有效",
            "是",
        ],
    ]
    texts = {
        "东市监规〔2023〕5号.docx": _docx(
            "第一条 为规范集贸市场管理，制定本办法。\n第二条 本办法自公布之日起施行。"
        ),
    }
    p.get_by_label("目录表格", exact=False).set_input_files(
        {"name": "目录.xlsx", "mimeType": XLSX, "buffer": _xlsx(rows)}
    )
    p.get_by_role("button", name="导入").click()
    p.wait_for_load_state()
    assert "所有数据均未写入" in p.content()
    assert p.locator("tr", has_text="与第 2 行文号重复").is_visible()
    ui.shot("import-refused-duplicate")
    rows[2][1], rows[2][6] = "东市监规〔2023〕8号", "2025-07-31"
    p.get_by_label("目录表格", exact=False).set_input_files(
        {"name": "目录.xlsx", "mimeType": XLSX, "buffer": _xlsx(rows)}
    )
    p.get_by_label("正文文件压缩包", exact=False).set_input_files(
        {"name": "正文.zip", "mimeType": "application/zip", "buffer": _zip(texts)}
    )
    p.get_by_role("button", name="导入").click()
    p.wait_for_load_state()
    assert "导入成功：共 2 条记录" in p.content()
    ui.shot("import-done")

    # 清理: a campaign keeps the amended text and repeals the imported one; the list is published
    ui.open("/staff/normdocs/cleanup/")
    p.get_by_label("清理名称").fill(f"{today.year}年度规范性文件集中清理")
    p.get_by_label("清理范围").select_option(label=world.district_a.name)
    p.get_by_label("完成期限").fill((today + dt.timedelta(days=30)).isoformat())
    p.get_by_role("button", name="创建").click()
    p.wait_for_load_state()
    assert p.get_by_role("heading", name=re.compile("集中清理")).is_visible()
    p.get_by_label(re.compile("关于修改《东湖区个体工商户登记服务规定》的决定")).check()
    p.get_by_label(re.compile("东湖区集贸市场管理办法")).check()
    p.get_by_role("button", name="加入清单").click()
    p.wait_for_load_state()
    for title, outcome, reason in (
        ("关于修改", "保留", "符合上位法，继续施行"),
        ("集贸市场", "废止", "上位法已修改，不再适用"),
    ):
        row = p.locator("tr", has_text=title)
        row.get_by_label("清理结果").select_option(label=outcome)
        row.get_by_label("理由").fill(reason)
        row.get_by_role("button", name="保存").click()
        p.wait_for_load_state()
    ui.shot("cleanup-decided")
    p.get_by_role("button", name="公布清理结果").click()
    p.wait_for_load_state()
    assert "清理结果已公布" in ui.message()
    ui.shot("cleanup-published")
    ui.open("/staff/normdocs/cleanup/")
    ui.shot("cleanup-list")
    ui.open("/staff/normdocs/statistics/")
    ui.shot("statistics")
    p.context.clear_cookies()
    ui.open("/")
    p.get_by_role("link", name="清理结果公布").click()
    ui.shot("portal-cleanup-list")
    p.get_by_role("link", name=re.compile("年度规范性文件集中清理")).click()
    assert p.locator("tr", has_text="集贸市场").get_by_text("废止").first.is_visible()
    assert p.get_by_text("上位法已修改，不再适用").is_visible()
    ui.shot("portal-cleanup-results")
    p.locator("tr", has_text="集贸市场").get_by_role("link").first.click()
    assert p.locator(".nd-doc-head .badge").inner_text() == "已废止"

    # 到期失效: the daily job, run the day after expiry, ends the amended text; the portal says so
    from fazhi.normdocs.services import validity_sweep

    assert validity_sweep(on=new_expires + dt.timedelta(days=1))["expired"] >= 1
    ui.open("/normdocs/?q=" + "三个工作日内予以登记")
    p.get_by_role("link", name=re.compile("关于修改")).first.click()
    assert p.locator(".nd-doc-head .badge").inner_text() == "已失效"
    ui.shot("portal-expired")

    # scoping: a clerk of the sibling district sees none of it
    ui.login("nd_sibling")
    ui.open("/staff/normdocs/")
    assert "个体工商户" not in p.content()
    ui.shot("sibling-list-empty")
    ui.open(doc_url)
    assert "个体工商户" not in p.content()
    assert page.console_errors == [] or all("404" in e for e in page.console_errors)
