from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Org units, people, roles and scopes, audit chain, identifiers, numbering, inbox."""

    name = "fazhi.core"
    label = "core"
    verbose_name = "平台底座"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, nav, permissions  # noqa: F401  (registers checks, menu, permissions)
