from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """Random inspections (双随机、一公开) with verifiable draws."""

    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "双随机一公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core.services.numbering import NUMBER_KINDS

        from . import nav, permissions  # noqa: F401  (registers permissions and menu entries)

        # task numbers: 东市监抽〔2026〕3号
        NUMBER_KINDS.setdefault("inspection_task", "抽")
