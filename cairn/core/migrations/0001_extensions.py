from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL extensions Cairn relies on for person search and matching."""

    initial = True
    dependencies = []
    operations = [TrigramExtension(), UnaccentExtension(), CreateExtension("fuzzystrmatch")]
