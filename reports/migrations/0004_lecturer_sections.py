"""Lecturer hours against the norm and the feedback averages join the shipped kinds."""

from django.db import migrations

ORDER = ["plan_actual", "sending_organisations", "completion", "certificates", "staff", "lecturers", "lecturer_hours",
         "facilities", "feedback", "results", "limitations", "causes", "proposals"]
DEFAULT_KINDS = ["quarterly", "six_monthly", "nine_monthly", "yearly", "ad_hoc"]
NEW = ["lecturer_hours", "feedback"]


def forwards(apps, schema_editor):
    ReportKind = apps.get_model("reports", "ReportKind")
    ReportKindSection = apps.get_model("reports", "ReportKindSection")
    for kind in ReportKind.objects.filter(code__in=DEFAULT_KINDS):
        have = set(kind.sections.values_list("key", flat=True))
        ReportKindSection.objects.bulk_create([ReportKindSection(kind=kind, key=key) for key in NEW if key not in have])
        sections = list(kind.sections.all())
        for section in sections:
            section.order = ORDER.index(section.key) if section.key in ORDER else len(ORDER) + section.order
        ReportKindSection.objects.bulk_update(sections, ["order"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_facilities_section")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
