"""Attendance services: the session sheet, bulk recording with its refusals, the class grid and the
learners at risk of failing the attendance rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from training.attendance import services as svc
from training.models import Attendance, Enrolment, Klass, Session
from training.tests.factories.timetable import learners, make_class, session

MON = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 3, 31)
S = Attendance.Status
P = Session.Part


@pytest.fixture
def klass_with_learners(world):
    klass = make_class(world.centre_a)
    return klass, learners(klass, 4)


def test_everyone_is_present_unless_marked(world, klass_with_learners):
    klass, enrolled = klass_with_learners
    s = session(klass, MON)
    summary = svc.record_attendance(actor=world.officer_a, session=s, marks={enrolled[1].pk: S.EXCUSED},
                                    notes={enrolled[1].pk: "Ốm"}, today=TODAY)
    marks = dict(Attendance.objects.filter(session=s).values_list("enrolment_id", "status"))
    assert marks == {enrolled[0].pk: S.PRESENT, enrolled[1].pk: S.EXCUSED, enrolled[2].pk: S.PRESENT,
                     enrolled[3].pk: S.PRESENT}
    assert summary.counts == {S.PRESENT: 3, S.EXCUSED: 1} and summary.absent == 1
    s.refresh_from_db()
    assert s.attendance_taken
    assert Attendance.objects.get(session=s, enrolment=enrolled[1]).note == "Ốm"


def test_saving_again_changes_only_what_changed_and_audits_it(world, klass_with_learners):
    klass, enrolled = klass_with_learners
    s = session(klass, MON)
    svc.record_attendance(actor=world.officer_a, session=s, marks={enrolled[1].pk: S.UNEXCUSED}, today=TODAY)
    again = svc.record_attendance(actor=world.officer_a, session=s,
                                  marks={enrolled[1].pk: S.EXCUSED, enrolled[2].pk: S.LATE}, today=TODAY)
    assert again.changed == 2
    events = AuditEvent.objects.filter(object_type="training.session", object_id=str(s.pk)).order_by("id")
    assert events.count() == 2
    last = events.last()
    assert last.before == {"attendance": {str(enrolled[1].pk): S.UNEXCUSED, str(enrolled[2].pk): S.PRESENT}}
    assert last.after == {"attendance": {str(enrolled[1].pk): S.EXCUSED, str(enrolled[2].pk): S.LATE}}
    # Nothing changed: no write, no event.
    assert svc.record_attendance(actor=world.officer_a, session=s, marks={enrolled[1].pk: S.EXCUSED,
                                                                          enrolled[2].pk: S.LATE},
                                 today=TODAY).changed == 0
    assert events.count() == 2


@pytest.mark.parametrize("case", ["future", "stranger", "status", "locked"])
def test_bad_attendance_is_refused_and_nothing_changes(world, klass_with_learners, case):
    klass, enrolled = klass_with_learners
    s = session(klass, MON)
    marks, today = {enrolled[0].pk: S.EXCUSED}, TODAY
    if case == "future":
        today = MON - dt.timedelta(days=1)
    elif case == "stranger":
        other = make_class(world.centre_a)
        marks = {learners(other, 1)[0].pk: S.EXCUSED}
    elif case == "status":
        marks = {enrolled[0].pk: "asleep"}
    elif case == "locked":
        klass.status = "results_approved"
        klass.save()
        s.klass.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.record_attendance(actor=world.officer_a, session=s, marks=marks, today=today)
    assert not Attendance.objects.exists()
    s.refresh_from_db()
    assert not s.attendance_taken


def test_who_may_take_attendance(world, klass_with_learners):
    klass, _ = klass_with_learners
    taught = session(klass, MON, lecturer=world.lecturer_profile)
    other = session(klass, MON, P.AFTERNOON)
    svc.record_attendance(actor=world.lecturer_a, session=taught, today=TODAY)  # the session's own lecturer
    for actor, s in ((world.lecturer_a, other), (world.viewer_a, taught), (world.supervisor, taught),
                     (world.officer_b, taught), (world.learner_a, taught)):
        with pytest.raises(PermissionDenied):
            svc.record_attendance(actor=actor, session=s, today=TODAY)
    assert not Attendance.objects.filter(session=other).exists()


def test_grid_counts_absences_against_the_rule_and_flags_learners(world):
    klass = make_class(world.centre_a, end=dt.date(2026, 3, 31))  # 20 % of 10 sessions: 2 absences allowed
    a, b, c, d = learners(klass, 4)
    sessions = []
    day = MON
    while len(sessions) < 10:
        if day.weekday() < 5:
            sessions.append(session(klass, day))
        day += dt.timedelta(days=1)
    plan = {0: {b.pk: S.EXCUSED, c.pk: S.UNEXCUSED, d.pk: S.LATE},
            1: {c.pk: S.EXCUSED},
            2: {c.pk: S.UNEXCUSED}}
    for index, marks in plan.items():
        svc.record_attendance(actor=world.officer_a, session=sessions[index], marks=marks, today=TODAY)
    withdrawn = learners(klass, 1)[0]
    withdrawn.status = Enrolment.Status.WITHDRAWN
    withdrawn.save()
    grid = svc.class_attendance(klass)
    assert (len(grid.sessions), grid.held, grid.remaining, grid.allowed) == (10, 3, 7, 2)
    rows = {r.enrolment_id: r for r in grid.rows}
    assert withdrawn.pk not in rows
    assert (rows[a.pk].absences, rows[a.pk].level) == (0, "ok")
    assert (rows[b.pk].absences, rows[b.pk].level, rows[b.pk].remaining_allowance) == (1, "at_risk", 1)
    assert (rows[c.pk].absences, rows[c.pk].level, rows[c.pk].absent_percent) == (3, "failing", Decimal("30.0"))
    assert (rows[d.pk].late, rows[d.pk].absences, rows[d.pk].level) == (1, 0, "ok")
    assert rows[c.pk].marks[:4] == [S.UNEXCUSED, S.EXCUSED, S.UNEXCUSED, None]
    assert [r.enrolment_id for r in grid.flagged] == [r.enrolment_id for r in grid.rows if r.enrolment_id in
                                                       (b.pk, c.pk)]
    assert grid.attendance_rate == Decimal("66.7")  # 8 of 12 marks present or late


def test_a_short_course_allows_no_absence(world):
    klass = make_class(world.centre_a, end=MON + dt.timedelta(days=1))
    (only,) = learners(klass, 1)
    first = session(klass, MON)
    for part in (P.AFTERNOON,):
        session(klass, MON, part)
    session(klass, MON + dt.timedelta(days=1))
    svc.record_attendance(actor=world.officer_a, session=first, marks={only.pk: S.EXCUSED}, today=TODAY)
    grid = svc.class_attendance(klass)
    assert grid.allowed == 0 and grid.rows[0].level == "failing"


def test_sheet_defaults_to_present(world, klass_with_learners):
    klass, enrolled = klass_with_learners
    s = session(klass, MON)
    rows = svc.session_sheet(s)
    assert [status for _, status, _ in rows] == [S.PRESENT] * 4
    assert {e.pk for e, _, _ in rows} == {e.pk for e in enrolled}


def test_a_sheet_is_refused_once_the_results_are_approved_even_from_a_page_opened_before(world, klass_with_learners):
    """The class is read again under its lock: the approval may have happened since the sheet was opened."""
    klass, enrolled = klass_with_learners
    s = session(klass, MON)
    opened = Session.objects.select_related("klass").get(pk=s.pk)
    Klass.objects.filter(pk=klass.pk).update(status=Klass.Status.RESULTS_APPROVED)
    with pytest.raises(ValidationError):
        svc.record_attendance(actor=world.officer_a, session=opened, marks={enrolled[0].pk: S.LATE}, today=TODAY)
    assert not Attendance.objects.filter(session=s).exists()
