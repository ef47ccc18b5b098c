"""Each learner's attendance counted on the enrolment, so that a list of classes adds up learners, not marks.

`Enrolment.marks_recorded` and `marks_present` (present or late) are what a class's attendance figure sums
(`training.classes.figures`): a 200-learner class with 44 sessions is 200 rows to add instead of 8,800 marks
to read, on every class list and home page that shows it.

`refresh` counts them again from the marks. `record_attendance`, the one place the application writes marks,
calls it for the learners of the sheet it saved; anything else that writes marks directly (the scale seeder,
benchmarks, test builders) calls it after. Marks leave only with their enrolment or session (cascades), and a
session whose attendance was taken cannot be deleted, so no other change makes the counts stale.

The counts serve lists and summaries only. What decides a learner's result (the absence rule in
training.results) and the class grid read the marks themselves.
"""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from training.models import Attendance, Enrolment

PRESENT_OR_LATE = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def _counted(marks):
    per_learner = marks.order_by().values("enrolment").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_learner, output_field=IntegerField()), Value(0))


def refresh(enrolments) -> int:
    """Count the marks of these enrolments (a queryset or a list of ids) again; one UPDATE. Returns the rows."""
    ids = enrolments.values("pk") if isinstance(enrolments, QuerySet) else list(enrolments)
    marks = Attendance.objects.filter(enrolment=OuterRef("pk"))
    return Enrolment.objects.filter(pk__in=ids).update(
        marks_recorded=_counted(marks),
        marks_present=_counted(marks.filter(status__in=PRESENT_OR_LATE)),
    )


def refresh_classes(class_ids) -> int:
    """`refresh` for every learner of these classes."""
    return refresh(Enrolment.objects.filter(klass_id__in=list(class_ids)))


def differences():
    """Enrolments whose kept counts differ from their marks, with the recount as `counted` and `counted_present`
    (one grouped query over all enrolments: for `manage.py recount_attendance`, not for pages)."""
    return (Enrolment.objects
            .annotate(counted=Count("attendance"),
                      counted_present=Count("attendance", filter=Q(attendance__status__in=PRESENT_OR_LATE)))
            .exclude(counted=F("marks_recorded"), counted_present=F("marks_present"))
            .order_by("pk"))


__all__ = ["PRESENT_OR_LATE", "differences", "refresh", "refresh_classes"]
