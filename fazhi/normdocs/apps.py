from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    """Administrative normative documents (行政规范性文件): lifecycle, filing review, validity, cleanup."""

    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.clocks import schedule

        from . import indexing, nav, permissions  # noqa: F401  (registers permissions, menu, index)
        from .services.validity import validity_sweep

        schedule.register("normdocs.validity", validity_sweep, hour=2)
