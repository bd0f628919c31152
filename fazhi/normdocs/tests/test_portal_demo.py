"""The normdocs demo step loads documents in every state, and the portal search finds them."""

from __future__ import annotations

from collections import Counter

from fazhi.core import demo
from fazhi.normdocs.models import CleanupCampaign, NormativeDocument, ReviewSuggestion
from fazhi.normdocs.selectors import published_documents, published_versions
from fazhi.normdocs.selectors.public import public_status_code
from fazhi.search import services as search_index

S = NormativeDocument.Status


def test_demo_loads_every_state_and_the_portal_search_finds_the_documents(db, client):
    # given the whole demo, loaded as `fazhi demo load` does
    demo.build(seed=2026)
    # then the normative documents cover the lifecycle
    docs = NormativeDocument.objects.all()
    assert 50 <= docs.count() <= 70
    statuses = set(docs.values_list("status", flat=True))
    assert statuses >= {
        S.DRAFT,
        S.PUBLIC_COMMENT,
        S.LEGALITY_REVIEW,
        S.REVISE,
        S.REGISTERED,
        S.PUBLISHED,
        S.IN_FORCE,
        S.AMENDED,
        S.REPEALED,
        S.DECLARED_INVALID,
        S.EXPIRED,
    }
    public = Counter(public_status_code(d) for d in published_documents())
    assert set(public) == {"current", "pending", "amended", "repealed", "expired"}
    road = published_documents().filter(title="东湖区城市道路占用挖掘管理办法")
    latest = road.order_by("-published_on").first()
    assert [d.relation for d in published_versions(latest)] == ["enact", "amend", "amend"]
    assert CleanupCampaign.objects.get().status == CleanupCampaign.Status.PUBLISHED
    assert ReviewSuggestion.objects.filter(status="replied").count() == 1
    assert all(d.publication.interpretation_text for d in published_documents())
    # and after `fazhi search rebuild` the portal search finds them, drafts excluded
    search_index.rebuild()
    page = client.get("/normdocs/", {"q": "城市道路占用"})
    assert page.context["page"].total == 3
    assert client.get("/normdocs/", {"q": "征求意见稿"}).context["page"].total == 0
    cited = client.get("/normdocs/", {"q": "第3条"})
    assert cited.context["page"].total >= 30
    assert all(row.article is not None for row in cited.context["rows"])
