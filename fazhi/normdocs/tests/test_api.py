"""API: scoped list/detail and the publish-events feed."""

from fazhi.core.services.tokens import token_create
from fazhi.core.testing import ROLES, make_user
from fazhi.normdocs.tests.conftest import to_published


def test_events_feed_and_scoped_detail(client, world, team, clerk_b):
    doc = to_published(world, team)
    leader = make_user(world.district_a, ROLES.LEADER, subtree=True)
    _, raw = token_create(actor=leader, name="省平台")
    headers = {"Authorization": f"Bearer {raw}"}
    events = client.get("/api/normdocs/events?since=0", headers=headers).json()
    assert [e["kind"] for e in events] == ["publish"] and events[0]["doc_number"] == doc.doc_number
    assert client.get(f"/api/normdocs/events?since={events[0]['id']}", headers=headers).json() == []
    assert client.get(f"/api/normdocs/documents/{doc.pk}", headers=headers).json()["public_status"]
    _, raw_b = token_create(actor=clerk_b, name="乙")
    other = {"Authorization": f"Bearer {raw_b}"}
    assert client.get(f"/api/normdocs/documents/{doc.pk}", headers=other).status_code == 404
    assert client.get("/api/normdocs/events", headers=other).json() == []
