from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese full-text search (Tantivy over CJK bigrams), shared by every module."""

    name = "fazhi.search"
    label = "search"
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.clocks import schedule

        from . import nav, permissions  # noqa: F401  (registers permission and menu entry)
        from .services import apply_pending

        # the outbox is normally applied right after each commit; this catches up after a crash
        schedule.every("search.apply", apply_pending, seconds=30)
