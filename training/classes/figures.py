"""Per-class figures for the class list and the director's view, as annotations: one query for any number of rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import BigIntegerField, Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.prepared import PreparedAnnotations
from training.models import Enrolment, Klass, Result, Session

ENROLLED = Enrolment.Status.ENROLLED
# The value of certificates.Certificate.Status.VALID: training is below certificates, so it reads the
# certificates of an enrolment through the reverse relation and names the status by value.
VALID_CERTIFICATE = "valid"


def _count(queryset, group_by: str):
    return Coalesce(
        Subquery(queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        Value(0),
    )


def _enrolment() -> dict:
    return {"enrolled": _count(Enrolment.objects.filter(klass=OuterRef("pk"), status=ENROLLED), "klass")}


# The attendance marks of a class and those present or late, added up from its learners' counts
# (training.attendance.tallies) and returned as one number (a scalar subquery has one column):
# present * _SHIFT + marks.
_SHIFT = 1 << 32


def _attendance():
    # From the enrolled learners' kept counts, not the marks: a 200-learner class with 44 sessions is 200
    # rows here instead of 8,800.
    learners = Enrolment.objects.filter(klass=OuterRef("pk"), status=ENROLLED).order_by().values("klass")
    # The factor is a bigint value: as a plain integer the ORM hands it to the driver as a 4-byte one, which
    # a read bound on the server (a prepared class page) receives cut to 0.
    shift = Value(_SHIFT, output_field=BigIntegerField())
    both = learners.annotate(n=Sum("marks_present") * shift + Sum("marks_recorded")).values("n")[:1]
    return Coalesce(Subquery(both, output_field=BigIntegerField()), Value(0))


def _figures() -> dict:
    return {
        **_enrolment(),
        "attendance_packed": _attendance(),
        "sessions_total": _count(Session.objects.filter(klass=OuterRef("pk")), "klass"),
        "sessions_taken": _count(Session.objects.filter(klass=OuterRef("pk"), attendance_taken=True), "klass"),
        "results": _count(Result.objects.filter(enrolment__klass=OuterRef("pk"), enrolment__status=ENROLLED),
                          "enrolment__klass"),
        "completed": _count(Result.objects.filter(enrolment__klass=OuterRef("pk"), completed=True,
                                                  enrolment__status=ENROLLED), "enrolment__klass"),
        # Through the reverse relation: the certificates app sits above training.
        "certificates": _count(Enrolment.objects.filter(klass=OuterRef("pk"), certificates__status=VALID_CERTIFICATE),
                               "klass"),
    }


def _step_figures() -> dict:
    """The figures a class's next step is judged on (training.classes.checks.next_step), and no more."""
    figures = _figures()
    return {name: figures[name] for name in ("enrolled", "sessions_total", "completed", "certificates")}


# Compiled once per backend: building these subqueries cost more than running them (core/prepared.py).
_ENROLMENT = PreparedAnnotations(Klass, _enrolment)
_FIGURES = PreparedAnnotations(Klass, _figures)
_STEP_FIGURES = PreparedAnnotations(Klass, _step_figures)


def with_enrolment(queryset):
    """`enrolled`: active learners of each class. For a queryset of classes read as a query of its own."""
    return _ENROLMENT.apply(queryset)


def with_step_figures(queryset):
    """What `with_next_steps` needs of each class: learners, sessions, completed learners, certificates.
    For lists that show the next step and not the attendance or results (the home pages)."""
    return _STEP_FIGURES.apply(queryset)


def attendance_counts(klass) -> tuple[int, int]:
    """(marks, present or late) of a class annotated by `with_figures`."""
    both = getattr(klass, "attendance_packed", 0) or 0
    return both % _SHIFT, both // _SHIFT


def with_figures(queryset):
    """Enrolment, attendance marks (see `attendance_counts`), results computed / completed, certificates issued.
    For a queryset of classes read as a query of its own (see `PreparedAnnotations`)."""
    return _FIGURES.apply(queryset)


def attendance_rate(klass) -> int | None:
    """Share of marks that are present or late, in whole percent; None before any attendance is taken."""
    marks, present = attendance_counts(klass)
    return round(100 * present / marks) if marks else None


def needs_attention(klass, today: dt.date | None = None) -> list[str]:
    """Short machine keys the dashboard turns into badges (kept as keys so tests do not depend on wording)."""
    today = today or timezone.localdate()
    flags = []
    status = klass.status
    if status == Klass.Status.PLANNED and klass.start_date <= today + dt.timedelta(days=14):
        flags.append("decision_due")
    if status == Klass.Status.OPEN and klass.enrolled == 0 and klass.start_date <= today + dt.timedelta(days=7):
        flags.append("no_learners")
    if status == Klass.Status.IN_PROGRESS:
        # `missing_scores` is set by training.classes.checks.with_next_steps, from the approval's own check.
        missing = getattr(klass, "missing_scores", 0)
        if missing and klass.end_date <= today:
            flags.append("scores_missing")
        elif not missing and klass.enrolled and (klass.end_date <= today or (
                klass.sessions_total and klass.sessions_taken == klass.sessions_total)):
            flags.append("awaiting_approval")
    if status in (Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED) and klass.completed > klass.certificates:
        flags.append("certificates_pending")
    return flags


def status_counts(queryset) -> dict[str, int]:
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return {value: counts.get(value, 0) for value in Klass.Status.values}


__all__ = ["attendance_counts", "attendance_rate", "needs_attention", "status_counts", "with_enrolment", "with_figures",
           "with_step_figures"]
