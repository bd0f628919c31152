from django.apps import AppConfig


class PrecheckConfig(AppConfig):
    """Legality pre-check of draft text against the 严禁 list (合法性预审)."""

    name = "fazhi.precheck"
    label = "precheck"
    verbose_name = "合法性预审"
