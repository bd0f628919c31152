"""The one visibility rule, and the permission registry.

A permission is granted through a role; every role grant covers a unit (optionally with its
subtree). A record is visible to a user when the user holds the permission through a grant whose
scope covers the record's unit. Anything outside that is 404 — never 403 — and never appears in
a list, count, export, search hit or API response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from .models import OrgUnit, RoleGrant, User
from .models.org import path_upper_bound

R = RoleGrant.Role
AUTHENTICATED = "authenticated"  # any signed-in user (inbox, own profile)
PUBLIC = "public"  # portal pages, no login

PERMISSIONS: dict[str, str] = {}
ROLE_PERMISSIONS: dict[str, set[str]] = {role.value: set() for role in R}
# 三员分立: these roles never receive business permissions.
ADMIN_ROLES = {R.SYSTEM_ADMIN.value, R.SECURITY_ADMIN.value, R.AUDIT_ADMIN.value}


def register(code: str, label: str, roles: Iterable[str]) -> str:
    """Declare a permission and the roles that carry it (called at import by each app)."""
    PERMISSIONS[code] = label
    for role in roles:
        ROLE_PERMISSIONS[str(role)].add(code)
    return code


@dataclass(frozen=True)
class Scope:
    """One unit a permission reaches, with or without its subtree."""

    unit_id: int
    path: str
    subtree: bool

    def covers(self, path: str) -> bool:
        """Whether a unit with `path` lies in this scope."""
        if self.subtree:
            return path.startswith(self.path)
        return path == self.path


def _grants(user: Any) -> list[tuple[str, Scope]]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_fazhi_grants", None)
    if cached is None:
        cached = [
            (g.role, Scope(g.unit_id, g.unit.path, g.include_subtree))
            for g in RoleGrant.objects.filter(user=user, unit__active=True).select_related("unit")
        ]
        user._fazhi_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    """Drop the per-request grant cache after grants change."""
    if hasattr(user, "_fazhi_grants"):
        del user._fazhi_grants


def roles_of(user: Any) -> set[str]:
    """The role codes the user holds anywhere."""
    return {role for role, _ in _grants(user)}


def has_perm(user: Any, perm: str) -> bool:
    """Whether the user holds `perm` over any scope."""
    if perm == PUBLIC:
        return True
    if perm == AUTHENTICATED:
        return bool(getattr(user, "is_authenticated", False) and user.is_active)
    return any(perm in ROLE_PERMISSIONS.get(role, ()) for role, _ in _grants(user))


def scopes(user: Any, perm: str) -> list[Scope]:
    """Every scope over which the user holds `perm`."""
    return [scope for role, scope in _grants(user) if perm in ROLE_PERMISSIONS.get(role, ())]


def has_root_scope(user: Any, perm: str) -> bool:
    """Whether the user holds `perm` over a whole tree (a root unit with its subtree).

    Jurisdiction-wide data that belongs to no unit (the working-day calendar) is managed only there.
    """
    from .models.org import PATH_SEGMENT_WIDTH

    return any(s.subtree and len(s.path) == PATH_SEGMENT_WIDTH for s in scopes(user, perm))


def can_reach_unit(user: Any, perm: str, unit: Any) -> bool:
    """Whether `perm` reaches the given OrgUnit."""
    return any(scope.covers(unit.path) for scope in scopes(user, perm))


def _units_q(found: list[Scope]) -> Q:
    """Q over OrgUnit rows covered by the scopes (subtrees as path ranges, single units by pk)."""
    q = Q(pk__in=[s.unit_id for s in found if not s.subtree])
    for scope in (s for s in found if s.subtree):
        q |= Q(path__gte=scope.path, path__lt=path_upper_bound(scope.path))
    return q


def scope_q(user: Any, perm: str, field: str = "org_unit") -> Q | None:
    """A Q restricting `field` (a FK to OrgUnit, or "self" for OrgUnit itself) to the user's scopes.

    None means the user has no scope at all (the queryset must be empty). Records are matched with
    `field IN (SELECT id FROM org units in scope)`: measured at 100k units / 1M records this keeps
    users with several grants as fast as users with one (an OR of joined path ranges was 14× slower).
    """
    found = scopes(user, perm)
    if not found:
        return None
    units = _units_q(found)
    if field == "self":
        return units
    if all(not s.subtree for s in found):
        return Q(**{f"{field}_id__in": [s.unit_id for s in found]})
    return Q(**{f"{field}__in": OrgUnit.objects.filter(units).values("pk")})


M = TypeVar("M", bound=Model)


def visible(qs: QuerySet[M], user: Any, perm: str, field: str = "org_unit") -> QuerySet[M]:
    """Restrict a queryset to the records the user may see with `perm` (the one visibility rule)."""
    q = scope_q(user, perm, field)
    return qs.none() if q is None else qs.filter(q)


def get_visible(qs: QuerySet[M], user: Any, perm: str, field: str = "org_unit", **lookup: Any) -> M:
    """One visible record, or Http404 whether it is missing or out of scope."""
    try:
        return visible(qs, user, perm, field).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或无权查看") from exc


V = TypeVar("V", bound=Callable[..., HttpResponse])


def requires(perm: str) -> Callable[[V], V]:
    """Declare and enforce the permission a view needs; without it the answer is 404."""

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_perm(request.user, perm):
                raise Http404("页面不存在")
            return view(request, *args, **kwargs)

        wrapper.required_permission = perm  # type: ignore[attr-defined]
        if perm == PUBLIC:
            return login_not_required(wrapper)  # type: ignore[return-value]
        return wrapper  # type: ignore[return-value]

    return decorate


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a view guarded by `requires` (never anonymous there)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404("页面不存在")
    return user


def user_label(user: User) -> str:
    """Name and unit, for lists."""
    return f"{user.full_name}（{user.org_unit}）" if user.org_unit_id else user.full_name
