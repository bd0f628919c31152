from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Supervision analytics: rollups, dashboards and anomaly flags."""

    name = "fazhi.analytics"
    label = "analytics"
    verbose_name = "执法监督分析"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.clocks import schedule

        from . import nav, permissions  # noqa: F401  (registers permissions and menu entries)
        from .tasks import daily_rebuild

        # Nightly full rebuild (re-evaluates date-dependent measures, restarts the minute chain).
        schedule.register("analytics.rollups", daily_rebuild, hour=0)
