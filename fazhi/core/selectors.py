"""Core read path, always scoped to the viewer."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from . import access
from .models import AuditEntry, Notification, OrgUnit, RoleGrant, User
from .permissions import MANAGE_USERS, VIEW_AUDIT


def unit_list_visible_to(
    *, user: Any, perm: str, q: str = "", kind: str = "", include_inactive: bool = True
) -> QuerySet[OrgUnit]:
    """Units within the user's scopes for `perm`, in tree order."""
    qs = access.visible(OrgUnit.objects.all(), user, perm, field="self")
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(short_name__icontains=q)
            | Q(uscc__iexact=q)
            | Q(division_code=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if not include_inactive:
        qs = qs.filter(active=True)
    return qs.order_by("path")


def unit_get_visible(*, user: Any, perm: str, pk: Any) -> OrgUnit:
    """One unit within scope, else 404."""
    return access.get_visible(OrgUnit.objects.all(), user, perm, field="self", pk=pk)


def unit_children_visible(*, user: Any, perm: str, parent: OrgUnit | None) -> QuerySet[OrgUnit]:
    """Direct children (or roots) within scope, with child counts, for the lazy org tree."""
    qs = unit_list_visible_to(user=user, perm=perm)
    qs = qs.filter(parent=parent) if parent else qs.filter(depth=min(_min_depth(qs), 99))
    return qs.annotate(child_count=Count("children")).order_by("sort_order", "path")


def _min_depth(qs: QuerySet[OrgUnit]) -> int:
    first = qs.order_by("depth").values_list("depth", flat=True).first()
    return first if first is not None else 0


def user_list_visible_to(
    *, user: Any, q: str = "", unit: OrgUnit | None = None, role: str = "", active: str = ""
) -> QuerySet[User]:
    """Users whose unit lies in the administrator's scope."""
    qs = access.visible(User.objects.select_related("org_unit"), user, MANAGE_USERS)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q) | Q(phone__icontains=q))
    if unit is not None:
        qs = qs.filter(unit.subtree_q("org_unit__path"))
    if role:
        qs = qs.filter(grants__role=role).distinct()
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("org_unit__path", "username")


def user_get_visible(*, user: Any, pk: Any) -> User:
    """One user within the administrator's scope, else 404."""
    return access.get_visible(User.objects.select_related("org_unit"), user, MANAGE_USERS, pk=pk)


def grants_of(*, target: User) -> QuerySet[RoleGrant]:
    """A user's role grants."""
    return (
        RoleGrant.objects.filter(user=target).select_related("unit").order_by("role", "unit__path")
    )


def audit_list_visible_to(
    *,
    user: Any,
    verb: str = "",
    target_type: str = "",
    actor: str = "",
    date_from: Any = None,
    date_to: Any = None,
) -> QuerySet[AuditEntry]:
    """Audit entries of units in the audit administrator's scope (system entries included for
    administrators whose scope is a root unit)."""
    q = access.scope_q(user, VIEW_AUDIT, field="unit")
    if q is None:
        return AuditEntry.objects.none()
    roots = {s.unit_id for s in access.scopes(user, VIEW_AUDIT) if s.subtree and len(s.path) == 8}
    if roots:
        q |= Q(unit__isnull=True)
    qs = AuditEntry.objects.filter(q)
    if verb:
        qs = qs.filter(verb__startswith=verb)
    if target_type:
        qs = qs.filter(target_type=target_type)
    if actor:
        qs = qs.filter(actor_repr__icontains=actor)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-id")


def inbox_of(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")
