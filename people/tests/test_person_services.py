import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from people import services
from people.models import Person
from people.national_id import make_valid_id
from tests import factories as f


def _new_person(world, **overrides):
    data = dict(family_name="Nguyễn", middle_name="Văn", given_name="Tùng", gender="male",
                date_of_birth=dt.date(1985, 3, 2), centre=world.centre_a,
                national_id=make_valid_id("008", "male", 1985, 4242))
    data.update(overrides)
    return Person(**data)


@pytest.mark.django_db
def test_create_person_writes_audit(world):
    person = services.save_person(actor=world.officer_a, person=_new_person(world))
    event = AuditEvent.objects.for_object(person).get()
    assert event.action == "create" and event.actor == world.officer_a
    assert event.after["national_id"] == person.national_id


@pytest.mark.django_db
def test_update_records_before_and_after(world):
    person = world.person_a
    person.workplace = "UBND xã Yên Sơn"
    services.save_person(actor=world.officer_a, person=person, reason="cập nhật")
    event = AuditEvent.objects.for_object(person).get()
    assert event.before["workplace"] == "" and event.after["workplace"] == "UBND xã Yên Sơn"
    assert event.reason == "cập nhật"


@pytest.mark.django_db
def test_audit_log_is_append_only(world):
    event = services.save_person(actor=world.officer_a, person=_new_person(world)) and AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"national_id": "003190012345"}, "national_id"),
        ({"national_id": make_valid_id("008", "female", 1985, 1)}, "national_id"),
        ({"date_of_birth": dt.date(2099, 1, 1)}, "date_of_birth"),
        ({"party_admission_date": dt.date(2000, 1, 1)}, "party_admission_date"),
        ({"party_admission_date": dt.date(2010, 1, 1), "party_full_membership_date": dt.date(2009, 1, 1)},
         "party_full_membership_date"),
    ],
)
def test_bad_person_data_rejected_and_nothing_saved(world, overrides, field):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.save_person(actor=world.officer_a, person=_new_person(world, **overrides))
    assert field in error.value.message_dict
    assert Person.objects.count() == before
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_duplicate_id_rejected(world):
    with pytest.raises(ValidationError) as error:
        services.save_person(actor=world.officer_a, person=_new_person(world, national_id=world.person_a.national_id,
                                                                        gender="female", date_of_birth=dt.date(1990, 5, 17)))
    assert "national_id" in error.value.message_dict


@pytest.mark.django_db
def test_out_of_scope_centre_refused(world):
    with pytest.raises(PermissionDenied):
        services.save_person(actor=world.officer_b, person=_new_person(world))


@pytest.mark.django_db
def test_form_shows_vietnamese_message_naming_the_field(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("people:person_create"), {
        "family_name": "Lê", "given_name": "Lan", "gender": "female", "national_id": "003190012345",
        "date_of_birth": "31/02/1990", "ethnicity": "Kinh", "centre": world.centre_a.pk,
    })
    assert response.status_code == 200
    form = response.context["form"]
    assert "date_of_birth" in form.errors
    assert not Person.objects.filter(given_name="Lan").exists()
    response = client.post(reverse("people:person_create"), {
        "family_name": "Lê", "given_name": "Lan", "gender": "female", "national_id": "003190012345",
        "date_of_birth": "28/02/1990", "ethnicity": "Kinh", "centre": world.centre_a.pk,
    })
    html = response.content.decode()
    assert "003 không phải là mã tỉnh" in html
    assert not Person.objects.filter(given_name="Lan").exists()


@pytest.mark.django_db
def test_diacritic_free_search(client, world):
    client.force_login(world.officer_a)
    html = client.get(reverse("people:person_list"), {"q": "nguyen thi huong"}).content.decode()
    assert "Nguyễn Thị Hường" in html
    html = client.get(reverse("people:person_list"), {"q": "huong"}).content.decode()
    assert "Nguyễn Thị Hường" in html and "Lê Thị Học" not in html


@pytest.mark.django_db
def test_personal_data_hidden_from_viewer(client, world):
    client.force_login(world.viewer_a)
    html = client.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert world.person_a.national_id not in html and "17/05/1990" not in html
    client.force_login(world.officer_a)
    html = client.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert world.person_a.national_id in html and "17/05/1990" in html


@pytest.mark.django_db
def test_duplicates_found_and_merged_keeping_links(client, world):
    first = f.PersonFactory(centre=world.centre_a, national_id=None, family_name="Bùi", middle_name="Thị", given_name="Mơ",
                            gender="female")
    second = f.PersonFactory(centre=world.centre_a, national_id=None, family_name="Bui", middle_name="Thi", given_name="Mo",
                             gender="female")
    staff = f.StaffAssignmentFactory(centre=world.centre_a, person=second)
    groups = services.probable_duplicates(Person.objects.visible_to(world.officer_a))
    assert [sorted(p.pk for p in g) for g in groups] == [sorted([first.pk, second.pk])]
    client.force_login(world.officer_a)
    response = client.post(reverse("people:merge"), {"keep": first.pk, "ids": [first.pk, second.pk], "reason": "trùng"})
    assert response.status_code == 302
    staff.refresh_from_db()
    second.refresh_from_db()
    assert staff.person_id == first.pk
    assert second.archived and second.merged_into_id == first.pk
    assert AuditEvent.objects.filter(action="merge").count() == 2


@pytest.mark.django_db
def test_merge_refused_for_different_ids(world):
    other = f.PersonFactory(centre=world.centre_a)
    with pytest.raises(ValidationError):
        services.merge_persons(actor=world.officer_a, keep=world.person_a, duplicates=[other], reason="x")


@pytest.mark.django_db
def test_export_follows_filters_and_hides_ids_from_viewer(client, world):
    import io

    from openpyxl import load_workbook

    client.force_login(world.officer_a)
    response = client.get(reverse("people:person_export"), {"q": "huong"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Nguyễn Thị Hường"]
    assert world.person_a.national_id in rows[1]
    client.force_login(world.viewer_a)
    rows = list(load_workbook(io.BytesIO(client.get(reverse("people:person_export")).content)).active.iter_rows(
        values_only=True))
    assert all(world.person_a.national_id not in row for row in rows)
    assert len(rows) > 1
    client.force_login(world.learner_a)
    assert client.get(reverse("people:person_export")).status_code == 403
