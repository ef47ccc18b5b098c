"""The default fee table (an editable default, DOMAIN.md §11): used where a province has set none.

Values of Bắc Ninh's 2015 decision for district centres, the example the rules cite; four periods per
session. Provinces enter their own tables, which take precedence.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    FeeTable = apps.get_model("lecturers", "FeeTable")
    FeeRate = apps.get_model("lecturers", "FeeRate")
    if FeeTable.objects.filter(province__isnull=True, is_editable_default=True).exists():
        return
    table = FeeTable.objects.create(
        name="Mức thù lao mặc định (có thể sửa)", valid_from=dt.date(2015, 1, 1), periods_per_session=4,
        decision="TT 36/2018/TT-BTC Điều 5; mức tham khảo của tỉnh Bắc Ninh (2015)", is_editable_default=True,
    )
    for rank, amount in (("central", 2_000_000), ("provincial", 1_000_000), ("centre", 600_000)):
        FeeRate.objects.create(table=table, rank=rank, title="", amount=Decimal(amount))


class Migration(migrations.Migration):
    dependencies = [("lecturers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
