"""A text longer than its column is refused before the database sees it: a 422 naming the field and its maximum,
the same on SQLite (which stores any length) and PostgreSQL (which raises a bare DataError), and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from api.tests.test_api import _auth
from core.bulk import create_rows, insert_rows
from core.models import AuditEvent
from facilities import services as facility_services
from facilities.models import Equipment, EquipmentCategory
from people.models import Person
from training.classes import services as class_services
from training.models import Attendance, Klass, Session
from training.tests.factories import classes as make
from training.tests.factories.timetable import learners, make_class, session

pytestmark = pytest.mark.django_db


def _post(client, user, url, payload):
    return client.post(url, payload, content_type="application/json", **_auth(user))


def _message(response, field: str) -> str:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert field in detail, detail
    return " ".join(detail[field])


def test_a_person_with_an_over_long_given_name(client, world):
    payload = {"family_name": "Nguyễn", "middle_name": "Văn", "given_name": "A" * 51, "gender": "male",
               "date_of_birth": "1990-05-17", "centre_id": world.centre_a.pk}
    message = _message(_post(client, world.officer_a, "/api/persons", payload), "given_name")
    assert "50" in message
    assert not Person.objects.filter(given_name__startswith="AAAA").exists()


def test_a_class_with_an_over_long_name(client, world):
    ver = make.version()
    payload = {"centre_id": world.centre_a.pk, "version_id": ver.pk, "start_date": "2026-03-02",
               "end_date": "2026-03-06", "name": "Lớp " + "x" * 300}
    message = _message(_post(client, world.officer_a, "/api/training/classes", payload), "name")
    assert "Tên lớp" in message and "300" in message, message
    assert not Klass.objects.exists()
    assert not AuditEvent.objects.filter(object_type="training.klass").exists()


def test_a_session_with_an_over_long_venue(client, world):
    klass = make_class(world.centre_a)
    payload = {"date": "2026-03-02", "part": "morning", "venue": "Hội trường " + "B" * 300}
    message = _message(_post(client, world.officer_a, f"/api/training/classes/{klass.pk}/sessions", payload),
                       "venue")
    assert "Địa điểm" in message and "300" in message, message
    assert not Session.objects.filter(klass=klass).exists()


def test_an_attendance_sheet_with_an_over_long_note(client, world):
    """The sheet is written with bulk_create and bulk_update."""
    klass = make_class(world.centre_a)
    enrolled = learners(klass, 2)
    sheet = session(klass, dt.date(2026, 3, 2))
    url = f"/api/training/sessions/{sheet.pk}/attendance"
    marks = [{"enrolment_id": e.pk, "status": "excused", "note": "Ốm"} for e in enrolled]
    response = client.put(url, {"marks": marks}, content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 200, response.content
    marks[1]["note"] = "n" * 201
    response = client.put(url, {"marks": [{**m, "status": "unexcused"} for m in marks]},
                          content_type="application/json", **_auth(world.officer_a))
    assert "200" in _message(response, "note")
    assert set(Attendance.objects.filter(session=sheet).values_list("status", "note")) == {("excused", "Ốm")}


def test_equipment_with_an_over_long_name(client, world):
    payload = {"centre_id": world.centre_a.pk, "category": "sound", "name": "Loa " + "x" * 200, "quantity": 1}
    message = _message(_post(client, world.officer_a, "/api/facilities/equipment", payload), "name")
    assert "200" in message
    assert not Equipment.objects.filter(name__startswith="Loa").exists()


def test_the_message_is_vietnamese_and_names_the_field(world):
    klass = make.klass(world.centre_a)
    klass.off_site_venue = "x" * 301
    with translation.override("vi"), pytest.raises(ValidationError) as caught, transaction.atomic():
        klass.save()
    assert set(caught.value.message_dict) == {"off_site_venue"}
    message = caught.value.message_dict["off_site_venue"][0]
    assert message == "Địa điểm ngoài trung tâm: tối đa 300 ký tự (đã nhập 301).", message
    klass.refresh_from_db()
    assert klass.off_site_venue == ""


def test_a_service_called_directly_refuses(world):
    ver = make.version()
    with pytest.raises(ValidationError) as caught:
        class_services.open_class(actor=world.officer_a, centre=world.centre_a, version=ver,
                                  start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 6),
                                  opening_decision_number="1" * 61, opening_decision_date=dt.date(2026, 2, 20))
    assert "opening_decision_number" in caught.value.message_dict
    assert not Klass.objects.exists()


def test_a_service_that_validates_keeps_its_own_message(world):
    category = EquipmentCategory.objects.get(code="sound")
    item = Equipment(centre=world.centre_a, category=category, name="x" * 201, quantity=1)
    with pytest.raises(ValidationError) as caught:
        facility_services.save_equipment(actor=world.officer_a, item=item)
    assert "name" in caught.value.message_dict
    assert not Equipment.objects.filter(centre=world.centre_a).exists()


def test_a_queryset_update_refuses(world):
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        Person.objects.filter(pk=world.person_a.pk).update(position="x" * 1000)
    assert "position" in caught.value.message_dict


def _people(world, n: int, **long) -> list[Person]:
    rows = [Person(family_name="Trần", given_name=f"Bình{'ABCDEFGHIJ'[i]}", gender="male",
                   date_of_birth=dt.date(1990, 1, 1 + i), centre=world.centre_a) for i in range(n)]
    for name, value in long.items():
        setattr(rows[-1], name, value)
    return rows


@pytest.mark.parametrize("write", [
    lambda rows: Person.objects.bulk_create(rows),
    lambda rows: create_rows(Person, rows),
    lambda rows: insert_rows(Person, rows),
], ids=["bulk_create", "create_rows", "insert_rows"])
def test_bulk_inserts_refuse(world, write):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        write(_people(world, 3, workplace="x" * 1000))
    assert "workplace" in caught.value.message_dict
    assert Person.objects.count() == before


def test_bulk_update_refuses(world):
    people = create_rows(Person, _people(world, 3))
    people[1].workplace = "x" * 1000
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        Person.objects.bulk_update(people, ["workplace"])
    assert "workplace" in caught.value.message_dict
    assert not Person.objects.filter(workplace__startswith="xxx").exists()


def test_values_at_the_limit_are_stored(world):
    klass = make.klass(world.centre_a)
    klass.name = "Đ" * 300  # characters, not bytes
    klass.save()
    klass.refresh_from_db()
    assert len(klass.name) == 300
