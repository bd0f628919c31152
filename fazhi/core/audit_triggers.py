"""SQL for the triggers that make the audit tables append-only, per database vendor.

Used by the test-only database wrappers (fazhi/db/backends) to lift the guard for the test
runner's table flush; the migrations inline the same statements.
"""

MESSAGE = "审计日志只能追加，不能修改或删除"
GUARDED = {"core_auditentry": "audit", "core_auditcheckpoint": "checkpoint"}


def create_sql(vendor: str) -> list[str]:
    """Statements that install the guard triggers."""
    statements: list[str] = []
    if vendor == "postgresql":
        statements.append(
            f"""CREATE OR REPLACE FUNCTION fazhi_audit_immutable() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql"""
        )
    for table, name in GUARDED.items():
        if vendor == "postgresql":
            statements += [
                f"""CREATE TRIGGER fazhi_{name}_no_update BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION fazhi_audit_immutable()""",
                f"""CREATE TRIGGER fazhi_{name}_no_truncate BEFORE TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION fazhi_audit_immutable()""",
            ]
        elif vendor == "sqlite":
            statements += [
                f"""CREATE TRIGGER fazhi_{name}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
                f"""CREATE TRIGGER fazhi_{name}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            ]
    return statements


def drop_sql(vendor: str) -> list[str]:
    """Statements that remove the guard triggers (test flush and migration reversal only)."""
    statements: list[str] = []
    for table, name in GUARDED.items():
        if vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS fazhi_{name}_no_update ON {table}",
                f"DROP TRIGGER IF EXISTS fazhi_{name}_no_truncate ON {table}",
            ]
        elif vendor == "sqlite":
            statements += [
                f"DROP TRIGGER IF EXISTS fazhi_{name}_no_update",
                f"DROP TRIGGER IF EXISTS fazhi_{name}_no_delete",
            ]
    return statements
