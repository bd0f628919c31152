"""The read contract: certification on a date, masking, sampling, analytics facts."""

import datetime as dt

from fazhi.enforcement import selectors
from fazhi.enforcement.masking import mask_idcard, mask_name, mask_phone, mask_text
from fazhi.enforcement.models import Case, Certificate

from .factories import case_kwargs, make_officer, make_power_item


def test_officer_certified_only_inside_validity(world):
    # given an officer whose certificate ran 2020-01-01 .. 2024-06-30
    officer = make_officer(world.market_a, valid_to=dt.date(2024, 6, 30))
    # then
    assert selectors.officer_is_certified(officer, dt.date(2024, 6, 30))
    assert not selectors.officer_is_certified(officer, dt.date(2024, 7, 1))
    assert not selectors.officer_is_certified(officer, dt.date(2019, 12, 31))


def test_officer_without_certificate_or_revoked_is_not_certified(world):
    bare = make_officer(world.market_a, certified=False)
    revoked = make_officer(world.market_a)
    Certificate.objects.filter(officer=revoked).update(revoked_on=dt.date(2024, 1, 1))
    assert not selectors.officer_is_certified(bare, dt.date(2024, 3, 1))
    assert not selectors.officer_is_certified(revoked, dt.date(2024, 3, 1))
    assert selectors.officer_is_certified(revoked, dt.date(2023, 12, 31))


def test_officers_certified_in_accepts_q_unit_or_ids(world):
    ok = make_officer(world.market_a)
    make_officer(world.market_a, valid_to=dt.date(2021, 1, 1))
    make_officer(world.market_b)
    day = dt.date(2024, 5, 5)
    assert list(selectors.officers_certified_in(world.market_a, day)) == [ok]
    assert list(selectors.officers_certified_in([world.market_a.pk], day)) == [ok]
    subtree = world.district_a.subtree_q("org_unit__path")
    assert list(selectors.officers_certified_in(subtree, day)) == [ok]
    assert list(selectors.officers_certified_in(world.market_a, day, domain="ecoenv")) == []


def test_masking_of_personal_data():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_idcard("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    text = mask_text("张三（身份证11010519491231002X，电话13812345678）", names=["张三"])
    assert text == "张*（身份证110105********002X，电话138****5678）"


def test_published_decisions_are_masked_and_exclude_withdrawn(world):
    item = make_power_item(world.market_a)
    shown = Case.objects.create(
        **case_kwargs(world.market_a, item, title="张三销售不合格产品案"),
        publicity=Case.Publicity.PUBLISHED,
        published_on=dt.date(2024, 9, 1),
    )
    Case.objects.create(**case_kwargs(world.market_a, item), publicity=Case.Publicity.WITHDRAWN)
    rows = selectors.published_decisions()
    assert len(rows) == 1
    row = rows[0:10][0]
    assert row["pk"] == shown.pk
    assert row["party"] == "张*"
    assert "张三" not in str(row)
    assert "11010519491231002X" not in str(row)


def test_closed_cases_for_sampling_and_facts(world):
    item = make_power_item(world.market_a)
    closed = Case.objects.create(
        **case_kwargs(world.market_a, item),
        status=Case.Status.CLOSED,
        closed_on=dt.date(2024, 10, 1),
    )
    Case.objects.create(**case_kwargs(world.market_a, item), status=Case.Status.FILED)
    got = selectors.closed_cases_for_sampling(
        world.market_a, dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    )
    assert list(got) == [closed]
    facts = list(selectors.case_facts_for_analytics())
    assert {f["unit_id"] for f in facts} == {world.market_a.pk}
    assert set(selectors.FACT_FIELDS) <= set(facts[0])
