"""Attendance pages: the per-session sheet (plain form, no JS needed), the class grid with learners at risk,
access for every persona, and query counts that do not grow with the class."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from training.attendance import services as svc
from training.models import Attendance, Session
from training.tests.factories.timetable import learners, make_class, session

MON = dt.date(2026, 3, 2)
S = Attendance.Status
ANON = "anonymous"


@pytest.fixture
def setup(world):
    klass = make_class(world.centre_a)
    enrolled = learners(klass, 3)
    s = session(klass, MON, lecturer=world.lecturer_profile)
    return {"klass": klass, "enrolled": enrolled, "session": s}


def test_access_to_attendance_pages(world, client, setup):
    klass, s = setup["klass"], setup["session"]
    expected = {"admin": 200, "supervisor": 200, "director_a": 200, "officer_a": 200, "officer_b": 404,
                "lecturer_a": 200, "learner_a": 404, "viewer_a": 200, ANON: 302}
    # The learner of the class sees the timetable but not the others' attendance.
    enrolled_learner = dict(expected, learner_a=403)
    failures = []
    for url, table, prepare in (
        (reverse("training:attendance_grid", args=[klass.pk]), expected, None),
        (reverse("training:session_attendance", args=[s.pk]), expected, None),
        (reverse("training:attendance_grid", args=[klass.pk]), enrolled_learner, "enrol"),
    ):
        if prepare == "enrol":
            from training.tests.factories.timetable import enrol

            enrol(klass, [world.learner_person])
        for persona, user in world.personas().items():
            client.logout()
            if user is not None:
                client.force_login(user)
            got = client.get(url).status_code
            if got != table[persona]:
                failures.append(f"{url} as {persona}: {got}, expected {table[persona]}")
    assert failures == []


def test_officer_takes_attendance_with_a_plain_form(world, client, setup):
    s, enrolled = setup["session"], setup["enrolled"]
    client.force_login(world.officer_a)
    url = reverse("training:session_attendance", args=[s.pk])
    page = client.get(url)
    html = page.content.decode()
    assert html.count('value="present" checked') == 3 and 'type="radio"' in html
    response = client.post(url, {f"status_{enrolled[0].pk}": "present", f"status_{enrolled[1].pk}": "unexcused",
                                 f"status_{enrolled[2].pk}": "late", f"note_{enrolled[2].pk}": "Muộn 15 phút"})
    assert response.status_code == 302 and response["Location"] == url
    marks = dict(Attendance.objects.filter(session=s).values_list("enrolment_id", "status"))
    assert marks == {enrolled[0].pk: S.PRESENT, enrolled[1].pk: S.UNEXCUSED, enrolled[2].pk: S.LATE}
    page = client.get(url)
    assert 'value="unexcused" checked' in page.content.decode() and "Muộn 15 phút" in page.content.decode()


def test_lecturer_of_the_session_takes_it_but_a_viewer_cannot(world, client, setup):
    s, enrolled = setup["session"], setup["enrolled"]
    url = reverse("training:session_attendance", args=[s.pk])
    client.force_login(world.viewer_a)
    assert client.post(url, {f"status_{enrolled[0].pk}": "excused"}).status_code == 403
    assert not Attendance.objects.exists()
    client.force_login(world.lecturer_a)
    assert client.post(url, {f"status_{enrolled[0].pk}": "excused"}).status_code == 302
    assert Attendance.objects.get(enrolment=enrolled[0]).status == S.EXCUSED


def test_future_session_shows_why_and_saves_nothing(world, client, setup):
    klass = setup["klass"]
    later = session(klass, timezone.localdate() + dt.timedelta(days=3), Session.Part.AFTERNOON)
    klass.end_date = later.date
    klass.save()
    client.force_login(world.officer_a)
    url = reverse("training:session_attendance", args=[later.pk])
    assert "fieldset disabled" in client.get(url).content.decode()
    response = client.post(url, {f"status_{setup['enrolled'][0].pk}": "excused"}, follow=True)
    assert response.status_code == 200 and list(response.context["messages"])
    assert not Attendance.objects.filter(session=later).exists()


def test_grid_highlights_learners_at_risk(world, client, setup):
    klass, s, enrolled = setup["klass"], setup["session"], setup["enrolled"]
    for n in range(1, 5):
        session(klass, MON + dt.timedelta(days=n))
    svc.record_attendance(actor=world.officer_a, session=s, marks={enrolled[0].pk: S.EXCUSED},
                          today=dt.date(2026, 3, 31))
    client.force_login(world.director_a)
    page = client.get(reverse("training:attendance_grid", args=[klass.pk]))
    html = page.content.decode()
    # 5 sessions: 20 % allows one absence; the learner has used it, one more fails the rule.
    assert html.count('class="level-at_risk"') == 1 and 'class="level-failing"' not in html
    risky = client.get(reverse("training:attendance_grid", args=[klass.pk]) + "?risk=1")
    assert [r.enrolment_id for r in risky.context["rows"]] == [enrolled[0].pk]


def test_grid_rows_and_heads_escape_names_and_notes(world, client, setup):
    klass, enrolled = setup["klass"], setup["enrolled"]
    person = enrolled[0].person
    type(person).objects.filter(pk=person.pk).update(given_name='<b>Mai</b>"')  # past the form's checks
    noted = session(klass, MON + dt.timedelta(days=1), topic=None)
    Session.objects.filter(pk=noted.pk).update(topic=None, note='Họp "chi bộ" <i>')
    client.force_login(world.officer_a)
    html = client.get(reverse("training:attendance_grid", args=[klass.pk])).content.decode()
    assert "&lt;b&gt;Mai&lt;/b&gt;&quot;</th>" in html and "<b>Mai" not in html
    assert 'title="Họp &quot;chi bộ&quot; &lt;i&gt;"' in html
    assert f'href="{reverse("training:session_attendance", args=[noted.pk])}"' in html


def test_grid_and_sheet_queries_do_not_grow_with_learners(world, client, setup):
    klass, s = setup["klass"], setup["session"]
    grid_url = reverse("training:attendance_grid", args=[klass.pk])
    sheet_url = reverse("training:session_attendance", args=[s.pk])
    client.force_login(world.officer_a)
    client.get(grid_url)
    with CaptureQueriesContext(connection) as grid_few, CaptureQueriesContext(connection):
        client.get(grid_url)
    with CaptureQueriesContext(connection) as sheet_few:
        client.get(sheet_url)
    more = learners(klass, 25)
    for n in range(1, 8):
        extra = session(klass, MON + dt.timedelta(days=n))
        svc.record_attendance(actor=world.officer_a, session=extra, marks={more[n].pk: S.EXCUSED},
                              today=dt.date(2026, 3, 31))
    with CaptureQueriesContext(connection) as grid_many:
        client.get(grid_url)
    with CaptureQueriesContext(connection) as sheet_many:
        client.get(sheet_url)
    assert len(grid_many) == len(grid_few) > 3
    assert len(sheet_many) == len(sheet_few) > 3


def test_saving_the_sheet_takes_the_same_queries_for_many_learners(world, setup):
    klass, s = setup["klass"], setup["session"]
    from accounts.scope import scope_of

    scope_of(world.officer_a)  # computed once per request in real use
    with CaptureQueriesContext(connection) as few:
        svc.record_attendance(actor=world.officer_a, session=s, today=dt.date(2026, 3, 31))
    learners(klass, 40)
    second = session(klass, MON + dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        svc.record_attendance(actor=world.officer_a, session=second, today=dt.date(2026, 3, 31))
    assert len(many) == len(few) > 3
    assert Attendance.objects.filter(session=second).count() == 43
