from django.apps import AppConfig


class FilesConfig(AppConfig):
    """Content-addressed attachments (附件) with integrity hashes."""

    name = "fazhi.files"
    label = "files"
    verbose_name = "附件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import nav, permissions, registry  # noqa: F401  (permissions and menu entries)

        registry.discover()  # each app's attachments.py registers the records that own files
