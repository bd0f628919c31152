"""Background tasks of the clocks app."""

from django_tasks import task


@task()
def run_scheduled_job(*, name: str) -> str:
    """Run one registered daily job by name (idempotent jobs only)."""
    from .schedule import JOBS, PERIODIC

    job = JOBS.get(name) or PERIODIC.get(name)
    if job is None:
        return f"unknown job {name}"
    result = job.func()
    return str(result)
