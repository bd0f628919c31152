from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    """Enforcement supervision (行政执法监督): subjects, officers, power lists, benchmarks, cases."""

    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法监督"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core.services.numbering import NUMBER_KINDS

        from . import indexing, nav, permissions  # noqa: F401  (permissions, menu, search index)

        # case numbers: 东市监罚〔2024〕12号 / 东市监检〔2024〕3号
        NUMBER_KINDS.setdefault("enforcement_penalty", "罚")
        NUMBER_KINDS.setdefault("enforcement_inspection", "检")
