"""Who may do what to a normative document: pure predicates shared by services, views, templates."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from fazhi.core import access
from fazhi.normdocs import permissions as P
from fazhi.normdocs.models import Filing, NormativeDocument


def _reaches(user: Any, perm: str, doc: NormativeDocument) -> bool:
    return access.can_reach_unit(user, perm, doc.org_unit) or (
        doc.drafting_unit_id != doc.org_unit_id
        and access.can_reach_unit(user, perm, doc.drafting_unit)
    )


# action → (permission, reached on the issuer or drafting unit)
ACTION_PERMS: dict[str, str] = {
    "edit": P.DRAFT,
    "evaluate": P.DRAFT,
    "comment": P.DRAFT,
    "fair_review": P.DRAFT,
    "dept_precheck": P.REVIEW,
    "submit_review": P.DRAFT,
    "review": P.REVIEW,
    "confirm_changes": P.DRAFT,
    "deliberate": P.APPROVE,
    "sign": P.APPROVE,
    "register": P.REGISTER,
    "publish": P.REGISTER,
    "file": P.DRAFT,
    "amend": P.DRAFT,
    "repeal": P.APPROVE,
    "correction_report": P.DRAFT,
    "suggestion": P.SUPERVISE,
}


def can(user: Any, action: str, doc: NormativeDocument) -> bool:
    """Whether `user` may perform `action` on `doc`."""
    perm = ACTION_PERMS.get(action)
    return perm is not None and _reaches(user, perm, doc)


def can_handle_filing(user: Any, filing: Filing) -> bool:
    """The filing body's reviewers register and review what is filed to them."""
    return access.can_reach_unit(user, P.FILE_REVIEW, filing.filed_to)


def ensure_can(user: Any, action: str, doc: NormativeDocument) -> None:
    """Out-of-reach is indistinguishable from missing: 404."""
    if not can(user, action, doc):
        raise Http404("记录不存在或无权操作")


def allowed_actions(user: Any, doc: NormativeDocument) -> set[str]:
    """Every action the user could perform on `doc` by permission (state gates apart)."""
    return {action for action in ACTION_PERMS if can(user, action, doc)}
