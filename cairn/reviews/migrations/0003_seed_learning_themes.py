"""Give every existing partnership the default learning themes (cairn/data/learning_themes.yaml).

New partnerships get them from ``cairn create-partnership``; the demo calls
``cairn.reviews.services.learning_themes_seed`` itself. Seeding is by name and idempotent.
"""

from pathlib import Path

import yaml
from django.db import migrations

THEMES = Path(__file__).resolve().parent.parent.parent / "data" / "learning_themes.yaml"


def seed(apps, schema_editor):
    Partnership = apps.get_model("accounts", "Partnership")
    LearningTheme = apps.get_model("reviews", "LearningTheme")
    themes = yaml.safe_load(THEMES.read_text(encoding="utf-8"))["themes"]
    for partnership in Partnership.objects.all():
        have = {n.lower() for n in partnership.learning_themes.values_list("name", flat=True)}
        LearningTheme.objects.bulk_create(
            LearningTheme(
                partnership=partnership, name=t["name"], description=t.get("description", "")
            )
            for t in themes
            if t["name"].lower() not in have
        )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_cohort_criteria_and_agreed_by")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
