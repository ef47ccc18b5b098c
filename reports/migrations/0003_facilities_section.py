"""The facilities table joins the shipped kinds (after the lecturers), where a kind does not have it yet."""

from django.db import migrations

ORDER = ["plan_actual", "sending_organisations", "completion", "certificates", "staff", "lecturers", "facilities",
         "results", "limitations", "causes", "proposals"]
DEFAULT_KINDS = ["quarterly", "six_monthly", "nine_monthly", "yearly", "ad_hoc"]


def forwards(apps, schema_editor):
    ReportKind = apps.get_model("reports", "ReportKind")
    ReportKindSection = apps.get_model("reports", "ReportKindSection")
    for kind in ReportKind.objects.filter(code__in=DEFAULT_KINDS).exclude(sections__key="facilities"):
        ReportKindSection.objects.create(kind=kind, key="facilities", order=0)
        sections = list(kind.sections.all())
        for section in sections:
            section.order = ORDER.index(section.key) if section.key in ORDER else len(ORDER) + section.order
        ReportKindSection.objects.bulk_update(sections, ["order"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_default_kinds")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
