from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese full-text search (Tantivy over CJK bigrams), shared by every module."""

    name = "fazhi.search"
    label = "search"
    verbose_name = "全文检索"
