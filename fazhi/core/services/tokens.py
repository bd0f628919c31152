"""API tokens: created once (the plain value is shown only then), revoked, never stored in clear."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.models import ApiToken, User


def token_digest(raw: str) -> str:
    """SHA-256 of a token value."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, actor: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `actor`; returns it and the plain value (shown once)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写令牌用途", field="name")
    raw = "fz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name[:100], digest=token_digest(raw), prefix=raw[:8], expires_at=expires_at
    )
    audit.record(
        actor=actor, verb="core.token_create", target=token, changes={"name": [None, token.name]}
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token immediately."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor, verb="core.token_revoke", target=token, changes={"revoked": [False, True]}
        )
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user behind a valid, unrevoked, unexpired token."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= timezone.now()):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
