"""Indexes for person matching (cairn.people.matching).

``unaccent`` is only STABLE, so it cannot be used in an index: ``cairn_unaccent`` wraps it as
IMMUTABLE (with the dictionary named, so the result does not depend on ``search_path``). The
trigram (GIN, ``gin_trgm_ops``) and Double Metaphone indexes are built on
``cairn_unaccent(name)``, the same expression the matching query uses.
"""

import django.contrib.postgres.indexes
import django.db.models.functions
from django.db import migrations, models

import cairn.people.functions

CREATE_UNACCENT = """
DO $do$
DECLARE
    ext_schema text;
BEGIN
    SELECT n.nspname INTO STRICT ext_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    EXECUTE format(
        'CREATE OR REPLACE FUNCTION cairn_unaccent(text) RETURNS text '
        'LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT '
        'AS $f$ SELECT %1$I.unaccent(%2$L::regdictionary, $1) $f$',
        ext_schema, quote_ident(ext_schema) || '.unaccent'
    );
END
$do$;
"""
DROP_UNACCENT = "DROP FUNCTION IF EXISTS cairn_unaccent(text);"


def trigram(field, name):
    return django.contrib.postgres.indexes.GinIndex(
        django.contrib.postgres.indexes.OpClass(
            cairn.people.functions.Unaccented(field), name="gin_trgm_ops"
        ),
        name=name,
    )


def dmetaphone(function, name, *leading):
    return models.Index(
        *leading, function(cairn.people.functions.Unaccented("family_name")), name=name
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_extensions"),
        ("accounts", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(CREATE_UNACCENT, DROP_UNACCENT),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["partnership", "date_of_birth"], name="person_dob"),
        ),
        migrations.AddIndex(
            model_name="person", index=trigram("given_name", "person_given_name_trgm")
        ),
        migrations.AddIndex(
            model_name="person", index=trigram("family_name", "person_family_name_trgm")
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                models.F("partnership"),
                django.db.models.functions.Lower(cairn.people.functions.Unaccented("given_name")),
                name="person_given_name_lower",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=dmetaphone(
                cairn.people.functions.DMetaphone,
                "person_family_name_dm",
                models.F("partnership"),
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=dmetaphone(
                cairn.people.functions.DMetaphoneAlt,
                "person_family_name_dm_alt",
                models.F("partnership"),
            ),
        ),
        migrations.AddIndex(
            model_name="personname", index=trigram("given_name", "personname_given_name_trgm")
        ),
        migrations.AddIndex(
            model_name="personname", index=trigram("family_name", "personname_family_name_trgm")
        ),
        migrations.AddIndex(
            model_name="personname",
            index=dmetaphone(cairn.people.functions.DMetaphone, "personname_family_dm"),
        ),
    ]
