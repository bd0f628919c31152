"""The org tree: materialised paths, subtree queries, moves, validation."""

import pytest

from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.core.models import OrgUnit
from fazhi.core.services.org import unit_create, unit_move, unit_update
from fazhi.core.testing import ROLES, make_unit, make_user


def test_subtree_query_returns_exactly_the_descendants(world):
    names = set(OrgUnit.objects.filter(world.district_a.subtree_q()).values_list("name", flat=True))
    assert names == {"东湖区人民政府", "东湖区司法局", "东湖区市场监督管理局"}


def test_moving_a_unit_moves_its_subtree(world, sysadmin):
    team = make_unit("东湖区市场监管综合执法大队", parent=world.market_a, kind=OrgUnit.Kind.BRIGADE)
    unit_move(actor=sysadmin, unit=world.market_a, new_parent=world.district_b)
    team.refresh_from_db()
    assert team.path.startswith(world.district_b.path)
    assert team.depth == 3
    assert OrgUnit.objects.filter(world.district_b.subtree_q()).count() == 5
    assert OrgUnit.objects.filter(world.district_a.subtree_q()).count() == 2


def test_cannot_move_a_unit_under_itself(world, sysadmin):
    with pytest.raises(DomainError, match="自己"):
        unit_move(actor=sysadmin, unit=world.district_a, new_parent=world.market_a)
    world.market_a.refresh_from_db()
    assert world.market_a.path.startswith(world.district_a.path)


def test_scope_without_subtree_covers_only_the_unit(world):
    user = make_user(world.district_a, ROLES.SUPERVISOR, subtree=False)
    visible = access.visible(OrgUnit.objects.all(), user, "core.view_org", field="self")
    assert list(visible) == [world.district_a]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("uscc", "91110000600037341K", "校验位"),
        ("uscc", "91110000600037341", "18 位"),
        ("division_code", "991234", "省级代码"),
        ("division_code", "36010", "6 位数字"),
        ("kind", "bogus", "类型"),
    ],
)
def test_invalid_identifiers_are_refused_with_the_field(world, field, value, message):
    with pytest.raises(DomainError) as exc:
        data = {"name": "测试单位", "kind": "department", "level": "city", field: value}
        unit_create(actor=None, parent=world.city, **data)
    assert exc.value.field == field
    assert message in exc.value.message
    assert not OrgUnit.objects.filter(name="测试单位").exists()


def test_uscc_must_be_unique(world, sysadmin):
    unit_update(actor=sysadmin, unit=world.market_a, uscc="91110000600037341L")
    with pytest.raises(DomainError, match="已被其他单位使用"):
        unit_update(actor=sysadmin, unit=world.market_b, uscc="91110000600037341L")


def test_org_pages_render_for_an_administrator(world, client, sysadmin):
    client.force_login(sysadmin)
    assert "东湖区人民政府" in client.get("/staff/org/").content.decode()
    detail = client.get(f"/staff/org/{world.market_a.pk}/").content.decode()
    assert "东湖区市场监督管理局" in detail
    response = client.post(
        f"/staff/org/{world.district_a.pk}/new/",
        {
            "name": "东湖区应急管理局",
            "short_name": "东应急",
            "kind": "department",
            "level": "county",
            "uscc": "",
            "division_code": "360102",
            "sort_order": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(name="东湖区应急管理局").parent == world.district_a
    bad = client.post(
        f"/staff/org/{world.district_a.pk}/new/",
        {"name": "坏单位", "kind": "department", "level": "county", "uscc": "123"},
    )
    assert bad.status_code == 200 and "18 位" in bad.content.decode()
    assert not OrgUnit.objects.filter(name="坏单位").exists()
    xlsx = client.get("/staff/org/?view=list&export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
