"""Bearer-token authentication for the REST API."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from .services.tokens import token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fz_…`; the request acts as the token's user, with that user's scopes."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user
