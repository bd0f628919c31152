from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Case-file evaluation (案卷评查): rubrics, sampling, scoring, rectification."""

    name = "fazhi.evaluation"
    label = "evaluation"
    verbose_name = "案卷评查"
