"""Catalogue import (1,000 rows, errors by row/column, duplicates), the expiry job, cleanup, suggestions."""

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import Notification
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument, ReviewSuggestion
from fazhi.normdocs.selectors import review_suggestion_track
from fazhi.normdocs.services.catalogue import COLUMNS, catalogue_import
from fazhi.normdocs.tests.factories import make_document

S = NormativeDocument.Status
HEADER = [c.header for c in COLUMNS]


def catalogue(n: int, issuer: str = "东湖区市场监督管理局") -> list[list]:
    """A realistic catalogue of `n` documents (3 per issuer number a year)."""
    rows = [HEADER]
    for i in range(n):
        year = 2021 + i % 5
        rows.append(
            [
                f"关于规范第{i + 1}类市场经营活动的若干规定",
                f"东市监规〔{year}〕{i + 1}号",
                issuer,
                "部门规范性文件",
                f"{year}-03-01",
                f"{year}-04-01",
                f"{year + 4}-03-31",
                "现行有效",
                "否",
                f"第一条 为规范第{i + 1}类经营活动，制定本规定。\n第二条 本规定自公布之日起施行。",
            ]
        )
    return rows


def test_import_of_a_1000_row_catalogue(world, team):
    result = catalogue_import(actor=team.supervisor, source=catalogue(1000))
    assert result.ok, result.errors[:3]
    assert result.saved == 1000
    assert NormativeDocument.objects.filter(imported=True, status=S.IN_FORCE).count() == 1000
    assert (
        NormativeDocument.objects.filter(doc_number="东市监规〔2021〕1号").get().versions.count()
        == 1
    )


def test_import_reports_duplicates_and_bad_cells_by_row_and_column_and_writes_nothing(world, team):
    rows = catalogue(1000)
    rows[500][1] = rows[2][1]  # duplicate 文号 of row 3
    rows[700][4] = "2024-13-45"  # bad date
    rows[800][2] = "不存在的单位"
    make_document(world.market_a, status=S.PUBLISHED, doc_number=rows[900][1])
    result = catalogue_import(actor=team.supervisor, source=rows)
    messages = {str(e) for e in result.errors}
    assert not result.ok and result.saved == 0
    assert any("第 701 行“公布日期”列" in m for m in messages)
    assert NormativeDocument.objects.filter(imported=True).count() == 0
    # the parse error is reported first; fix it and the semantic errors come out by row
    rows[700][4] = "2024-03-01"
    result = catalogue_import(actor=team.supervisor, source=rows)
    messages = {str(e) for e in result.errors}
    assert "第 501 行“文号”列：与第 3 行文号重复" in messages
    assert any(m.startswith("第 801 行“制定机关”列") for m in messages)
    assert any(m.startswith("第 901 行“文号”列：文号") and "已存在" in m for m in messages)
    assert NormativeDocument.objects.filter(imported=True).count() == 0


def test_sibling_cannot_import_into_another_unit(world, clerk_b):
    result = catalogue_import(actor=clerk_b, source=catalogue(3))
    assert not result.ok and NormativeDocument.objects.count() == 0


def test_expiry_job_expires_and_reminds_once(world, team):
    # given a document expiring on 2026-06-30 and one expiring in 4 months
    old = make_document(
        world.market_a, status=S.IN_FORCE, expires_on=dt.date(2026, 6, 30), owner=team.clerk
    )
    soon = make_document(
        world.market_a, status=S.IN_FORCE, expires_on=dt.date(2026, 11, 30), owner=team.clerk
    )
    # when the job runs on 2026-06-30 (still valid that day), then 07-01, then again
    assert services.validity_sweep(on=dt.date(2026, 6, 30)) == {"expired": 0, "reminded": 2}
    assert services.validity_sweep(on=dt.date(2026, 7, 1)) == {"expired": 1, "reminded": 0}
    assert services.validity_sweep(on=dt.date(2026, 7, 1)) == {"expired": 0, "reminded": 0}
    old.refresh_from_db()
    soon.refresh_from_db()
    assert old.status == S.EXPIRED and old.ended_on == dt.date(2026, 7, 1)
    assert soon.status == S.IN_FORCE and soon.evaluation_reminded_on == dt.date(2026, 6, 30)
    assert Notification.objects.filter(recipient=team.clerk).count() == 2


def test_amendment_chain_ends_the_old_document_on_publication(world, team):
    from fazhi.normdocs.tests.conftest import to_published

    old = to_published(world, team)
    new = services.document_amend_start(actor=team.clerk, doc=old)
    assert new.supersedes == old and new.relation == "amend" and new.body_text == old.body_text
    services.version_add(
        actor=team.clerk, doc=new, text=old.body_text.replace("当场", "在一个工作日内")
    )
    services.document_update(
        actor=team.clerk, doc=new, effective_on=dt.date(2026, 7, 1), expires_on=dt.date(2031, 6, 30)
    )
    to_published(world, team, doc=new)
    old.refresh_from_db()
    assert old.status == S.AMENDED and old.repealed_by == new


def test_cleanup_campaign_repeals_on_publication(world, team):
    doc = make_document(world.market_a, status=S.IN_FORCE)
    campaign = services.campaign_create(
        actor=team.supervisor,
        org_unit=world.district_a,
        title="2026年清理",
        deadline=dt.date(2099, 1, 1),
    )
    services.campaign_add_documents(actor=team.supervisor, campaign=campaign, documents=[doc])
    with pytest.raises(DomainError, match="未确定清理结果"):
        services.campaign_publish(actor=team.supervisor, campaign=campaign)
    item = campaign.items.get()
    services.cleanup_item_decide(
        actor=team.clerk, item=item, outcome="repeal", reason="上位法已修改"
    )
    services.campaign_publish(actor=team.supervisor, campaign=campaign)
    doc.refresh_from_db()
    assert doc.status == S.REPEALED


def test_review_suggestion_submit_and_track(world, team):
    draft = make_document(world.market_a)
    with pytest.raises(DomainError, match="已公布"):
        services.review_suggestion_submit(
            document=draft, name="张三", contact="138", content="第三条违法设定许可"
        )
    doc = make_document(world.market_a, status=S.PUBLISHED)
    item = services.review_suggestion_submit(
        document=doc.pk, name="张三", contact="138", content="第三条违法设定许可，请予审查"
    )
    tracked = review_suggestion_track(item.tracking_code.lower())
    assert tracked.status == "已收到" and tracked.reply == ""
    services.review_suggestion_handle(
        actor=team.supervisor,
        suggestion=item,
        status="replied",
        handling_notes="内部",
        reply="经审查，第三条已责令修改",
    )
    tracked = review_suggestion_track(item.tracking_code)
    assert tracked.reply == "经审查，第三条已责令修改"
    assert review_suggestion_track("NOPE") is None
    assert ReviewSuggestion.objects.count() == 1
