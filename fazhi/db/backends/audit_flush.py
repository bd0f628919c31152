"""Test-only database wrappers: the test runner's flush may empty the append-only audit table.

The application never flushes; the audit triggers stay in force for every other statement.
"""

from collections.abc import Callable
from typing import Any


def flush_with_triggers_lifted(
    *, connection: Any, statements: list[str], run: Callable[[list[str]], None]
) -> None:
    """Drop the audit triggers, run the flush statements and recreate the triggers."""
    from fazhi.core.audit_triggers import create_sql, drop_sql

    vendor = connection.vendor
    with connection.cursor() as cursor:
        for sql in drop_sql(vendor):
            cursor.execute(sql)
    try:
        run(statements)
    finally:
        with connection.cursor() as cursor:
            for sql in create_sql(vendor):
                cursor.execute(sql)
