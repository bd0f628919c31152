from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Case-file evaluation (案卷评查): rubrics, sampling, scoring, rectification."""

    name = "fazhi.evaluation"
    label = "evaluation"
    verbose_name = "案卷评查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import nav, permissions  # noqa: F401  (registers permissions and menu entries)
