"""The rules fire on clauses that overstep a normative document's powers, not on lawful look-alikes."""

import re

import pytest

from fazhi.precheck.rules import BY_CODE, CATEGORIES, RULES, scan
from fazhi.precheck.sentences import split_sentences

VIOLATIONS = [
    ("从事宠物美容经营的，须经区农业农村局批准后方可营业。", "LIC-APPROVAL"),
    ("申请开办网吧的，除提交法定材料外，还应当提交街道出具的同意意见。", "LIC-CONDITION"),
    ("对在公园内违规垂钓的，处二百元以上五百元以下罚款。", "PEN-FINE"),
    ("对屡次违规的经营户，吊销其营业执照。", "PEN-SANCTION"),
    ("对拒不整改的商户，执法人员可以查封其经营场所。", "FORCE-MEASURE"),
    ("办理临时占道手续的，每次收取管理费一百元。", "FEE-CHARGE"),
    ("开办培训机构的，应当缴存三十万元风险保证金。", "FEE-DEPOSIT"),
    ("拖欠物业费的业主，不予办理车位租赁登记手续。", "DUTY-RIGHTS"),
    ("办理低保的，须提交所在社区出具的无违法证明。", "DUTY-OBLIGATION"),
    ("本办法施行前已经发放的奖励，按照本办法重新核算。", "DUTY-RETRO"),
    ("参与本区项目投标的企业，应当在本区设立分支机构。", "MKT-ACCESS"),
    ("外地生产的水泥进入本区的，须重新检测合格后方可使用。", "LOCAL-PROTECT"),
    ("机动车检验须到交警大队指定的检测站进行。", "DESIG-TRADE"),
    ("对年纳税一千万元以上的企业，按地方留成部分的三成给予奖励。", "SUBSIDY-SELECT"),
    ("全区洗车服务价格统一执行每次三十元。", "FAIR-PRICE"),
]

LOOK_ALIKES = [
    "违反本办法规定的，依照《中华人民共和国食品安全法》第一百二十二条的规定予以处罚。",
    "法律、法规另有规定的，从其规定。",
    "从事食品经营活动，应当依法取得食品经营许可。",
    "对违法行为，由有关部门依法予以查处；构成犯罪的，依法追究刑事责任。",
    "机关工作人员玩忽职守的，依法给予处分。",
    "对未完成年度目标任务的责任单位，予以通报批评。",
    "当事人逾期不履行的，行政机关可以依法申请人民法院强制执行。",
    "政务服务事项一律不得收取任何费用。",
    "各部门不得要求企业缴纳法律法规规定以外的保证金。",
    "申请人可以自主选择中介服务机构，审批部门不得指定。",
    "对外地企业和本地企业一视同仁。",
    "不得根据企业的纳税额给予奖励或者返还。",
    "经营者依法自主定价，并明码标价。",
    "本办法施行前已经依法取得的许可，继续有效。",
    "当事人应当到指定的银行缴纳罚款。",
]


@pytest.mark.parametrize(("clause", "code"), VIOLATIONS)
def test_rule_fires_on_a_violation_with_its_citation(clause, code):
    # when
    hits = scan(clause)
    # then the expected rule fires and names its legal citation
    assert code in {h.rule.code for h in hits}
    hit = next(h for h in hits if h.rule.code == code)
    assert hit.rule.citation.startswith("《")
    assert hit.excerpt and hit.excerpt in clause


@pytest.mark.parametrize("clause", LOOK_ALIKES)
def test_no_rule_fires_on_a_lawful_look_alike(clause):
    assert [h.rule.code for h in scan(clause)] == []


def test_every_rule_is_in_a_listed_category_and_cites_only_given_articles():
    assert {r.category for r in RULES} == set(CATEGORIES)
    assert len(BY_CODE) == len(RULES)
    # domain.md §1 gives these article numbers only
    given = {"第十七条", "第十六条", "第十条", "第十三条", "第八条至第十一条"}
    for rule in RULES:
        articles = set(
            re.findall(
                r"第[一二三四五六七八九十百]+条(?:至第[一二三四五六七八九十]+条)?", rule.citation
            )
        )
        assert articles <= given, (rule.code, rule.citation)


def test_sentences_keep_their_offsets_and_findings_point_into_the_text():
    # given a text with article headings, a semicolon and a closing quote
    text = "第一条 总则。\n第二条 违反本规定的，处五百元罚款；情节严重的，吊销许可证。“引文。”\n\n"
    # when
    sentences = split_sentences(text)
    hits = scan(text)
    # then every sentence is the slice of the text its offsets name
    assert [s.text for s in sentences] == [
        "第一条 总则。",
        "第二条 违反本规定的，处五百元罚款；",
        "情节严重的，吊销许可证。",
        "“引文。”",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [h.rule.code for h in hits] == ["PEN-FINE", "PEN-SANCTION"]
    assert [text[h.match_start : h.match_end] for h in hits] == ["处五百元罚款", "吊销许可证"]
