"""SQLite backend whose test flush lifts the audit triggers (tests only)."""

from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3.operations import DatabaseOperations as BaseOperations

from fazhi.db.backends.audit_flush import flush_with_triggers_lifted


class DatabaseOperations(BaseOperations):
    """Operations with a trigger-aware flush."""

    def execute_sql_flush(self, sql_list):  # type: ignore[no-untyped-def]
        flush_with_triggers_lifted(
            connection=self.connection, statements=sql_list, run=super().execute_sql_flush
        )


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite wrapper used by the test settings."""

    ops_class = DatabaseOperations
