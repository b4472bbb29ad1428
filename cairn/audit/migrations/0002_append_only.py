from django.db import migrations

APPEND_ONLY = r"""
CREATE OR REPLACE FUNCTION cairn_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Test databases are emptied between tests with TRUNCATE; nothing else may remove events.
  IF TG_OP = 'TRUNCATE' AND current_database() LIKE 'test\_%' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'The audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION cairn_audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION cairn_audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM PUBLIC;
"""

REMOVE = """
DROP TRIGGER IF EXISTS audit_event_no_update_or_delete ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS cairn_audit_refuse_change();
"""


class Migration(migrations.Migration):
    """The database itself refuses UPDATE, DELETE and TRUNCATE of audit events."""

    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunSQL(APPEND_ONLY, REMOVE)]
