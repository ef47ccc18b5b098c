"""The JSON API for sessions and attendance: same services, same scope, precise refusals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from training.models import Attendance, Session
from training.tests.factories.timetable import TOPICS, learners, make_class, session, teacher

MON = dt.date(2026, 3, 2)
BASE = "/api/training"


def call(client, user, method, path, body=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    return getattr(client, method)(BASE + path, **kwargs)


@pytest.fixture
def klass(world):
    return make_class(world.centre_a)


def test_sessions_list_is_scoped_and_paginated(world, client, klass):
    session(klass, MON)
    session(klass, MON, "afternoon")
    ok = call(client, world.officer_a, "get", f"/classes/{klass.pk}/sessions")
    assert ok.status_code == 200
    data = ok.json()
    assert data["count"] == 2 and {s["part"] for s in data["items"]} == {"morning", "afternoon"}
    assert call(client, world.officer_b, "get", f"/classes/{klass.pk}/sessions").status_code == 404
    assert call(client, None, "get", f"/classes/{klass.pk}/sessions").status_code == 401


def test_create_update_delete_through_the_services(world, client, klass):
    topic = klass.version.topics.get(order=3)
    lecturer = teacher(world.centre_a, topic.title)
    created = call(client, world.officer_a, "post", f"/classes/{klass.pk}/sessions",
                   {"date": "2026-03-03", "part": "morning", "periods": 4, "topic_id": topic.pk,
                    "lecturer_id": lecturer.pk})
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    assert created.json()["lecturer_name"] == lecturer.person.full_name
    patched = call(client, world.officer_a, "patch", f"/sessions/{sid}", {"part": "afternoon", "periods": 3})
    assert patched.status_code == 200 and patched.json()["part"] == "afternoon"
    assert call(client, world.officer_a, "delete", f"/sessions/{sid}").status_code == 204
    assert not Session.objects.filter(pk=sid).exists()


def test_bad_session_input_is_a_422_naming_the_field_and_changes_nothing(world, client, klass):
    cases = [
        ({"date": "2026-05-01", "part": "morning"}, "date"),
        ({"date": "2026-03-03", "part": "morning", "periods": 9}, "periods"),
        ({"date": "2026-03-03", "part": "morning", "room_id": 999999}, "room"),
        ({"date": "2026-03-03", "part": "morning", "topic_id": make_class(world.centre_a).version.topics.first().pk},
         "topic"),
    ]
    for body, field in cases:
        response = call(client, world.officer_a, "post", f"/classes/{klass.pk}/sessions", body)
        assert response.status_code == 422, body
        assert field in response.json()["detail"], response.json()
    assert call(client, world.officer_a, "post", f"/classes/{klass.pk}/sessions",
                {"date": "2026-03-03", "part": "midnight"}).status_code == 422
    assert not klass.sessions.exists()


def test_writes_refused_without_the_right(world, client, klass):
    s = session(klass, MON)
    for persona in (world.viewer_a, world.supervisor, world.lecturer_a):
        assert call(client, persona, "post", f"/classes/{klass.pk}/sessions",
                    {"date": "2026-03-03", "part": "morning"}).status_code in (403, 404)
        assert call(client, persona, "patch", f"/sessions/{s.pk}", {"periods": 2}).status_code in (403, 404)
        assert call(client, persona, "delete", f"/sessions/{s.pk}").status_code in (403, 404)
        assert call(client, persona, "post", f"/classes/{klass.pk}/timetable/generate", {}).status_code in (403, 404)
    assert call(client, world.viewer_a, "patch", f"/sessions/{s.pk}", {"periods": 2}).status_code == 403
    s.refresh_from_db()
    assert s.periods == 4 and klass.sessions.count() == 1


def test_generate_and_periods_check(world, client, klass):
    for title, _ in TOPICS:
        teacher(world.centre_a, title)
    before = call(client, world.officer_a, "get", f"/classes/{klass.pk}/timetable/periods").json()
    assert before["matches"] is False and len(before["messages"]) == len(TOPICS)
    result = call(client, world.officer_a, "post", f"/classes/{klass.pk}/timetable/generate",
                  {"parts": ["morning", "afternoon"], "periods_per_session": 4})
    assert result.status_code == 200
    assert result.json()["created"] == klass.sessions.count() > 0 and result.json()["unplaced"] == []
    after = call(client, world.director_a, "get", f"/classes/{klass.pk}/timetable/periods").json()
    assert after["matches"] is True


def test_attendance_read_write_and_class_summary(world, client, klass):
    enrolled = learners(klass, 3)
    s = session(klass, MON, lecturer=world.lecturer_profile)
    sheet = call(client, world.lecturer_a, "get", f"/sessions/{s.pk}/attendance").json()
    assert [m["status"] for m in sheet["marks"]] == ["present"] * 3 and sheet["attendance_taken"] is False
    saved = call(client, world.lecturer_a, "put", f"/sessions/{s.pk}/attendance",
                 {"marks": [{"enrolment_id": enrolled[1].pk, "status": "unexcused", "note": "Không báo"}]})
    assert saved.status_code == 200 and saved.json()["attendance_taken"] is True
    assert Attendance.objects.get(enrolment=enrolled[1]).status == "unexcused"
    summary = call(client, world.director_a, "get", f"/classes/{klass.pk}/attendance").json()
    by_id = {r["enrolment_id"]: r for r in summary["learners"]}
    assert by_id[enrolled[1].pk]["absences"] == 1 and by_id[enrolled[1].pk]["level"] == "failing"
    assert summary["sessions"] == 1 and summary["allowed_absences"] == 0


def test_attendance_refusals(world, client, klass):
    enrolled = learners(klass, 1)
    s = session(klass, MON)
    body = {"marks": [{"enrolment_id": enrolled[0].pk, "status": "excused"}]}
    assert call(client, world.viewer_a, "put", f"/sessions/{s.pk}/attendance", body).status_code == 403
    assert call(client, world.officer_b, "put", f"/sessions/{s.pk}/attendance", body).status_code == 404
    assert call(client, world.officer_a, "put", f"/sessions/{s.pk}/attendance",
                {"marks": [{"enrolment_id": 999999, "status": "excused"}]}).status_code == 422
    assert call(client, world.officer_a, "put", f"/sessions/{s.pk}/attendance",
                {"marks": [{"enrolment_id": enrolled[0].pk, "status": "asleep"}]}).status_code == 422
    from training.tests.factories.timetable import enrol

    enrol(klass, [world.learner_person])
    assert call(client, world.learner_a, "get", f"/classes/{klass.pk}/attendance").status_code == 403
    assert not Attendance.objects.exists()
