"""Make the audit table append-only with database triggers (PostgreSQL and SQLite)."""

from django.db import migrations

TABLE = "core_auditentry"
MESSAGE = "审计日志只能追加，不能修改或删除"


def create(apps, schema_editor):
    # Inlined (not imported from app code) so the migration stays valid if the app changes.
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [
            f"""CREATE OR REPLACE FUNCTION fazhi_audit_immutable() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER fazhi_audit_no_update BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION fazhi_audit_immutable()""",
            f"""CREATE TRIGGER fazhi_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION fazhi_audit_immutable()""",
        ]
    elif vendor == "sqlite":
        statements = [
            f"""CREATE TRIGGER fazhi_audit_no_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER fazhi_audit_no_delete BEFORE DELETE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        ]
    else:
        statements = []
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS fazhi_audit_no_update ON {TABLE}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS fazhi_audit_no_truncate ON {TABLE}")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS fazhi_audit_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS fazhi_audit_no_delete")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial_org_users_audit")]
    operations = [migrations.RunPython(create, drop)]
