"""Demo step `core.org`: the 江城市 jurisdiction tree, built through `unit_create`."""

from __future__ import annotations

from fazhi.core.models import OrgUnit
from fazhi.core.services.org import unit_create

from .codes import INSTITUTION, ORGAN, demo_uscc
from .data import (
    CITY_DEPARTMENTS,
    CITY_DIVISION,
    CITY_NAME,
    CITY_SHORT,
    DISTRICT_DEPARTMENTS,
    DISTRICTS,
    JUSTICE_SECTIONS,
    Dept,
    District,
)
from .registry import CORE_ORDER, DemoContext, demo_step

K = OrgUnit.Kind
L = OrgUnit.Level


def _add(
    ctx: DemoContext,
    key: str,
    parent: str | None,
    name: str,
    *,
    kind: str,
    level: str,
    short: str = "",
    entity_type: str = ORGAN,
    division: str = "",
) -> OrgUnit:
    """Create one unit under `ctx.units[parent]` with a valid USCC and division code.

    Without `division` the unit takes its parent's (a department sits in its government's area).
    """
    parent_unit = ctx.units[parent] if parent else None
    division = division or (parent_unit.division_code if parent_unit else CITY_DIVISION)
    serial = len(ctx.units) + 1
    uscc = ""  # internal offices have no legal personality, hence no code of their own
    if kind != K.INTERNAL:
        uscc = demo_uscc(division=division, serial=serial, seed=ctx.seed, entity_type=entity_type)
    unit = unit_create(
        actor=ctx.actor,
        parent=parent_unit,
        name=name,
        short_name=short,
        kind=kind,
        level=level,
        uscc=uscc,
        division_code=division,
        sort_order=serial * 10,
    )
    ctx.units[key] = unit
    ctx.count("units")
    return unit


def _dept_name(dept: Dept, place: str, district: District | None) -> str:
    if dept.name.startswith("{city}"):
        return dept.name.format(city=CITY_NAME, district=district.short if district else "")
    return place + dept.name


def _departments(
    ctx: DemoContext, gov: str, place: str, initial: str, district: District | None
) -> None:
    """The government's departments, their brigades and the Justice Bureau's offices."""
    depts = DISTRICT_DEPARTMENTS if district else CITY_DEPARTMENTS
    level = L.COUNTY if district else L.CITY
    for dept in depts:
        key = f"{gov}.{dept.key}"
        _add(
            ctx,
            key,
            gov,
            _dept_name(dept, place, district),
            kind=K.DEPARTMENT,
            level=level,
            short=initial + dept.short,
            entity_type=INSTITUTION if dept.institution else ORGAN,
        )
        if dept.brigade:
            # 综合执法大队 are mostly 参公事业单位: USCC entity type 2.
            _add(
                ctx,
                f"{key}.brigade",
                key,
                place + dept.brigade,
                kind=K.BRIGADE,
                level=level,
                short=f"{initial}{dept.short}执法",
                entity_type=INSTITUTION,
            )
    for section, section_name in JUSTICE_SECTIONS:
        parent = f"{gov}.justice"
        _add(ctx, f"{parent}.{section}", parent, section_name, kind=K.INTERNAL, level=level)


def _organs(ctx: DemoContext, gov: str, place: str, initial: str, *, city: bool) -> None:
    """The people's congress standing committee, court and procuratorate of the same level.

    They are not part of the government, but the jurisdiction tree files them under it so that
    reconsideration, litigation and filing records can name them as counterparts.
    """
    level = L.CITY if city else L.COUNTY
    court = "中级人民法院" if city else "人民法院"
    rows = (
        ("congress", "人民代表大会常务委员会", K.CONGRESS, "人大常"),
        ("court", court, K.COURT, "中法" if city else "法"),
        ("procuratorate", "人民检察院", K.PROCURATORATE, "检"),
    )
    for key, name, kind, short in rows:
        _add(ctx, f"{gov}.{key}", gov, place + name, kind=kind, level=level, short=initial + short)


def _townships(ctx: DemoContext, district: District) -> None:
    for town in district.townships:
        suffix = "办事处" if town.name.endswith("街道") else "人民政府"
        _add(
            ctx,
            f"{district.key}.{town.key}",
            district.key,
            f"{district.name}{town.name}{suffix}",
            kind=K.GOVERNMENT,
            level=L.TOWNSHIP,
            short=town.short,
        )


@demo_step("core.org", order=CORE_ORDER)
def build_org(ctx: DemoContext) -> None:
    """City government, its departments and organs, then each district with its townships."""
    _add(
        ctx,
        "city",
        None,
        f"{CITY_NAME}人民政府",
        kind=K.GOVERNMENT,
        level=L.CITY,
        short=f"{CITY_SHORT}府",
    )
    _departments(ctx, "city", CITY_NAME, CITY_SHORT, None)
    _organs(ctx, "city", CITY_NAME, CITY_SHORT, city=True)
    for district in DISTRICTS:
        _add_district(ctx, district)


def _add_district(ctx: DemoContext, district: District) -> None:
    _add(
        ctx,
        district.key,
        "city",
        f"{district.name}人民政府",
        kind=K.GOVERNMENT,
        level=L.COUNTY,
        short=f"{district.initial}府",
        division=district.division,
    )
    _departments(ctx, district.key, district.name, district.initial, district)
    _organs(ctx, district.key, district.name, district.initial, city=False)
    _townships(ctx, district)
