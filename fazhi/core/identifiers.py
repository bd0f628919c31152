"""Chinese identifiers: 统一社会信用代码 (GB 32100), 公民身份号码 (GB 11643), 行政区划代码 (GB/T 2260).

Each validator returns None when valid, else a Chinese reason. `python-stdnum` is not used for the
USCC because it rejects valid codes whose first characters are letters (N…, Y…, A…).
"""

from __future__ import annotations

import datetime as dt
import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
# position 1: registration authority → allowed position-2 entity types
USCC_AUTHORITIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),
    "2": ("外交", "129"),
    "3": ("司法行政", "12345"),
    "4": ("文化", "129"),
    "5": ("民政", "1239"),
    "6": ("旅游", "129"),
    "7": ("宗教", "129"),
    "8": ("工会", "129"),
    "9": ("工商/市场监管", "123"),
    "A": ("中央军委改革和编制办公室", "19"),
    "N": ("农业", "129"),
    "Y": ("其他", "1"),
}
PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}
ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …
ID_CHECK = "10X98765432"


def uscc_check_char(body: str) -> str:
    """The 18th character for a 17-character USCC body."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str | None:
    """统一社会信用代码: None if valid, else the reason."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，当前为 {len(code)} 位"
    bad = [c for c in code if c not in USCC_CHARSET]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）"
    authority = USCC_AUTHORITIES.get(code[0])
    if authority is None:
        return f"第 1 位登记管理部门代码“{code[0]}”无效"
    if code[1] not in authority[1]:
        return f"第 2 位机构类别代码“{code[1]}”不属于登记管理部门“{authority[0]}”"
    if not code[2:8].isdigit():
        return "第 3–8 位应为行政区划代码（6 位数字）"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位错误"
    return None


def validate_idcard(value: str) -> str | None:
    """公民身份号码 (18 位): None if valid, else the reason. Historical address codes are accepted."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        return f"公民身份号码应为 18 位，当前为 {len(code)} 位"
    if not code[:17].isdigit() or not re.fullmatch(r"[0-9X]", code[17]):
        return "公民身份号码前 17 位应为数字，第 18 位为数字或 X"
    if code[:2] not in PROVINCES:
        return f"地址码前两位“{code[:2]}”不是有效的省级代码"
    try:
        born = dt.date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return f"出生日期“{code[6:14]}”不是真实存在的日期"
    if born.year < 1850 or born > dt.date.today():  # noqa: DTZ011 (a date, no timezone meaning)
        return f"出生日期“{born.isoformat()}”不在合理范围内"
    total = sum(int(c) * w for c, w in zip(code[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != code[17]:
        return "公民身份号码校验位错误"
    return None


def validate_division(value: str) -> str | None:
    """行政区划代码 (6 位): None if valid, else the reason."""
    code = (value or "").strip()
    if not re.fullmatch(r"\d{6}", code):
        return "行政区划代码应为 6 位数字"
    if code[:2] not in PROVINCES:
        return f"省级代码“{code[:2]}”不存在"
    if code[2:4] == "00" and code[4:6] != "00":
        return "地级代码为 00 时县级代码也应为 00"
    return None


def division_level(code: str) -> str:
    """province / city / county for a valid division code."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


VALIDATORS = {"uscc": validate_uscc, "idcard": validate_idcard, "division": validate_division}
