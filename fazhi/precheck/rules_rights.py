"""Rules for reducing rights or adding obligations without a legal basis (domain.md §1 items 4–6)."""

from __future__ import annotations

from fazhi.precheck.base import Rule, compile_all
from fazhi.precheck.citations import NON_RETROACTIVE, NOTICE_37
from fazhi.precheck.patterns import BY_LAW, CITES_LAW, FORBIDS, GAP, INTERNAL_SUBJECT, OBLIGE

G = GAP
_c = compile_all
# The clause makes a right depend on the person's conduct: a sanction in disguise.
MISCONDUCT = r"(?:违反|违规|违法|拖欠|欠缴|拒绝|拒不|未按|未经|失信|上访|信访|黑名单|被查处|不文明)"
DOC = r"本(?:办法|规定|细则|实施细则|通知|意见|决定|方案|措施)"

RIGHTS_RULES: tuple[Rule, ...] = (
    Rule(
        "DUTY-RIGHTS",
        "没有依据减损公民、法人和其他组织的权利",
        "减损权利增加义务",
        NOTICE_37,
        _c(
            r"(?:不予|暂停|停止)办理" + G + r"{0,15}?(?:登记|手续|业务|证件|户籍|迁移|审批)",
            r"取消(?:其|该)" + G + r"{0,15}?(?:资格|待遇|补贴|权利)",
            MISCONDUCT
            + r"[^。；]{0,30}?(?:不得|不予|限制其?|取消其?|暂停其?)"
            + r"(?:享受|参加|参与|申报|进入|就读|入学|乘坐|办理|评选|报考|应聘)",
        ),
        _c(
            CITES_LAW,
            BY_LAW,
            r"(?:不得|禁止|任何单位)" + G + r"{0,10}限制",
            r"不得因",
        ),
    ),
    Rule(
        "DUTY-OBLIGATION",
        "没有依据增加义务（无谓证明、强制保险、额外报送）",
        "减损权利增加义务",
        NOTICE_37,
        _c(
            r"(?:提供|提交)[^。；]{0,30}?(?:出具|开具|签发|盖章)的" + G + r"{0,15}?证明",
            r"(?:无犯罪记录|无欠款|无违法|未婚|计划生育|经济困难|场所使用|无异议|亲属关系)证明",
            OBLIGE + G + r"{0,6}?(?:购买|投保|参加)" + G + r"{0,15}?保险",
            r"(?:每月|每季度|每半年|每年|定期)[^。；]{0,30}?(?:报送|填报|报告|备案)",
            r"签订" + G + r"{0,8}?承诺书",
            OBLIGE
            + G
            + r"{0,4}?(?:每月|每季度|每半年|每年|定期)"
            + G
            + r"{0,8}?参加"
            + G
            + r"{0,20}?(?:培训|教育|学习|考试|考核)",
        ),
        _c(
            CITES_LAW,
            BY_LAW,
            INTERNAL_SUBJECT,
            FORBIDS + G + r"{0,12}(?:要求|提交|提供|出具|证明)",
            r"取消" + G + r"{0,20}证明|自愿",
        ),
    ),
    Rule(
        "DUTY-RETRO",
        "溯及既往增加负担",
        "减损权利增加义务",
        NON_RETROACTIVE,
        _c(
            DOC
            + r"(?:施行|实施|印发|发布|生效)(?:之)?前[^。]{0,40}?"
            + r"(?:适用本|按照本|依照本|参照本|按本|追回|退还|补缴|重新(?:审核|核定|核算)|注销)",
            r"适用于" + DOC + r"(?:施行|实施|印发|发布|生效)(?:之)?前",
        ),
        _c(
            r"继续有效|按照?原(?:规定|标准|政策)|原政策期限|不再追溯|更为有利|有利于|期满后",
        ),
    ),
)
