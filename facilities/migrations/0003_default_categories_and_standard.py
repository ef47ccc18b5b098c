from django.db import migrations


def forwards(apps, schema_editor):
    from facilities.defaults import load_defaults

    load_defaults(apps.get_model("facilities", "EquipmentCategory"), apps.get_model("facilities", "FacilityRequirement"))


class Migration(migrations.Migration):
    dependencies = [("facilities", "0002_equipment_and_standard")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
