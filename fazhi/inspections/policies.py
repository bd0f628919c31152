"""Who may do what to a random-inspection task (pure predicates, shared by services and views)."""

from __future__ import annotations

from typing import Any

from fazhi.core import access

from .models import DrawnObject, InspectionTask
from .permissions import RECORD_RESULTS


def is_drawn_inspector(user: Any, drawn: DrawnObject) -> bool:
    """Whether the user's officer record is one of the inspectors drawn for this entity."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return drawn.inspectors.filter(user_id=user.pk).exists()


def can_record_result(user: Any, drawn: DrawnObject, task: InspectionTask) -> bool:
    """Results are entered over the task's unit (clerks, officers there) or by the drawn inspectors.

    The inspectors are drawn from the unit and its subunits, so an officer of the brigade under the
    department enters the result for the entities he was drawn to inspect, and no others.
    """
    if access.can_reach_unit(user, RECORD_RESULTS, task.org_unit):
        return True
    return access.has_perm(user, RECORD_RESULTS) and is_drawn_inspector(user, drawn)
