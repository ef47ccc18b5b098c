from django.db import migrations


def forwards(apps, schema_editor):
    from finance.defaults import load_defaults

    load_defaults(apps.get_model("finance", "CostRule"))


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
