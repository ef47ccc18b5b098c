"""Each enrolment keeps its attendance marks and those present or late (training.attendance.tallies);
the counts of the marks already recorded are filled in here, with one UPDATE."""

from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_marks(apps, schema_editor):
    Attendance = apps.get_model("training", "Attendance")
    Enrolment = apps.get_model("training", "Enrolment")

    def counted(marks):
        per_learner = marks.order_by().values("enrolment").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(per_learner, output_field=IntegerField()), Value(0))

    marks = Attendance.objects.using(schema_editor.connection.alias).filter(enrolment=OuterRef("pk"))
    with_marks = Attendance.objects.using(schema_editor.connection.alias).values("enrolment_id")
    Enrolment.objects.using(schema_editor.connection.alias).filter(pk__in=with_marks).update(
        marks_recorded=counted(marks),
        marks_present=counted(marks.filter(status__in=["present", "late"])),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("training", "0004_class_agreement"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="marks_present",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="marks present or late"),
        ),
        migrations.AddField(
            model_name="enrolment",
            name="marks_recorded",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="attendance marks"),
        ),
        migrations.RunPython(count_marks, migrations.RunPython.noop),
    ]
