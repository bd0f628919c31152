"""Background task: the worker applies queued index changes (one writer)."""

from django_tasks import task


@task()
def apply_pending_task() -> str:
    """Apply the search outbox to the index."""
    from .services import apply_pending

    result = apply_pending()
    return f"indexed {result.indexed}, dropped {result.dropped}"
