"""Reading a learner's record: every class they attended that the viewer may see, with results and certificates."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Prefetch, Value, When

from training.models import Attendance, Enrolment, Session
from training.results.rules import classification_label

PART_ORDER = Case(
    When(part=Session.Part.MORNING, then=Value(0)),
    When(part=Session.Part.AFTERNOON, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _certificates():
    """The certificates app sits above training: its model is reached through the enrolment's reverse relation."""
    return Enrolment._meta.get_field("certificates").related_model.objects.all()


def learner_record(user, person_id: int) -> list[Enrolment]:
    """The person's enrolments in classes `user` sees, across all centres, newest first. Two queries.

    Each enrolment's certificates (read through the reverse relation) are in `certificate_list`, newest first.
    """
    enrolments = list(
        Enrolment.objects.visible_to(user).filter(person_id=person_id)
        .select_related("klass__centre", "klass__version__programme", "result", "moved_to", "sending_organisation")
        .prefetch_related(Prefetch("certificates", queryset=_certificates().select_related("register")))
        .order_by("-klass__start_date", "-pk")
    )
    for enrolment in enrolments:
        result = getattr(enrolment, "result", None)  # a missing one-to-one raises AttributeError
        enrolment.classification_label = classification_label(result.classification) if result else ""
        enrolment.certificate_list = sorted(enrolment.certificates.all(), key=lambda c: (c.issued_on, c.pk),
                                            reverse=True)
    return enrolments


def learner_sessions(person_id: int, *, since: dt.date | None = None) -> list[Session]:
    """The sessions of the classes the person is enrolled in, in time order, each with `my_attendance`."""
    sessions = (Session.objects.filter(klass__enrolments__person_id=person_id,
                                       klass__enrolments__status=Enrolment.Status.ENROLLED)
                .select_related("klass", "topic", "lecturer__person", "room")
                .annotate(part_order=PART_ORDER).order_by("date", "part_order", "klass__code"))
    if since:
        sessions = sessions.filter(date__gte=since)
    sessions = list(sessions)
    marks = {}
    if sessions:
        marks = dict(Attendance.objects.filter(session__in=[s.pk for s in sessions], enrolment__person_id=person_id)
                     .values_list("session_id", "status"))
    labels = dict(Attendance.Status.choices)
    for session in sessions:
        status = marks.get(session.pk)
        session.my_attendance = status
        session.my_attendance_label = labels.get(status, "") if status else ""
    return sessions
