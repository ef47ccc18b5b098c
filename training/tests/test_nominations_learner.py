"""The learner record on the person page, and the learner's own pages (my classes, my timetable)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.tests.factories import CertificateFactory
from tests import factories as f
from training.models import Enrolment, Klass, Result, Session
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db


def _approved_class(world, centre, code=None):
    return s.klass(centre, s.programme(), status=Klass.Status.CLOSED, code=code, start=dt.date(2025, 9, 8),
                   end=dt.date(2025, 9, 12))


def _certificate(enrolment, number=1):
    return CertificateFactory(enrolment=enrolment, number=number, issued_on=dt.date(2025, 9, 20))


def test_person_page_lists_classes_across_centres_in_scope(client, world):
    done = s.completed(world.person_a, _approved_class(world, world.centre_a, code="DVM-2025-01"))
    Result.objects.filter(enrolment=done).update(final_score="7.5", classification="good")
    _certificate(done)
    s.completed(world.person_a, _approved_class(world, world.centre_b, code="SC-2025-07"))
    s.completed(world.person_a, _approved_class(world, world.centre_c, code="HIDDEN-2025-01"))
    client.force_login(world.supervisor)
    page = client.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert "DVM-2025-01" in page and "SC-2025-07" in page and "HIDDEN-2025-01" not in page
    assert "7,5" in page and "0001/2025" in page


def test_person_page_section_is_not_shown_without_classes(client, world):
    client.force_login(world.officer_a)
    page = client.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert "training/nominations/_person_record" not in page and "DVM-" not in page


def test_person_page_queries_do_not_grow_with_classes(client, world):
    client.force_login(world.officer_a)
    url = reverse("people:person_detail", args=[world.person_a.pk])
    s.completed(world.person_a, _approved_class(world, world.centre_a))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 7):
        _certificate(s.completed(world.person_a, _approved_class(world, world.centre_a)), number=number)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize("persona, status", [("anonymous", 302), ("officer_a", 403), ("learner_a", 200)])
def test_my_pages_access(client, world, persona, status):
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    for name in ("training:my_classes", "training:my_timetable"):
        assert client.get(reverse(name)).status_code == status


def test_my_classes_shows_only_my_own(client, world):
    mine = s.completed(world.learner_person, _approved_class(world, world.centre_a, code="MINE-01"))
    _certificate(mine)
    s.completed(world.person_a, _approved_class(world, world.centre_a, code="OTHER-01"))
    client.force_login(world.learner_a)
    page = client.get(reverse("training:my_classes")).content.decode()
    assert "MINE-01" in page and "OTHER-01" not in page and "0001/2025" in page


def test_my_timetable_in_time_order_without_withdrawn_classes(client, world):
    version = s.programme()
    klass = s.klass(world.centre_a, version, code="TT-01", start=dt.date(2099, 1, 5), end=dt.date(2099, 1, 9))
    left = s.klass(world.centre_a, version, code="LEFT-01", start=dt.date(2099, 2, 2), end=dt.date(2099, 2, 6))
    Enrolment.objects.create(klass=klass, person=world.learner_person)
    Enrolment.objects.create(klass=left, person=world.learner_person, status=Enrolment.Status.WITHDRAWN)
    Session.objects.create(klass=klass, date=dt.date(2099, 1, 5), part="afternoon", note="second")
    Session.objects.create(klass=klass, date=dt.date(2099, 1, 5), part="morning", note="first")
    Session.objects.create(klass=left, date=dt.date(2099, 2, 2), part="morning")
    client.force_login(world.learner_a)
    response = client.get(reverse("training:my_timetable"))
    sessions = response.context["sessions"]
    assert [(x.klass.code, x.part) for x in sessions] == [("TT-01", "morning"), ("TT-01", "afternoon")]


def test_learner_record_of_a_lecturer_who_is_also_a_learner(client, world):
    f.grant(world.lecturer_a, f.Role.LEARNER, centre=world.centre_a)
    s.completed(world.lecturer_profile.person, _approved_class(world, world.centre_a, code="LECT-01"))
    client.force_login(world.lecturer_a)
    assert "LECT-01" in client.get(reverse("training:my_classes")).content.decode()


def test_the_record_labels_a_pass_and_never_shows_the_stored_code(client, world):
    done = s.completed(world.person_a, _approved_class(world, world.centre_a, code="DVM-2025-02"))
    Result.objects.filter(enrolment=done).update(final_score=None, classification="pass")
    client.force_login(world.officer_a)
    page = client.get(reverse("people:person_detail", args=[world.person_a.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    text = page.content.decode()
    assert "DVM-2025-02" in text
    assert "· đạt ·" in " ".join(text.split())
    assert "pass" not in text.split("DVM-2025-02", 1)[1].split("</tr>", 1)[0]
