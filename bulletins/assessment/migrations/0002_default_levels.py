from django.db import migrations

DEFAULT_LEVELS = [("区级", 1), ("市级", 2), ("省级", 3), ("国家级", 4)]


def add_default_levels(apps, schema_editor):
    Level = apps.get_model("assessment", "Level")
    for name, rank in DEFAULT_LEVELS:
        Level.objects.get_or_create(name=name, defaults={"rank": rank})


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(add_default_levels, migrations.RunPython.noop)]
