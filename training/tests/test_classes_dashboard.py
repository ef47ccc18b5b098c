"""The director's view: every class's state and figures, this year's plan against actual, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import Certificate, CertificateRegister
from training.attendance import tallies
from training.models import Attendance, Result
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db
URL = reverse("training:dashboard")


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 302), ("learner_a", 403), ("lecturer_a", 403), ("director_a", 200), ("officer_a", 200),
    ("viewer_a", 200), ("supervisor", 200), ("admin", 200),
])
def test_access(client, world, persona, expected):
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    assert client.get(URL, {"year": 2026}).status_code == expected


def test_other_centre_is_not_found(client, world):
    client.force_login(world.officer_b)
    assert client.get(URL, {"centre": world.centre_a.pk}).status_code == 404


def _certificate(enrolment, number):
    register, _ = CertificateRegister.objects.get_or_create(centre=enrolment.klass.centre, year=2026)
    return Certificate.objects.create(register=register, number=number, enrolment=enrolment, issued_on=dt.date(2026, 4, 1),
                                      learner_name="x", programme_name="y", class_code=enrolment.klass.code,
                                      class_start=enrolment.klass.start_date, class_end=enrolment.klass.end_date,
                                      centre_name="z")


def _fill(world, n: int):
    ver = make.version()
    plan = make.plan(world.centre_a, approved=True, lines=[(ver.programme, 1, 4, 100)])
    line = plan.lines.get()
    rows = []
    for i in range(n):
        running = make.klass(world.centre_a, ver, status="in_progress", plan_line=line,
                             end_date=dt.date(2026, 3, 6))
        a = make.enrol(running, world.person_a)
        b = make.enrol(running, world.learner_person)
        s = make.session(running)
        Attendance.objects.create(session=s, enrolment=a, status="present")
        Attendance.objects.create(session=s, enrolment=b, status="unexcused")
        tallies.refresh([a.pk, b.pk])
        done = make.klass(world.centre_a, ver, status="closed")
        c = make.enrol(done, world.person_a)
        Result.objects.create(enrolment=c, completed=True, final_score=8)
        _certificate(c, i + 1)
        rows.append((running, done))
    return rows


def test_figures_per_class_and_plan(client, world):
    (running, done), = _fill(world, 1)
    client.force_login(world.director_a)
    page = client.get(URL, {"year": 2026})
    rows = {r.code: r for r in page.context["rows"]}
    assert page.context["centre"] == world.centre_a
    assert rows[running.code].enrolled == 2 and rows[running.code].attendance == 50
    assert rows[done.code].certificates == 1 and rows[done.code].completed == 1
    assert "awaiting_approval" in rows[running.code].flags
    assert page.context["report"].total.opened_classes == 2
    cards = {c["value"]: c["count"] for c in page.context["status_cards"]}
    assert cards["in_progress"] == 1 and cards["closed"] == 1
    assert page.context["certificates_total"] == 1


def test_query_count_does_not_grow_with_classes(client, world):
    client.force_login(world.director_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"year": 2026}).status_code == 200
        return len(ctx.captured_queries)

    _fill(world, 1)
    few = count()
    _fill_more = make.version("NTVD", name="Nhận thức về Đảng")
    for _ in range(10):
        k = make.klass(world.centre_a, _fill_more, status="open")
        make.enrol(k, world.person_a)
        make.session(k)
    assert count() == few


def test_needs_attention_reads_the_approval_checks_and_completed_counts_approved_results_only(client, world):
    from training.tests.factories import results as res

    lacking = res.make_class(world, learners=3)  # ended 11 days after START, two required components
    res.fill_scores(lacking, [[8, 7], [6, None], [None, None]])
    ready = res.make_class(world, learners=2)
    res.fill_scores(ready, [[8, 7], [9, 9]])
    approved = res.approved_class(world, learners=2)
    client.force_login(world.director_a)
    page = client.get(URL, {"year": lacking.start_date.year})
    rows = {r.code: r for r in page.context["rows"]}
    assert rows[lacking.code].flags == ["scores_missing"] and rows[lacking.code].missing_scores == 2
    assert rows[lacking.code].step.blockers == ["2 learners still lack a required score."] or \
        "2" in rows[lacking.code].step.blockers[0]
    assert rows[ready.code].flags == ["awaiting_approval"] and rows[ready.code].step.ready
    # Provisional results of the two running classes (1 + 2 completed) are not counted; the approved class's 2 are.
    assert page.context["completed_total"] == 2
    assert approved.status == "results_approved"
    assert "data-flag=\"scores_missing\"" in page.content.decode()


def test_attendance_counts_are_the_active_learners_marks_and_those_present_or_late(world):
    from tests.factories import PersonFactory
    from training.classes.figures import attendance_counts, attendance_rate, with_figures
    from training.models import Klass

    k = make.klass(world.centre_a, status="in_progress")
    learners = [make.enrol(k, world.person_a), make.enrol(k, world.learner_person),
                make.enrol(k, PersonFactory(centre=world.centre_a))]
    gone = make.enrol(k, PersonFactory(centre=world.centre_a), status="withdrawn")
    first, second = make.session(k), make.session(k, day=1)
    for s, statuses in ((first, ("present", "late", "excused")), (second, ("unexcused", "present", "late"))):
        for e, status in zip(learners, statuses, strict=True):
            Attendance.objects.create(session=s, enrolment=e, status=status)
    Attendance.objects.create(session=first, enrolment=gone, status="present")  # not an active learner's mark
    tallies.refresh_classes([k.pk])
    empty = make.klass(world.centre_a, status="open")
    rows = {r.pk: r for r in with_figures(Klass.objects.filter(pk__in=[k.pk, empty.pk]))}
    assert attendance_counts(rows[k.pk]) == (6, 4) and attendance_rate(rows[k.pk]) == 67
    assert attendance_counts(rows[empty.pk]) == (0, 0) and attendance_rate(rows[empty.pk]) is None


def test_figures_compiled_once_are_those_the_orm_computes(world):
    from training.classes.figures import _figures, with_enrolment, with_figures
    from training.models import Klass, Session

    _fill(world, 2)
    Session.objects.filter(pk=Session.objects.order_by("pk").values("pk")[:1]).update(attendance_taken=True)
    names = list(_figures())
    classes = Klass.objects.order_by("pk")
    by_orm = list(classes.annotate(**_figures()).values_list("pk", *names))
    assert list(with_figures(classes).values_list("pk", *names)) == by_orm
    assert list(with_enrolment(classes).values_list("pk", "enrolled")) == [row[:2] for row in by_orm]
    # Every figure is non-zero somewhere, so the comparison says something about each of them.
    assert all(any(row[i] for row in by_orm) for i in range(1, len(names) + 1))
