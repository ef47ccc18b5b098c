"""The home page per role: each panel's counts checked against the fixtures, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from training.models import Session
from training.tests.factories import classes as make
from training.tests.factories import results as res

pytestmark = pytest.mark.django_db
URL = reverse("home")


def _panels(client, user):
    client.force_login(user)
    page = client.get(URL)
    assert page.status_code == 200
    return page, {p["template"].split("/_")[1][:-5]: p for p in page.context["panels"]}


@pytest.mark.parametrize("persona", ["admin", "supervisor", "director_a", "officer_a", "officer_b", "lecturer_a",
                                     "learner_a", "viewer_a"])
def test_every_persona_gets_a_page(client, world, persona):
    _page, panels = _panels(client, world.personas()[persona])
    assert panels


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(URL).status_code == 302


@pytest.fixture
def day(world):
    """Today's classes of centre A: one running (learner and lecturer in it), one planned, one closed."""
    from lecturers.services.feedback import open_survey
    from lecturers.tests.builders import ensure_defaults

    ensure_defaults()  # the seeded survey form, if a transactional test emptied the tables before
    today = timezone.localdate()
    ver = make.version()
    running = make.klass(world.centre_a, ver, status="in_progress", start_date=today - dt.timedelta(days=3),
                         end_date=today + dt.timedelta(days=5))
    make.enrol(running, world.learner_person)
    make.enrol(running, world.person_a)
    lecturer = world.lecturer_profile
    past = make.session(running, day=2, lecturer=lecturer)                        # yesterday, not taken
    make.session(running, day=3, part=Session.Part.AFTERNOON, lecturer=lecturer)  # today
    coming = make.session(running, day=5, lecturer=lecturer)                      # in two days
    planned = make.klass(world.centre_a, ver, start_date=today + dt.timedelta(days=40),
                         end_date=today + dt.timedelta(days=44))
    make.enrol(planned, world.learner_person)
    open_survey(actor=world.officer_a, klass=running)
    return {"running": running, "planned": planned, "past": past, "coming": coming, "today": today}


def test_learner_sees_classes_with_states_next_session_and_surveys(client, world, day):
    page, panels = _panels(client, world.learner_a)
    learner = panels["learner"]
    progress = {e.klass.code: e.progress for e in learner["enrolments"]}
    # A class not started never shows "studying".
    assert progress == {day["running"].code: "studying", day["planned"].code: "not_started"}
    running = next(e for e in learner["enrolments"] if e.klass_id == day["running"].pk)
    assert running.next_session.date == day["today"]
    assert len(learner["surveys"]) == 1
    html = page.content.decode()
    assert reverse("lecturers:survey_answer", args=[learner["surveys"][0].public_key]) in html
    assert "đang học" in html and "chưa bắt đầu" in html
    assert "lecturer" not in panels and "officer" not in panels


def test_lecturer_sees_week_attendance_to_take_and_hours(client, world, day):
    _page, panels = _panels(client, world.lecturer_a)
    teaching = panels["lecturer"]
    monday = day["today"] - dt.timedelta(days=day["today"].weekday())
    expected_week = Session.objects.filter(lecturer=world.lecturer_profile,
                                           date__range=(monday, monday + dt.timedelta(days=6))).count()
    assert len(teaching["week"]) == expected_week
    assert [s.pk for s in teaching["to_take"]] == [day["past"].pk] + [
        s.pk for s in Session.objects.filter(klass=day["running"], date=day["today"])]
    assert len(teaching["load"]) == 1 and teaching["load"][0].lecturer.pk == world.lecturer_profile.pk


def test_officer_sees_classes_by_stage_with_their_blockers(client, world, day):
    page, panels = _panels(client, world.officer_a)
    groups = {g["status"]: g["rows"] for g in panels["officer"]["groups"]}
    assert [k.code for k in groups["planned"]] == [day["planned"].code]
    planned = groups["planned"][0]
    assert planned.step.key == "open" and len(planned.step.blockers) == 2
    running = groups["in_progress"][0]
    assert running.step.key == "approve" and running.step.ready and running.step.warnings
    assert "Nhập số quyết định mở lớp" in page.content.decode() or "data-blocker" in page.content.decode()
    assert "director" not in panels


