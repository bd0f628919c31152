from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public portal (公开): reads the apps' published_* selectors only."""

    name = "fazhi.portal"
    label = "portal"
    verbose_name = "公开门户"
