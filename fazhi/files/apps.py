from django.apps import AppConfig


class FilesConfig(AppConfig):
    """Content-addressed attachments (附件) with integrity hashes."""

    name = "fazhi.files"
    label = "files"
    verbose_name = "附件"
