from django.apps import AppConfig


class ClocksConfig(AppConfig):
    """Working-day calendar, statutory clocks (法定期限), the daily sweep and the job scheduler."""

    name = "fazhi.clocks"
    label = "clocks"
    verbose_name = "法定期限"

    def ready(self) -> None:
        from fazhi.core import audit

        from . import conf, nav, permissions, schedule  # noqa: F401  (registers perms and menu)
        from .services.sweep import clock_sweep

        schedule.register("clocks.sweep", clock_sweep, hour=conf.sweep_hour())
        schedule.register("core.audit_checkpoint", audit.checkpoint_recent, hour=0)