def test_director_sees_what_waits_for_approval_or_signature(client, world, day):
    lacking = res.make_class(world, learners=3)
    res.fill_scores(lacking, [[8, 7], [6, None], [None, None]])
    ready = res.make_class(world, learners=2)
    res.fill_scores(ready, [[8, 7], [9, 9]])
    approved = res.approved_class(world, learners=2)
    plan = make.plan(world.centre_a, year=2027, lines=[(ready.version.programme, 1, 1, 30)])
    make.plan(world.centre_a, year=2028)  # an empty draft waits for nothing
    _page, panels = _panels(client, world.director_a)
    director = panels["director"]
    # The running class of the fixture ends in five days and has no required scores: ready too.
    assert {k.code for k in director["approvals"]} == {ready.code, day["running"].code}
    assert [k.code for k in director["signatures"]] == [approved.code]
    assert [p.pk for p in director["plans"]] == [plan.pk]
    assert director["count"] == 4
    officer = {g["status"]: g["rows"] for g in panels["officer"]["groups"]}
    blocked = next(k for k in officer["in_progress"] if k.code == lacking.code)
    assert blocked.missing_scores == 2 and not blocked.step.ready


def test_supervisor_sees_the_province(client, world, day):
    make.klass(world.centre_b, status="open", start_date=day["today"], end_date=day["today"])
    make.klass(world.centre_c, status="open", start_date=day["today"], end_date=day["today"])  # other province
    _page, panels = _panels(client, world.supervisor)
    province = panels["supervisor"]
    by_code = {c.code: c for c in province["centres"]}
    assert set(by_code) == {"A", "B"}
    # The planned class starts in 40 days: next year when the fixture runs in December, this year otherwise.
    planned_now = int(day["planned"].start_date.year == day["today"].year)
    assert by_code["A"].class_total == 1 + planned_now and by_code["A"].learner_total == 2 + planned_now
    assert by_code["B"].class_total == 1
    assert province["class_total"] == 2 + planned_now and province["learner_total"] == 2 + planned_now


def test_home_queries_do_not_grow_with_classes(client, world, day, django_assert_max_num_queries):
    client.force_login(world.director_a)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(URL)
    few = len(ctx.captured_queries)
    for _ in range(5):
        k = make.klass(world.centre_a, status="open", start_date=day["today"], end_date=day["today"])
        make.enrol(k, world.person_b)
    with django_assert_max_num_queries(few):
        client.get(URL)


@pytest.mark.django_db(transaction=True)
def test_the_officers_classes_are_read_afresh_while_their_sql_is_kept(client, world, day):
    """The officer's class rows keep their SQL and the way rows become classes per login
    (accounts.access.kept_objects); a new class, a renamed one and new learners show on the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.access import remembered
    from training.models import Klass

    def rows():
        _page, panels = _panels(client, world.officer_a)
        return {k.code: (k.name, k.enrolled, k.centre.name) for g in panels["officer"]["groups"] for k in g["rows"]}

    with CaptureQueriesContext(connection) as cold:
        before = rows()
    assert before[day["running"].code][1] == 2
    with CaptureQueriesContext(connection) as warm:
        rows()
    # The dashboard's figures are kept while the centre's data stands (core.versions): fewer reads.
    assert len(warm) < len(cold)
    added = make.klass(world.centre_a, day["running"].version, start_date=day["today"] + dt.timedelta(days=20),
                       end_date=day["today"] + dt.timedelta(days=25))
    Klass.objects.filter(pk=day["planned"].pk).update(name="Lớp đổi tên")
    make.enrol(day["running"], f.PersonFactory(centre=world.centre_a))
    with CaptureQueriesContext(connection) as again:
        after = rows()
    assert len(warm) < len(again) <= len(cold)  # the figures read again, nothing more
    assert added.code in after and after[day["planned"].code][0] == "Lớp đổi tên"
    assert after[day["running"].code][1] == 3 and after[added.code][2] == world.centre_a.name
    assert any(key[2:3] == ("objects",) and key[4] == "home-centre-classes" for key in remembered._entries)


@pytest.mark.django_db(transaction=True)
def test_the_supervisors_centres_and_counts_follow_the_data_while_kept(client, world, day):
    """The province's centres are kept under the access token, the counts' SQL per login: a renamed centre,
    a new class and a new learner show on the next request."""
    from org.models import Centre

    def province():
        _page, panels = _panels(client, world.supervisor)
        return {c.code: (c.name, c.class_total, c.learner_total) for c in panels["supervisor"]["centres"]}

    before = province()
    Centre.objects.filter(pk=world.centre_b.pk).update(name="Trung tâm đổi tên")
    added = make.klass(world.centre_b, status="open", start_date=day["today"], end_date=day["today"])
    make.enrol(added, world.person_b)
    after = province()
    assert after["B"] == ("Trung tâm đổi tên", before["B"][1] + 1, before["B"][2] + 1)
    assert after["A"] == before["A"]
