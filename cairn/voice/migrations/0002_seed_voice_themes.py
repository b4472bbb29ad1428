"""Give every existing partnership the default listening themes (cairn/data/voice_themes.yaml).

New partnerships get them from ``cairn.voice.services.voice_themes_seed`` (called by the demo,
and to be called by ``cairn create-partnership``). Seeding is by name and idempotent.
"""

from pathlib import Path

import yaml
from django.db import migrations

THEMES = Path(__file__).resolve().parent.parent.parent / "data" / "voice_themes.yaml"


def seed(apps, schema_editor):
    Partnership = apps.get_model("accounts", "Partnership")
    VoiceTheme = apps.get_model("voice", "VoiceTheme")
    themes = yaml.safe_load(THEMES.read_text(encoding="utf-8"))["themes"]
    for partnership in Partnership.objects.all():
        have = {n.lower() for n in partnership.voice_themes.values_list("name", flat=True)}
        VoiceTheme.objects.bulk_create(
            VoiceTheme(
                partnership=partnership, name=t["name"], description=t.get("description", "")
            )
            for t in themes
            if t["name"].lower() not in have
        )


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
