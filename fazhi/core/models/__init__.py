"""Core models. Each concern has its own module; this package re-exports them."""

from .audit import AuditCheckpoint, AuditEntry
from .notifications import Notification
from .numbering import NumberSequence
from .org import OrgUnit
from .tokens import ApiToken
from .users import RoleGrant, User

__all__ = [
    "ApiToken",
    "AuditCheckpoint",
    "AuditEntry",
    "Notification",
    "NumberSequence",
    "OrgUnit",
    "RoleGrant",
    "User",
]
