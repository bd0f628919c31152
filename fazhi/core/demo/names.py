"""Deterministic, realistic-looking Chinese personal names for demo accounts."""

from __future__ import annotations

import random

# Common surnames, roughly by frequency; the first block is drawn more often.
SURNAMES_COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
SURNAMES_OTHER = (
    "郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Given-name characters by customary use; some are common to both.
GIVEN_MALE = (
    "伟强磊军洋勇杰涛明超刚建文辉力斌宇浩凯鹏晨俊峰博志国海波宁飞鑫亮帆然铭昊瑞睿东林健昌华荣"
)
GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞英华玉萍红欣怡婷雪琳晓颖露瑶慧佳嘉思雨琪悦彤璐晶倩薇琦丹春梅兰燕"


class NameGenerator:
    """Draws unique full names from a seeded RNG, so the same seed gives the same people."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"fazhi-demo-names-{seed}")
        self._used: set[str] = set()

    def _surname(self) -> str:
        pool = SURNAMES_COMMON if self._rng.random() < 0.55 else SURNAMES_OTHER
        return self._rng.choice(pool)

    def _given(self) -> str:
        pool = GIVEN_MALE if self._rng.random() < 0.55 else GIVEN_FEMALE
        length = 1 if self._rng.random() < 0.3 else 2
        return "".join(self._rng.choice(pool) for _ in range(length))

    def next(self) -> str:
        """A full name not handed out before by this generator."""
        while True:
            name = self._surname() + self._given()
            if name not in self._used and len(set(name)) == len(name):
                self._used.add(name)
                return name
