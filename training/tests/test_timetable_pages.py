"""Timetable pages: access for every persona, the week grid with HTMX and without, generating, editing,
moving, the lecturer's schedule and calendar feed, the one-page PDF, and constant query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.documents import pdf_font_sizes, pdf_text
from training.models import LecturerUnavailability, Session
from training.tests.factories.timetable import TOPICS, learners, make_class, make_room, session, teacher
from training.timetable.export import calendar_token

MON = dt.date(2026, 3, 2)
P = Session.Part
ANON = "anonymous"


def status_for(client, user, method, url, data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


@pytest.fixture
def setup(world):
    klass = make_class(world.centre_a, room=make_room(world.centre_a))
    s = session(klass, MON, P.MORNING, lecturer=world.lecturer_profile)
    enrolled = learners(klass, 1)
    enrolled[0].person = world.learner_person
    enrolled[0].save()
    klass_c = make_class(world.centre_c)
    return {"klass": klass, "session": s, "klass_c": klass_c}


def test_access_to_timetable_pages(world, client, setup):
    klass, s = setup["klass"], setup["session"]
    personas = world.personas()
    read = {"admin": 200, "supervisor": 200, "director_a": 200, "officer_a": 200, "officer_b": 404,
            "lecturer_a": 200, "learner_a": 200, "viewer_a": 200, ANON: 302}
    edit = {**read, "supervisor": 403, "lecturer_a": 403, "learner_a": 403, "viewer_a": 403}
    cases = [
        ("grid", "get", reverse("training:timetable", args=[klass.pk]), read),
        ("pdf", "get", reverse("training:timetable_pdf", args=[klass.pk]), read),
        ("new session", "get", reverse("training:session_create", args=[klass.pk]), edit),
        ("edit session", "get", reverse("training:session_edit", args=[s.pk]), edit),
        ("other province", "get", reverse("training:timetable", args=[setup["klass_c"].pk]),
         {**{p: 404 for p in personas}, "admin": 200, ANON: 302}),
    ]
    failures = []
    for label, method, url, expected in cases:
        for persona, user in personas.items():
            got = status_for(client, user, method, url)
            if got != expected[persona]:
                failures.append(f"{label} as {persona}: {got}, expected {expected[persona]}")
    assert failures == []


def test_refused_writes_change_nothing(world, client, setup):
    klass, s = setup["klass"], setup["session"]
    for persona in ("viewer_a", "lecturer_a", "learner_a", "supervisor"):
        client.force_login(getattr(world, persona))
        assert client.post(reverse("training:timetable_generate", args=[klass.pk]),
                           {"parts": ["morning"], "periods_per_session": 4}).status_code == 403
        assert client.post(reverse("training:session_move", args=[s.pk]),
                           {"date": "2026-03-03", "part": "afternoon"}).status_code == 403
        assert client.post(reverse("training:session_delete", args=[s.pk])).status_code == 403
    client.force_login(world.officer_b)
    assert client.post(reverse("training:session_delete", args=[s.pk])).status_code == 404
    assert list(klass.sessions.values_list("pk", "date", "part")) == [(s.pk, MON, P.MORNING)]


def test_officer_generates_then_sees_the_week_and_periods_check(world, client):
    klass = make_class(world.centre_a)
    for title, _ in TOPICS:
        teacher(world.centre_a, title)
    client.force_login(world.officer_a)
    page = client.get(reverse("training:timetable", args=[klass.pk]))
    assert page.status_code == 200 and b'name="periods_per_session"' in page.content
    response = client.post(reverse("training:timetable_generate", args=[klass.pk]),
                           {"parts": ["morning", "afternoon"], "periods_per_session": "4"})
    assert response.status_code == 302
    assert sum(klass.sessions.values_list("periods", flat=True)) == sum(p for _, p in TOPICS)
    page = client.get(reverse("training:timetable", args=[klass.pk]) + "?week=2026-03-02")
    text = page.content.decode()
    assert TOPICS[0][0] in text and 'class="mismatch"' not in text
    assert text.count('class="session-card') == klass.sessions.filter(date__lte=MON + dt.timedelta(days=6)).count()


def test_bad_generate_options_show_messages_and_create_nothing(world, client):
    klass = make_class(world.centre_a)
    client.force_login(world.officer_a)
    response = client.post(reverse("training:timetable_generate", args=[klass.pk]),
                           {"periods_per_session": "9"}, follow=True)
    assert response.status_code == 200
    assert len(list(response.context["messages"])) >= 2
    assert not klass.sessions.exists()


def test_add_a_session_with_htmx_redraws_the_grid(world, client):
    klass = make_class(world.centre_a)
    topic = klass.version.topics.get(order=3)
    lecturer = teacher(world.centre_a, topic.title)
    client.force_login(world.officer_a)
    url = reverse("training:session_create", args=[klass.pk]) + "?week=2026-03-02"
    form = client.get(url + "&date=2026-03-03&part=afternoon", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b"<html" not in form.content and b'value="03/03/2026"' in form.content
    response = client.post(url, {"date": "03/03/2026", "part": "afternoon", "periods": "4", "topic": topic.pk,
                                 "lecturer": lecturer.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timetable-main"
    assert topic.title in response.content.decode()
    assert klass.sessions.filter(date=MON + dt.timedelta(days=1), part=P.AFTERNOON, lecturer=lecturer).exists()


def test_invalid_session_keeps_the_form_with_field_errors(world, client):
    klass = make_class(world.centre_a)
    client.force_login(world.officer_a)
    response = client.post(reverse("training:session_create", args=[klass.pk]),
                           {"date": "2026-04-30", "part": "morning", "periods": "4"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not klass.sessions.exists()


def test_move_by_drop_and_refused_move_reports_the_clash(world, client):
    klass = make_class(world.centre_a)
    first = session(klass, MON, P.MORNING)
    session(klass, MON, P.AFTERNOON, topic=klass.version.topics.get(order=2))
    client.force_login(world.officer_a)
    url = reverse("training:session_move", args=[first.pk])
    clash = client.post(url, {"date": "2026-03-02", "part": "afternoon", "week": "2026-03-02"},
                        HTTP_HX_REQUEST="true")
    assert clash.status_code == 200 and b'role="alert"' in clash.content
    first.refresh_from_db()
    assert first.part == P.MORNING
    moved = client.post(url, {"date": "2026-03-04", "part": "morning", "week": "2026-03-02"})
    assert moved.status_code == 302
    first.refresh_from_db()
    assert first.date == MON + dt.timedelta(days=2)


def test_week_grid_queries_do_not_grow_with_sessions(world, client):
    klass = make_class(world.centre_a, end=dt.date(2026, 4, 30), room=make_room(world.centre_a))
    lecturer = teacher(world.centre_a, *[t for t, _ in TOPICS])
    session(klass, MON, P.MORNING, lecturer=lecturer, room=klass.room)
    client.force_login(world.officer_a)
    url = reverse("training:timetable", args=[klass.pk]) + "?week=2026-03-02"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    topics = list(klass.version.topics.all())
    for n in range(1, 20):
        day = MON + dt.timedelta(days=n // 2)
        if day.weekday() < 5:
            session(klass, day, P.AFTERNOON if n % 2 else P.MORNING, topic=topics[n % 5], lecturer=lecturer,
                    room=klass.room)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) > 3


def test_timetable_pdf_runs_over_pages_at_a_readable_size(world, client):
    klass = make_class(world.centre_a, end=dt.date(2026, 4, 30))
    topics = list(klass.version.topics.all())
    day, n = MON, 0
    while n < 44:  # a month-long class: 44 half-day sessions
        if day.weekday() < 5:
            for part in (P.MORNING, P.AFTERNOON):
                session(klass, day, part, topic=topics[n % 5], note="Thảo luận [tổ 1] #2 *x*" if n == 3 else "")
                n += 1
        day += dt.timedelta(days=1)
    client.force_login(world.officer_a)
    response = client.get(reverse("training:timetable_pdf", args=[klass.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", body)) > 1
    assert "Thảo luận [tổ 1] #2 *x*" in pdf_text(body)
    assert min(pdf_font_sizes(body)) >= 10


def test_lecturer_schedule_and_unavailability(world, client, setup):
    me = world.lecturer_profile
    client.force_login(world.lecturer_a)
    mine = client.get(reverse("training:my_schedule"))
    assert mine.status_code == 302 and mine["Location"] == reverse("training:lecturer_schedule", args=[me.pk])
    page = client.get(reverse("training:lecturer_schedule", args=[me.pk]) + "?from=2026-03-01&to=2026-03-31")
    assert page.status_code == 200
    assert setup["klass"].code in page.content.decode() and "feed_url" in page.context
    response = client.post(reverse("training:unavailability_add", args=[me.pk]),
                           {"date": "05/03/2026", "part": "", "reason": "Công tác"})
    assert response.status_code == 302
    item = LecturerUnavailability.objects.get(lecturer=me)
    client.force_login(world.officer_b)
    assert client.get(reverse("training:lecturer_schedule", args=[me.pk])).status_code == 404
    assert client.post(reverse("training:unavailability_delete", args=[item.pk])).status_code == 404
    client.force_login(world.viewer_a)
    assert client.post(reverse("training:unavailability_delete", args=[item.pk])).status_code == 403
    assert LecturerUnavailability.objects.filter(pk=item.pk).exists()
    client.force_login(world.learner_a)
    assert client.get(reverse("training:my_schedule")).status_code == 403


def test_calendar_feed_by_signed_token(world, client, setup):
    me = world.lecturer_profile
    url = reverse("training:lecturer_calendar", args=[calendar_token(me.person_id)])
    client.logout()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 3, 1))
        response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 1
    assert f"UID:session-{setup['session'].pk}@" in text
    assert "DTSTART:20260302T003000Z" in text  # 07:30 in Hà Nội
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    forged = url.replace(str(me.person_id) + ":", str(world.person_a.pk) + ":")
    assert client.get(forged).status_code == 404
    assert client.get(reverse("training:lecturer_calendar", args=["nonsense"])).status_code == 404


def test_lecturer_schedule_queries_do_not_grow_with_sessions(world, client):
    me = world.lecturer_profile
    klass = make_class(world.centre_a, end=dt.date(2026, 4, 30))
    session(klass, MON, P.MORNING, lecturer=me)
    url = reverse("training:lecturer_schedule", args=[me.pk]) + "?from=01/03/2026&to=30/04/2026"
    client.force_login(world.officer_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    other = make_class(world.centre_a, end=dt.date(2026, 4, 30))
    for n in range(1, 12):
        day = MON + dt.timedelta(days=n)
        if day.weekday() < 5:
            session(klass if n % 2 else other, day, P.AFTERNOON, lecturer=me)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["sessions"]) > 5
    assert len(many) == len(few) > 3


def test_renewing_the_calendar_address_cuts_off_the_old_one(world, client, setup):
    me = world.lecturer_profile
    old = reverse("training:lecturer_calendar", args=[calendar_token(me.person_id)])
    assert client.get(old).status_code == 200
    client.force_login(world.lecturer_a)
    response = client.post(reverse("training:calendar_renew", args=[me.pk]))
    assert response.status_code == 302
    me.person.refresh_from_db()
    assert me.person.calendar_key
    client.logout()
    assert client.get(old).status_code == 404
    new = reverse("training:lecturer_calendar", args=[calendar_token(me.person_id, me.person.calendar_key)])
    assert client.get(new).status_code == 200
    client.force_login(world.officer_b)
    assert client.post(reverse("training:calendar_renew", args=[me.pk])).status_code == 404


def test_a_new_session_proposes_the_class_room(client, world):
    klass = make_class(world.centre_a, room=make_room(world.centre_a))
    client.force_login(world.officer_a)
    page = client.get(reverse("training:session_create", args=[klass.pk]))
    assert page.context["form"].initial["room"] == klass.room_id
