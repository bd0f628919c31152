"""`fazhi demo load [--if-empty] [--seed N]` and `fazhi demo logins`: the training/demo data set."""

from __future__ import annotations

import argparse
import time
import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import demo
from fazhi.core.errors import DomainError

HELP = f"""演示数据（虚构的江城市：市政府及市级部门、东湖区和西湖区各约 30 个部门、乡镇街道、综合执法大队，
以及各角色的演示账号）。

  fazhi demo load [--if-empty] [--seed N]   装入演示数据（只能装入空数据库；同一种子得到同样的人名）
  fazhi demo logins                         列出培训常用的演示账号

演示账号统一密码 {demo.DEMO_PASSWORD}，首次登录无需改密；登录地址 {demo.STAFF_URL}
用户名规则“地区.单位.角色”，可直接念出：
  city.sysadmin / city.secadmin / city.auditadmin   市级系统、安全、审计管理员（三员分立）
  donghu.justice.supervisor                         东湖区司法局 监督人员（全区）
  donghu.justice.reviewer                           东湖区司法局 法制审核人员
  donghu.market.clerk / .head / .reviewer           东湖区市场监督管理局 经办人 / 单位负责人 / 法制审核人员
  donghu.market.brigade.officer1                    东湖区市场监管综合执法大队 执法人员
  donghu.leader                                     东湖区人民政府 领导（只读）
  xihu.…                                            西湖区同样的账号（用于演示两区互不可见）
单位代码：office 政府办 devreform 发改 edu 教育 police 公安 civil 民政 justice 司法 finance 财政
hrss 人社 natres 自然资源 ecoenv 生态环境 housing 住建 transport 交通 agri 农业农村 water 水利
forestry 林业 commerce 商务 culture 文旅 health 卫健 veterans 退役军人 emergency 应急 audit 审计
market 市场监管 urban 城管 medsec 医保 stats 统计 petition 信访 dataservice 政务数据 sports 体育
civildef 人防 facilities 机关事务 archives 档案馆；乡镇街道用地名拼音（如 donghu.hubin.clerk）。"""


def _seed(value: str) -> int:
    try:
        seed = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"种子应为非负整数，收到“{value}”") from None
    if seed < 0:
        raise argparse.ArgumentTypeError(f"种子应为非负整数，收到“{value}”")
    return seed


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,logins}")
        load = actions.add_parser("load", help="装入演示数据")
        load.add_argument(
            "--if-empty", action="store_true", help="数据库中已有组织机构时跳过（不报错）"
        )
        load.add_argument(
            "--seed", type=_seed, default=demo.DEFAULT_SEED, help="随机种子（决定人名）"
        )
        actions.add_parser("logins", help="列出常用演示账号")

    def handle(self, *args: object, **options: Any) -> None:
        if options["action"] == "load":
            self.load(if_empty=options["if_empty"], seed=options["seed"])
        else:
            self.logins()

    def load(self, *, if_empty: bool, seed: int) -> None:
        """Load into an empty database, or skip (with --if-empty) / refuse when it has data."""
        if not demo.is_empty():
            if if_empty:
                self.stdout.write("数据库中已有组织机构，跳过演示数据。")
                return
            raise CommandError(
                "数据库中已有组织机构，演示数据只能装入空数据库；如需跳过请加 --if-empty。"
            )
        started = time.monotonic()
        try:
            ctx = demo.build(seed)
        except DomainError as exc:
            raise CommandError(f"演示数据装入失败，未写入任何数据：{exc.message}") from exc
        counts = "、".join(f"{label} {ctx.counts.get(key, 0)} 个" for key, label in _SUMMARY)
        self.stdout.write(
            f"已装入演示数据（种子 {seed}）：{counts}，用时 {time.monotonic() - started:.1f} 秒。"
        )
        self.stdout.write("运行 fazhi demo logins 查看常用演示账号。")

    def logins(self) -> None:
        """Print the training logins as an aligned table."""
        rows = demo.key_logins()
        if not rows:
            raise CommandError("尚未装入演示数据，请先运行 fazhi demo load。")
        table = [("用户名", "姓名", "单位", "角色（授权范围）")]
        table += [(r.username, r.full_name, r.unit, r.roles) for r in rows]
        widths = [max(_width(row[i]) for row in table) for i in range(3)]
        for n, row in enumerate(table):
            cells = [_pad(row[i], widths[i]) for i in range(3)]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
            if n == 0:
                self.stdout.write("  ".join(["-" * w for w in widths] + ["-" * 16]))
        self.stdout.write("")
        self.stdout.write(f"统一密码：{demo.DEMO_PASSWORD}    登录地址：{demo.STAFF_URL}")


_SUMMARY = (("units", "单位"), ("users", "账号"), ("grants", "授权"))
