"""The shipped report kinds (editable defaults) and the party committee terms that number documents."""

import datetime as dt

from django.db import migrations

KINDS = [
    ("quarterly", "Báo cáo quý", "quarter", 10),
    ("six_monthly", "Báo cáo sơ kết 6 tháng", "half_year", 15),
    ("nine_monthly", "Báo cáo 9 tháng", "nine_months", 15),
    ("yearly", "Báo cáo tổng kết năm", "year", 20),
    ("ad_hoc", "Báo cáo đột xuất", "ad_hoc", 7),
]
TABLES = ["plan_actual", "sending_organisations", "completion", "certificates", "staff", "lecturers"]
TEXTS = ["results", "limitations", "causes", "proposals"]
MANDATORY = {"results", "proposals"}
TERMS = [("2020–2025", dt.date(2020, 7, 1), dt.date(2025, 6, 30)), ("2025–2030", dt.date(2025, 7, 1), dt.date(2030, 6, 30))]


def forwards(apps, schema_editor):
    ReportKind = apps.get_model("reports", "ReportKind")
    ReportKindSection = apps.get_model("reports", "ReportKindSection")
    DocumentTerm = apps.get_model("reports", "DocumentTerm")
    for code, name, period, days in KINDS:
        kind, created = ReportKind.objects.get_or_create(
            code=code, defaults={"name": name, "period_type": period, "deadline_days": days})
        if created:
            keys = [*TABLES, *TEXTS]
            ReportKindSection.objects.bulk_create([
                ReportKindSection(kind=kind, key=key, order=i, mandatory=key in MANDATORY) for i, key in enumerate(keys)
            ])
    for label, start, end in TERMS:
        DocumentTerm.objects.get_or_create(label=label, defaults={"start": start, "end": end})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
