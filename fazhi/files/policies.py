"""Who may add and void attachments (pure predicates shared by views, API and templates)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from fazhi.core import access

from . import registry
from .models import Attachment
from .permissions import UPLOAD, VOID


def can_upload(user: Any, owner: Model) -> bool:
    """Registered owners only, by users holding the upload permission over the owner's unit."""
    spec = registry.spec_for(owner)
    if spec is None:
        return False
    return access.can_reach_unit(user, UPLOAD, spec.unit_of(owner))


def can_void(user: Any, attachment: Attachment) -> bool:
    """Users holding the void permission over the attachment's unit, while it is not yet void."""
    return not attachment.voided and access.can_reach_unit(user, VOID, attachment.org_unit)
