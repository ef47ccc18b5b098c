"""On PostgreSQL, the database itself refuses to change or delete an audit event (row by row; a whole
table TRUNCATE, as a restore or a test database reset does, is left to the owner of the database)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION ttct_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused on core_auditevent', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ttct_audit_append_only ON core_auditevent;
CREATE TRIGGER ttct_audit_append_only BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION ttct_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS ttct_audit_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS ttct_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
