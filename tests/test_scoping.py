"""The one visibility rule, proven over every staff URL and API path.

A user of a sibling unit — whatever role it holds — gets 404 for every record of district A, and
never sees district A's data in a list, count, export, search or API response.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, reverse

from fazhi import urls as root_urls
from fazhi.api import api
from fazhi.core.access import PUBLIC
from fazhi.core.models import AuditEntry, RoleGrant
from fazhi.core.services.tokens import token_create
from fazhi.core.testing import make_user

from .scoping import API_SAMPLES, MARKER, URL_SAMPLES, build_owned

ROLES = [r.value for r in RoleGrant.Role]


def iter_patterns(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> list[tuple[str, URLPattern]]:
    """(namespaced name, pattern) for every staff and portal URL (the API is checked separately)."""
    found: list[tuple[str, URLPattern]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("api/"):
                continue
            ns = p.namespace or namespace
            found += iter_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            found.append((f"{namespace}:{p.name}" if namespace else str(p.name), p))
    return found


ALL = iter_patterns(root_urls.urlpatterns)
STAFF = [(n, p) for n, p in ALL if getattr(p.callback, "required_permission", None) != PUBLIC]


def test_every_view_declares_a_permission():
    undeclared = [name for name, p in ALL if not hasattr(p.callback, "required_permission")]
    assert undeclared == []


def test_every_url_with_parameters_has_a_scoping_sample():
    missing = [name for name, p in STAFF if p.pattern.converters and name not in URL_SAMPLES]
    assert missing == []


def test_every_api_path_with_parameters_has_a_scoping_sample():
    paths = api.get_openapi_schema()["paths"]
    missing = [path for path in paths if "{" in path and path not in API_SAMPLES]
    assert missing == []


@pytest.fixture
def owned(world):
    return build_owned(world)


@pytest.mark.parametrize("role", ROLES)
def test_sibling_gets_404_for_every_record_url(owned, client, role):
    # given a user of the sibling district holding `role` over its whole subtree
    sibling = make_user(owned.world.district_b, role, subtree=True)
    client.force_login(sibling)
    audit_count = AuditEntry.objects.count()
    for name, pattern in STAFF:
        if not pattern.pattern.converters:
            continue
        url = reverse(name, kwargs=URL_SAMPLES[name](owned))
        # when it opens or posts to district A's record
        for method in (client.get, client.post):
            response = method(url)
            # then the answer is 404, as for a record that does not exist (a POST-only action
            # answers a GET with 405 whatever the record, which reveals nothing)
            allowed = {404, 405} if method == client.get else {404}
            assert response.status_code in allowed, (
                f"{role} {method.__name__.upper()} {url}: {response.status_code}"
            )
    # and nothing was written
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.parametrize("role", ROLES)
def test_sibling_lists_and_exports_never_show_district_a(owned, client, role):
    sibling = make_user(owned.world.district_b, role, subtree=True)
    client.force_login(sibling)
    for name, pattern in STAFF:
        if pattern.pattern.converters:
            continue
        url = reverse(name)
        for query in (
            "",
            "?q=甲区",
            "?q=保密",
            "?view=list",
            "?export=xlsx",
            "?view=list&q=保密&export=xlsx",
        ):
            response = client.get(url + query)
            assert response.status_code in (200, 302, 404, 405), (
                f"{role} {url}{query}: {response.status_code}"
            )
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert MARKER.encode() not in body, f"{role} sees district A's data at {url}{query}"
            assert "东湖区市场监督管理局".encode() not in body, (
                f"{role} sees district A's unit at {url}{query}"
            )


@pytest.mark.parametrize("role", ROLES)
def test_sibling_api_token_gets_404_and_empty_lists(owned, client, role):
    sibling = make_user(owned.world.district_b, role, subtree=True)
    _, raw = token_create(actor=sibling, name="probe")
    headers = {"Authorization": f"Bearer {raw}"}
    paths = api.get_openapi_schema()["paths"]
    for path, operations in paths.items():
        if "get" not in operations:
            continue
        if "{" in path:
            url = path
            for key, value in API_SAMPLES[path](owned).items():
                url = url.replace("{" + key + "}", str(value))
            response = client.get(url, headers=headers)
            assert response.status_code == 404, f"{role} GET {url}: {response.status_code}"
        else:
            response = client.get(path, {"q": "保密"}, headers=headers)
            assert response.status_code in (200, 400, 404), (
                f"{role} GET {path}: {response.status_code}"
            )
            assert MARKER.encode() not in response.content
            assert "东湖区市场监督管理局".encode() not in response.content


def test_owner_side_sees_its_records(owned, client):
    """Guard against a vacuous pass: the same URLs work for district A's own administrator."""
    admin_a = make_user(owned.world.district_a, RoleGrant.Role.SYSTEM_ADMIN, subtree=True)
    client.force_login(admin_a)
    assert (
        client.get(reverse("core:org-detail", kwargs={"pk": owned.world.market_a.pk})).status_code
        == 200
    )
    assert client.get(reverse("core:user-detail", kwargs={"pk": owned.user.pk})).status_code == 200
    assert MARKER.encode() in client.get(reverse("core:user-list") + "?q=" + MARKER).content


def test_api_requires_a_token(db, client):
    assert client.get("/api/core/me").status_code == 401
    assert (
        client.get("/api/core/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    )


def test_path_converters_are_ints_or_known():
    # Any new converter type needs thought about junk input (the junk test relies on int/str/slug).
    kinds = {type(c).__name__ for _, p in ALL for c in p.pattern.converters.values()}
    assert kinds <= {"IntConverter", "StringConverter", "SlugConverter", "PathConverter"}, kinds


_ = re
