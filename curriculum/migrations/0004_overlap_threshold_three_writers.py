import datetime

import django.core.validators
from decimal import Decimal
from django.db import migrations, models

SEEDED = dict(effective_from=datetime.date(2025, 1, 1), note__startswith="Chọn trên nửa hiệu chỉnh")
NOTE = "Chọn trên ba bộ cặp chuyên đề phát triển (ba người soạn khác nhau), kiểm tra trên một bộ chưa dùng để chọn."


def reseed(apps, schema_editor):
    # Only the seeded row, if an administrator has not changed it.
    OverlapSettings = apps.get_model("curriculum", "OverlapSettings")
    OverlapSettings.objects.filter(threshold=Decimal("0.12"), **SEEDED).update(threshold=Decimal("0.145"), note=NOTE)


def unseed(apps, schema_editor):
    OverlapSettings = apps.get_model("curriculum", "OverlapSettings")
    OverlapSettings.objects.filter(effective_from=datetime.date(2025, 1, 1), threshold=Decimal("0.145"), note=NOTE
                                   ).update(threshold=Decimal("0.12"),
                                            note="Chọn trên nửa hiệu chỉnh của bộ cặp chuyên đề đã gán nhãn.")


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0003_equivalent_terms'),
    ]

    operations = [
        migrations.AlterField(
            model_name='overlapsettings',
            name='threshold',
            field=models.DecimalField(decimal_places=3, default=Decimal('0.145'), max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.05')), django.core.validators.MaxValueValidator(Decimal('1'))], verbose_name='similarity threshold'),
        ),
        migrations.RunPython(reseed, unseed),
    ]
