"""The fictional jurisdiction of the demo: 江城市 with two districts, 东湖区 and 西湖区.

Every row is plain data. `key` is the ASCII slug used in demo usernames and in
`DemoContext.units` (e.g. ``donghu.market``), so a trainer can read a login out loud.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_NAME = "江城市"
CITY_SHORT = "江"
CITY_DIVISION = "360100"
DEMO_PASSWORD = "Fazhi@2026"  # noqa: S105  (published demo password; policy-compliant)
STAFF_URL = "http://127.0.0.1:8000/staff/"


@dataclass(frozen=True)
class Dept:
    """A department (or other body) under a government.

    `name` is the suffix after the government's place name, or a full name when it starts
    with "{city}" (district police, ecology: branches of the city bureau).
    """

    key: str
    name: str
    short: str
    enforcement: bool = False
    brigade: str = ""  # the 综合执法大队 under it, name suffix
    institution: bool = False  # 事业单位 (USCC type 2) rather than 机关 (type 1)


# 区级政府工作部门 (~30), in the customary order of a district government's list.
DISTRICT_DEPARTMENTS: tuple[Dept, ...] = (
    Dept("office", "人民政府办公室", "府办"),
    Dept("devreform", "发展和改革委员会", "发改"),
    Dept("edu", "教育局", "教", enforcement=True),
    Dept("police", "{city}公安局{district}分局", "公", enforcement=True),
    Dept("civil", "民政局", "民", enforcement=True),
    Dept("justice", "司法局", "司"),
    Dept("finance", "财政局", "财"),
    Dept("hrss", "人力资源和社会保障局", "人社", enforcement=True),
    Dept("natres", "自然资源局", "自然资源", enforcement=True),
    Dept("ecoenv", "{city}生态环境局{district}分局", "环", brigade="生态环境保护综合执法大队"),
    Dept("housing", "住房和城乡建设局", "住建", enforcement=True),
    Dept("transport", "交通运输局", "交", brigade="交通运输综合执法大队"),
    Dept("agri", "农业农村局", "农", brigade="农业综合执法大队"),
    Dept("water", "水利局", "水", enforcement=True),
    Dept("forestry", "林业局", "林", enforcement=True),
    Dept("commerce", "商务局", "商", enforcement=True),
    Dept("culture", "文化广电旅游局", "文旅", brigade="文化市场综合执法大队"),
    Dept("health", "卫生健康委员会", "卫健", enforcement=True),
    Dept("veterans", "退役军人事务局", "退役军人"),
    Dept("emergency", "应急管理局", "应急", brigade="应急管理综合执法大队"),
    Dept("audit", "审计局", "审"),
    Dept("market", "市场监督管理局", "市监", brigade="市场监管综合执法大队"),
    Dept("urban", "城市管理局", "城管", brigade="城市管理综合执法大队"),
    Dept("medsec", "医疗保障局", "医保", enforcement=True),
    Dept("stats", "统计局", "统", enforcement=True),
    Dept("petition", "信访局", "信访"),
    Dept("dataservice", "政务服务数据管理局", "数据"),
    Dept("sports", "体育局", "体", enforcement=True),
    Dept("civildef", "人民防空办公室", "人防", enforcement=True),
    Dept("facilities", "机关事务管理局", "机关事务"),
    Dept("archives", "档案馆", "档", institution=True),
)

# 市级: a smaller selection; the city Justice Bureau hosts the platform and its administrators.
CITY_DEPARTMENTS: tuple[Dept, ...] = (
    Dept("office", "人民政府办公室", "府办"),
    Dept("devreform", "发展和改革委员会", "发改"),
    Dept("edu", "教育局", "教", enforcement=True),
    Dept("police", "公安局", "公", enforcement=True),
    Dept("justice", "司法局", "司"),
    Dept("finance", "财政局", "财"),
    Dept("hrss", "人力资源和社会保障局", "人社", enforcement=True),
    Dept("natres", "自然资源和规划局", "自然资源", enforcement=True),
    Dept("ecoenv", "生态环境局", "环", enforcement=True),
    Dept("housing", "住房和城乡建设局", "住建", enforcement=True),
    Dept("transport", "交通运输局", "交", enforcement=True),
    Dept("culture", "文化广电新闻出版旅游局", "文旅", enforcement=True),
    Dept("health", "卫生健康委员会", "卫健", enforcement=True),
    Dept("emergency", "应急管理局", "应急", enforcement=True),
    Dept("audit", "审计局", "审"),
    Dept("market", "市场监督管理局", "市监", enforcement=True),
    Dept("urban", "城市管理局", "城管", enforcement=True),
    Dept("dataservice", "政务服务数据管理局", "数据"),
)

# Internal offices (内设机构) of a Justice Bureau: supervisors and reviewers sit here.
JUSTICE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("legality", "合法性审查科"),
    ("enforcement", "行政执法协调监督科"),
    ("reconsideration", "行政复议与应诉科"),
    ("inspection", "法治督察科"),
)


@dataclass(frozen=True)
class Township:
    """A township (乡镇) or street office (街道)."""

    key: str
    name: str  # e.g. "湖滨街道"
    short: str


@dataclass(frozen=True)
class District:
    """A district with its place name, username prefix and division code."""

    key: str
    name: str  # 东湖区
    short: str  # 东湖 (文号 prefix of the district government)
    initial: str  # 东 (prefix of department short names)
    division: str
    townships: tuple[Township, ...]


DISTRICTS: tuple[District, ...] = (
    District(
        "donghu",
        "东湖区",
        "东湖",
        "东",
        "360102",
        (
            Township("hubin", "湖滨街道", "湖滨"),
            Township("qingyun", "青云街道", "青云"),
            Township("wangjiang", "望江街道", "望江"),
            Township("liuan", "柳岸街道", "柳岸"),
            Township("shuyuan", "书院街道", "书院"),
            Township("taohua", "桃花街道", "桃花"),
            Township("baisha", "白沙镇", "白沙"),
        ),
    ),
    District(
        "xihu",
        "西湖区",
        "西湖",
        "西",
        "360103",
        (
            Township("xishan", "西山街道", "西山"),
            Township("fenghe", "丰和街道", "丰和"),
            Township("chaoyang", "朝阳街道", "朝阳"),
            Township("cuihu", "翠湖街道", "翠湖"),
            Township("nanpu", "南浦街道", "南浦"),
            Township("meiling", "梅岭镇", "梅岭"),
            Township("yunxi", "云溪镇", "云溪"),
            Township("shiquan", "石泉乡", "石泉"),
        ),
    ),
)

# Logins printed by `fazhi demo logins`, in the order a training session walks through them.
KEY_LOGINS: tuple[str, ...] = (
    "city.sysadmin",
    "city.secadmin",
    "city.auditadmin",
    "city.leader",
    "city.justice.supervisor",
    "donghu.leader",
    "donghu.justice.supervisor",
    "donghu.justice.reviewer",
    "donghu.market.head",
    "donghu.market.clerk",
    "donghu.market.reviewer",
    "donghu.market.brigade.officer1",
    "donghu.urban.brigade.officer1",
    "donghu.hubin.clerk",
    "xihu.justice.supervisor",
    "xihu.market.clerk",
)
