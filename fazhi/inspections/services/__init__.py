"""Write path of the random-inspection app: every change goes through these services (audited)."""

from .registers import (
    item_create,
    object_import,
    object_save,
    recusal_add,
    recusal_remove,
)
from .results import result_record
from .tasks import task_cancel, task_commit_seed, task_create, task_draw, task_publish

__all__ = [
    "item_create",
    "object_import",
    "object_save",
    "recusal_add",
    "recusal_remove",
    "result_record",
    "task_cancel",
    "task_commit_seed",
    "task_create",
    "task_draw",
    "task_publish",
]
