from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Supervision analytics: rollups, dashboards and anomaly flags."""

    name = "fazhi.analytics"
    label = "analytics"
    verbose_name = "执法监督分析"
