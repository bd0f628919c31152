"""Core API: the caller's identity, and the org units within its scope."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from . import access, selectors
from .access import staff_user
from .permissions import VIEW_ORG

router = Router(tags=["平台底座"])
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


def page_bounds(*, limit: int, offset: int) -> tuple[int, int]:
    """Clamp API paging parameters to sane bounds (start, stop)."""
    start = max(0, min(offset, MAX_OFFSET))
    return start, start + max(1, min(limit, MAX_LIMIT))


class MeOut(Schema):
    """The token's user."""

    username: str
    full_name: str
    org_unit_id: int | None
    roles: list[str]


class UnitOut(Schema):
    """An org unit."""

    id: int
    name: str
    short_name: str
    kind: str
    level: str
    uscc: str
    division_code: str
    parent_id: int | None
    active: bool


@router.get("/me", response=MeOut, summary="当前令牌对应的用户")
def me(request: HttpRequest) -> MeOut:
    user = staff_user(request)
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        org_unit_id=user.org_unit_id,
        roles=sorted(access.roles_of(user)),
    )


@router.get("/units", response=list[UnitOut], summary="授权范围内的组织机构")
def units(request: HttpRequest, q: str = "", limit: int = 100, offset: int = 0) -> list[UnitOut]:
    start, stop = page_bounds(limit=limit, offset=offset)
    qs = selectors.unit_list_visible_to(user=request.user, perm=VIEW_ORG, q=q)
    return list(qs[start:stop])  # type: ignore[arg-type]


@router.get("/units/{unit_id}", response=UnitOut, summary="组织机构详情")
def unit_detail(request: HttpRequest, unit_id: int) -> UnitOut:
    return selectors.unit_get_visible(user=request.user, perm=VIEW_ORG, pk=unit_id)  # type: ignore[return-value]
