"""REST API: scoped task list and detail; the draw file withholds the nonce until publication."""

from __future__ import annotations

from fazhi.core.services.tokens import token_create
from fazhi.core.testing import make_user

from .conftest import R
from .test_portal import publish
from .test_tasks import drawn


def _headers(user):
    _, raw = token_create(actor=user, name="api")
    return {"Authorization": f"Bearer {raw}"}


def test_owner_reads_tasks_and_the_file_reveals_the_nonce_only_when_published(client, bureau):
    task = drawn(bureau)
    headers = _headers(bureau.clerk)
    listing = client.get("/api/inspections/tasks", headers=headers).json()
    assert [t["id"] for t in listing] == [task.pk]
    detail = client.get(f"/api/inspections/tasks/{task.pk}", headers=headers).json()
    assert len(detail["drawn"]) == task.drawn.count()
    assert all(len(row["inspectors"]) >= 2 for row in detail["drawn"])
    document = client.get(f"/api/inspections/tasks/{task.pk}/draw", headers=headers).json()
    assert document["commitment"] == task.commitment and "draw" not in document
    publish(bureau, task)
    document = client.get(f"/api/inspections/tasks/{task.pk}/draw", headers=headers).json()
    assert document["draw"]["nonce"] == task.nonce


def test_sibling_token_sees_nothing(client, world, bureau):
    task = drawn(bureau)
    headers = _headers(make_user(world.market_b, R.CLERK))
    assert client.get("/api/inspections/tasks", headers=headers).json() == []
    assert client.get(f"/api/inspections/tasks/{task.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/inspections/tasks/{task.pk}/draw", headers=headers).status_code == 404
