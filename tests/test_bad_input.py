"""No input makes the platform answer 500: junk is posted to every URL and API operation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.api import api
from fazhi.core.models import AuditEntry, RoleGrant
from fazhi.core.services.tokens import token_create
from fazhi.core.testing import make_user

from .scoping import API_SAMPLES, URL_SAMPLES, build_owned
from .test_scoping import ALL

JUNK_VALUES = [
    "",
    "　",
    "x" * 5000,
    "-1",
    "99999999999999999999999",
    "2024-02-30",
    "1e309",
    "\x00",
    "<script>",
    "' OR 1=1 --",
    "NaN",
    "９９",
    "../../etc/passwd",
]
JUNK_KEYS = [
    "q",
    "page",
    "sort",
    "pk",
    "name",
    "kind",
    "level",
    "uscc",
    "division_code",
    "parent",
    "role",
    "unit",
    "username",
    "password",
    "date_from",
    "date_to",
    "start",
    "rule",
    "year",
    "file",
    "status",
    "export",
    "expires_on",
    "include_subtree",
    "org_unit",
    "full_name",
    "active",
    "verb",
    "format",
    "limit",
    "offset",
]


def _payloads():
    for value in JUNK_VALUES:
        yield dict.fromkeys(JUNK_KEYS, value)


@pytest.fixture
def owned(world):
    return build_owned(world)


@pytest.mark.parametrize(
    "role",
    [
        RoleGrant.Role.SYSTEM_ADMIN,
        RoleGrant.Role.CLERK,
        RoleGrant.Role.AUDIT_ADMIN,
        RoleGrant.Role.SECURITY_ADMIN,
        RoleGrant.Role.SUPERVISOR,
    ],
)
def test_junk_never_causes_a_server_error(owned, client, role):
    # given a user of district A (so record URLs resolve to real, visible records)
    user = make_user(owned.world.district_a, role, subtree=True)
    client.force_login(user)
    for name, pattern in ALL:
        if name in ("core:logout",):
            continue
        kwargs = URL_SAMPLES[name](owned) if pattern.pattern.converters else {}
        url = reverse(name, kwargs=kwargs)
        for payload in _payloads():
            for response in (client.get(url, payload), client.post(url, payload)):
                assert response.status_code < 500, (
                    f"{role} {url} {payload['q'][:20]!r}: {response.status_code}"
                )
        client.force_login(user)  # some pages (password change) may have altered the session


def test_junk_to_the_api_never_causes_a_server_error(owned, client):
    user = make_user(owned.world.district_a, RoleGrant.Role.SYSTEM_ADMIN, subtree=True)
    _, raw = token_create(actor=user, name="junk")
    headers = {"Authorization": f"Bearer {raw}"}
    for path, operations in api.get_openapi_schema()["paths"].items():
        url = path
        if "{" in path:
            for key, value in API_SAMPLES[path](owned).items():
                url = url.replace("{" + key + "}", str(value))
        for method in operations:
            for payload in _payloads():
                call = getattr(client, method)
                if method == "get":
                    response = call(url, payload, headers=headers)
                else:
                    response = call(url, payload, content_type="application/json", headers=headers)
                    assert response.status_code < 500, f"{method} {url}: {response.status_code}"
                    response = call(
                        url, "{not json", content_type="application/json", headers=headers
                    )
                assert response.status_code < 500, f"{method} {url}: {response.status_code}"


def test_rejected_form_writes_nothing(owned, client):
    admin = make_user(owned.world.city, RoleGrant.Role.SYSTEM_ADMIN, subtree=True)
    client.force_login(admin)
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("core:user-new"),
        {
            "username": "ok_name",
            "full_name": "张三",
            "org_unit": owned.world.market_a.pk,
            "password": "weak",
        },
    )
    assert response.status_code == 200
    assert "三类" in response.content.decode() or "8" in response.content.decode()
    assert AuditEntry.objects.count() == before
