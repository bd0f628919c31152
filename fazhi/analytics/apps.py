from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Supervision analytics: rollups, dashboards and anomaly flags."""

    name = "fazhi.analytics"
    label = "analytics"
    verbose_name = "执法监督分析"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.clocks import schedule

        from . import conf, nav, permissions  # noqa: F401  (registers permissions and menu entries)
        from .tasks import refresh_rollups

        # incremental every REFRESH_SECONDS; the first run of each day rebuilds everything
        schedule.every("analytics.refresh", refresh_rollups, seconds=conf.get("REFRESH_SECONDS"))
