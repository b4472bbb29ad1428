"""Trigram indexes for person matching that PostgreSQL can recheck cheaply.

A GIN trigram index returns candidates that PostgreSQL rechecks one by one. On
``cairn_unaccent(name)`` every recheck calls that SQL function (which cannot be inlined), and
for a short or common name ("Mason", "Smith") that is thousands of calls a search at 100,000
people. A name in plain ASCII is its own unaccented form, so it is indexed as it is; the few
names with any other character keep an index on the unaccented name (partial, so small).
``cairn.people.matching`` asks both.
"""

import cairn.people.functions
import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("people", "0002_matching_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="person_given_name_trgm",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_family_name_trgm",
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["given_name"], name="person_given_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["family_name"], name="person_family_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    cairn.people.functions.Unaccented("given_name"), name="gin_trgm_ops"
                ),
                condition=models.Q(("given_name__regex", "[^ -~]")),
                name="person_given_accented_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    cairn.people.functions.Unaccented("family_name"), name="gin_trgm_ops"
                ),
                condition=models.Q(("family_name__regex", "[^ -~]")),
                name="person_family_accented_trgm",
            ),
        ),
    ]
