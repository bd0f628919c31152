from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """Random inspections (双随机、一公开) with verifiable draws."""

    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "双随机一公开"
