from django.db import migrations

IMMUTABLE = r"""
CREATE OR REPLACE FUNCTION cairn_publishing_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'A published version never changes: % of version % of publication % is refused',
      TG_OP, OLD.number, OLD.publication_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER publication_version_published_never_changes
  BEFORE UPDATE OR DELETE ON publishing_publicationversion
  FOR EACH ROW EXECUTE FUNCTION cairn_publishing_refuse_published_change();

CREATE OR REPLACE FUNCTION cairn_publishing_refuse_published_document_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM publishing_publicationversion v
             WHERE v.id = OLD.version_id AND v.status = 'published') THEN
    RAISE EXCEPTION 'The document of a published version never changes: % is refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER version_document_published_never_changes
  BEFORE UPDATE OR DELETE ON publishing_versiondocument
  FOR EACH ROW EXECUTE FUNCTION cairn_publishing_refuse_published_document_change();

CREATE OR REPLACE FUNCTION cairn_publishing_refuse_scan_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Redaction checks are kept: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER gate_scan_append_only
  BEFORE UPDATE OR DELETE ON publishing_gatescan
  FOR EACH ROW EXECUTE FUNCTION cairn_publishing_refuse_scan_change();

-- A hit changes once, when it is justified; what was found never changes and is never removed.
CREATE OR REPLACE FUNCTION cairn_publishing_refuse_hit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.justified_at IS NOT NULL
     OR (to_jsonb(NEW) - ARRAY['justified_by_id', 'justified_at', 'justification', 'carried_from_id'])
        IS DISTINCT FROM
        (to_jsonb(OLD) - ARRAY['justified_by_id', 'justified_at', 'justification', 'carried_from_id'])
  THEN
    RAISE EXCEPTION 'A redaction hit is kept as found and justified once: % is refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER gate_hit_kept
  BEFORE UPDATE OR DELETE ON publishing_gatehit
  FOR EACH ROW EXECUTE FUNCTION cairn_publishing_refuse_hit_change();
"""

REMOVE = """
DROP TRIGGER IF EXISTS publication_version_published_never_changes ON publishing_publicationversion;
DROP TRIGGER IF EXISTS version_document_published_never_changes ON publishing_versiondocument;
DROP TRIGGER IF EXISTS gate_scan_append_only ON publishing_gatescan;
DROP TRIGGER IF EXISTS gate_hit_kept ON publishing_gatehit;
DROP FUNCTION IF EXISTS cairn_publishing_refuse_published_change();
DROP FUNCTION IF EXISTS cairn_publishing_refuse_published_document_change();
DROP FUNCTION IF EXISTS cairn_publishing_refuse_scan_change();
DROP FUNCTION IF EXISTS cairn_publishing_refuse_hit_change();
"""


class Migration(migrations.Migration):
    """The database refuses any change to a published version (and its document), and keeps
    every redaction check and what it found."""

    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunSQL(IMMUTABLE, REMOVE)]
