"""Each enrolment's kept attendance counts (training.attendance.tallies): what the class figures add up."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Count, Q

from training.attendance import services as svc
from training.attendance import tallies
from training.classes.figures import attendance_counts, with_figures
from training.models import Attendance, Enrolment, Klass
from training.nominations.enrolment import withdraw_enrolment
from training.tests.factories.timetable import learners, make_class, session

MON = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 3, 31)
S = Attendance.Status


def counted_again(klass) -> dict[int, tuple[int, int]]:
    """Each learner's (marks, present or late) counted from the marks themselves."""
    rows = (Enrolment.objects.filter(klass=klass)
            .annotate(n=Count("attendance"), here=Count("attendance", filter=Q(attendance__status__in=[S.PRESENT,
                                                                                                     S.LATE])))
            .values_list("pk", "n", "here"))
    return {pk: (n, here) for pk, n, here in rows}


def kept(klass) -> dict[int, tuple[int, int]]:
    rows = Enrolment.objects.filter(klass=klass).values_list("pk", "marks_recorded", "marks_present")
    return {pk: (n, here) for pk, n, here in rows}


def figure(klass) -> tuple[int, int]:
    return attendance_counts(with_figures(Klass.objects.filter(pk=klass.pk)).get())


@pytest.fixture
def klass(world):
    k = make_class(world.centre_a)
    learners(k, 4)
    return k


def test_saving_sheets_keeps_each_learners_counts(world, klass):
    a, b, c, d = klass.enrolments.order_by("pk")
    first, second = session(klass, MON), session(klass, MON + dt.timedelta(days=1))
    svc.record_attendance(actor=world.officer_a, session=first, marks={b.pk: S.EXCUSED, c.pk: S.LATE}, today=TODAY)
    assert kept(klass) == counted_again(klass) == {a.pk: (1, 1), b.pk: (1, 0), c.pk: (1, 1), d.pk: (1, 1)}
    svc.record_attendance(actor=world.officer_a, session=second, marks={a.pk: S.UNEXCUSED}, today=TODAY)
    # A changed mark is counted again too: b was excused and is now present.
    svc.record_attendance(actor=world.officer_a, session=first, marks={c.pk: S.UNEXCUSED}, today=TODAY)
    assert kept(klass) == counted_again(klass) == {a.pk: (2, 1), b.pk: (2, 2), c.pk: (2, 1), d.pk: (2, 2)}
    assert figure(klass) == (8, 6)


def test_a_withdrawn_learner_keeps_the_counts_and_leaves_the_class_figure(world, klass):
    a, b, _c, _d = klass.enrolments.order_by("pk")
    s = session(klass, MON)
    # The enrolment is read before the sheet is saved, as a page would: its save must not undo the counts.
    stale = Enrolment.objects.get(pk=b.pk)
    svc.record_attendance(actor=world.officer_a, session=s, marks={a.pk: S.UNEXCUSED}, today=TODAY)
    stale.sending_organisation = None
    stale.save()
    assert kept(klass)[b.pk] == (1, 1)
    withdraw_enrolment(actor=world.officer_a, enrolment=b, reason="Chuyển công tác")
    assert kept(klass) == counted_again(klass)
    assert figure(klass) == (3, 2)


def test_marks_written_directly_are_counted_by_refresh(world, klass):
    a, b, c, _d = klass.enrolments.order_by("pk")
    s = session(klass, MON)
    Attendance.objects.bulk_create([Attendance(session=s, enrolment=a, status=S.PRESENT),
                                    Attendance(session=s, enrolment=b, status=S.EXCUSED)])
    assert kept(klass)[a.pk] == (0, 0)
    assert tallies.refresh([a.pk]) == 1
    assert kept(klass)[a.pk] == (1, 1) and kept(klass)[b.pk] == (0, 0)
    Attendance.objects.create(session=s, enrolment=c, status=S.LATE)
    assert tallies.refresh_classes([klass.pk]) == 4
    assert kept(klass) == counted_again(klass)


def test_the_class_figure_reads_no_mark(klass):
    sql = str(with_figures(Klass.objects.filter(pk=klass.pk)).query)
    assert "training_attendance" not in sql and "marks_present" in sql


def test_the_migration_counts_the_marks_already_recorded(world, klass):
    a, b, _c, _d = klass.enrolments.order_by("pk")
    s = session(klass, MON)
    Attendance.objects.bulk_create([Attendance(session=s, enrolment=a, status=S.LATE),
                                    Attendance(session=s, enrolment=b, status=S.UNEXCUSED)])
    migration = importlib.import_module("training.migrations.0005_attendance_tallies")
    migration.count_marks(apps, SimpleNamespace(connection=connection))
    assert kept(klass) == counted_again(klass)
    assert kept(klass)[a.pk] == (1, 1) and kept(klass)[b.pk] == (1, 0)


def test_the_recount_command_reports_and_fixes_counts_left_behind(world, klass):
    from io import StringIO

    from django.core.management import CommandError, call_command

    a, b, _c, _d = klass.enrolments.order_by("pk")
    s = session(klass, MON)
    svc.record_attendance(actor=world.officer_a, session=s, marks={}, today=TODAY)
    out = StringIO()
    call_command("recount_attendance", stdout=out)
    assert "match" in out.getvalue()
    # A repair made directly in the database: the counts are left behind.
    Attendance.objects.filter(session=s, enrolment=a).update(status=S.UNEXCUSED)
    Attendance.objects.filter(session=s, enrolment=b).delete()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("recount_attendance", stdout=out)
    assert f"enrolment {a.pk} in {klass.code}: marks 1 -> 1, present or late 1 -> 0" in out.getvalue()
    assert f"enrolment {b.pk} in {klass.code}: marks 1 -> 0" in out.getvalue()
    assert kept(klass)[a.pk] == (1, 1)  # reported, not changed
    call_command("recount_attendance", "--fix", stdout=StringIO())
    assert kept(klass) == counted_again(klass)
    out = StringIO()
    call_command("recount_attendance", stdout=out)
    assert "match" in out.getvalue()


def test_the_class_page_reads_the_packed_figure_whole(world, klass):
    """The class page reads its class with the figures through a prepared read (bound on the server on
    PostgreSQL): the present count in the packed figure's upper half must come through."""
    from training.classes.views import _CLASS_PAGE_WITH_FIGURES

    a, b, _c, _d = klass.enrolments.order_by("pk")
    svc.record_attendance(actor=world.officer_a, session=session(klass, MON), marks={b.pk: S.EXCUSED}, today=TODAY)
    (read,) = _CLASS_PAGE_WITH_FIGURES.objects(klass.pk)
    assert attendance_counts(read) == figure(klass) == (4, 3)
    assert (read.enrolled, read.sessions_total, read.centre.name) == (4, 1, klass.centre.name)
