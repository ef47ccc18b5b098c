"""The nomination import as the access walk's officer of another centre uses it: nothing of centre A's
persons is shown, offered or changed to centre B's officer, whatever the file says."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from people.models import Person
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.nominations.importers import save_persons
from training.nominations.importers.result import ImportRow
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chức vụ", "Đơn vị công tác", "Số điện thoại"]


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def person_a(world):
    person = world.person_a
    person.position, person.workplace, person.phone = "Bí thư chi bộ", "Thôn 5 xã Yên Sơn", "0911000111"
    person.save()
    return person


@pytest.fixture
def klass_b(world):
    return s.klass(world.centre_b, s.programme("DVM"))


def _list(person, *, with_id: bool) -> bytes:
    row = [1, person.full_name, person.date_of_birth.strftime("%d/%m/%Y"), "Nữ",
           person.national_id if with_id else None, "Kế toán", "Công ty ABC", "0988777666"]
    return w.build({3: HEADERS, 4: row})


def _preview_url(client, klass, data) -> str:
    file = io.BytesIO(data)
    file.name = "ds.xlsx"
    response = client.post(reverse("training:nomination_upload", args=[klass.pk]), {"file": file})
    assert response.status_code == 302 and "/import/" in response["Location"], response
    return response["Location"]


def _unchanged(person) -> None:
    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.position, fresh.workplace, fresh.phone, fresh.national_id) == (
        person.position, person.workplace, person.phone, person.national_id)


def test_name_and_birth_date_of_another_centres_person_is_no_possible_match(client, world, person_a, klass_b):
    client.force_login(world.officer_b)
    url = _preview_url(client, klass_b, _list(person_a, with_id=False))
    page = client.get(url).content.decode()
    assert person_a.national_id not in page and "0911000111" not in page and "Thôn 5" not in page
    assert 'name="link-4"' not in page
    # A forged link to the person is not followed: the row registers a new person, A's record stays.
    response = client.post(url, {"action": "confirm", "link-4": str(person_a.pk), "consent_all": "1"})
    assert response.status_code == 302
    _unchanged(person_a)
    enrolment = Enrolment.objects.get(klass=klass_b)
    assert enrolment.person_id != person_a.pk
    assert client.get(reverse("people:person_detail", args=[person_a.pk])).status_code == 404


def test_another_centres_citizen_id_enrols_without_showing_or_changing_the_record(client, world, person_a, klass_b):
    client.force_login(world.officer_b)
    url = _preview_url(client, klass_b, _list(person_a, with_id=True))
    page = client.get(url).content.decode()
    assert "kept by another centre" in page or "do trung tâm khác quản lý" in page
    assert "0911000111" not in page and "Thôn 5" not in page and "Bí thư chi bộ" not in page
    assert 'name="consent-4"' not in page
    response = client.post(url, {"action": "confirm", "consent_all": "1", "consent": ["4"]})
    assert response.status_code == 302
    assert Enrolment.objects.get(klass=klass_b).person_id == person_a.pk
    _unchanged(person_a)
    assert client.get(reverse("people:person_edit", args=[person_a.pk])).status_code in (403, 404)
    assert client.post(reverse("people:person_edit", args=[person_a.pk]),
                       {"family_name": "X", "given_name": "Y"}).status_code in (403, 404)
    _unchanged(person_a)


def test_a_person_visible_as_a_learner_is_still_not_changed_by_the_import(world, person_a, klass_b):
    # Once A's person learns in B's class, B sees the person; B still may not change A's record.
    Enrolment.objects.create(klass=klass_b, person=person_a, status=Enrolment.Status.WITHDRAWN)
    data = _list(person_a, with_id=True)
    preview = preview_nominations(actor=world.officer_b, klass=klass_b, source=data, today=w.TODAY)
    row = preview.result.rows[0]
    assert row.person_id == person_a.pk and not row.differences
    import_nominations(actor=world.officer_b, klass=klass_b, source=data, choices=Choices(consent_all=True),
                       today=w.TODAY)
    _unchanged(person_a)


def test_save_persons_refuses_to_change_a_record_outside_the_actors_centres(world, person_a):
    row = ImportRow(row=4, values={"position": "Kế toán", "workplace": "Công ty ABC", "phone": "0988777666",
                                   "family_name": person_a.family_name, "middle_name": person_a.middle_name,
                                   "given_name": person_a.given_name, "date_of_birth": person_a.date_of_birth})
    row.person_id = person_a.pk
    save_persons([row], actor=world.officer_b, consented_rows={4})
    _unchanged(person_a)


def test_the_officers_own_centres_person_is_still_offered_and_updated(client, world, klass_b):
    own = world.person_b
    own.position = "Cũ"
    own.save()
    client.force_login(world.officer_b)
    url = _preview_url(client, klass_b, _list(own, with_id=False))
    page = client.get(url).content.decode()
    assert 'name="link-4"' in page
    assert client.post(url, {"action": "confirm", "link-4": str(own.pk), "consent_all": "1"}).status_code == 302
    assert Person.objects.get(pk=own.pk).position == "Kế toán"
    assert Enrolment.objects.get(klass=klass_b).person_id == own.pk


def test_a_learner_of_another_centre_cannot_be_taken_over_through_the_api(client, world, person_a, klass_b):
    # Visible to B as a learner of B's class; moving the record to centre B is still editing A's record.
    from api.tests.test_api import _auth

    Enrolment.objects.create(klass=klass_b, person=person_a)
    url = f"/api/persons/{person_a.pk}"
    record = client.get(url, **_auth(world.officer_b)).json()
    payload = {key: record[key] for key in ("family_name", "middle_name", "given_name", "gender", "date_of_birth")}
    payload.update(national_id=person_a.national_id, centre_id=world.centre_b.pk, phone="0988777666",
                   position="Kế toán", workplace="Công ty ABC")
    response = client.put(url, payload, content_type="application/json", **_auth(world.officer_b))
    assert response.status_code in (403, 404)
    _unchanged(person_a)
    assert Person.objects.get(pk=person_a.pk).centre_id == world.centre_a.pk
