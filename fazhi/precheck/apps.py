from django.apps import AppConfig


class PrecheckConfig(AppConfig):
    """Legality pre-check of draft text against the 严禁 list (合法性预审)."""

    name = "fazhi.precheck"
    label = "precheck"
    verbose_name = "合法性预审"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import nav, permissions  # noqa: F401  (registers permissions and menu entries)
