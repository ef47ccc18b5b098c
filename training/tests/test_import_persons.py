"""Writing the registry side of a confirmed nomination import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.scope import scope_of
from core.models import AuditEvent
from people.models import Person
from tests import factories as f
from training.nominations import sample_workbooks as W
from training.nominations.importers import ImportBlocked, save_persons
from training.tests.factories import nominations as support

# Rows 14 and 16 of the party list are in error; these fixes are what the user types in the preview.
FIXES = {14: {"dob_male": "28/02/1991"}, 16: {"dob_male": "", "dob_female": "20/11/1985"}}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview(data: bytes, *, actor=None, overrides=None):
    return support.preview_rows(data, actor=actor, overrides=overrides, today=W.TODAY)


def registry_state():
    return (list(Person.objects.order_by("pk").values()), AuditEvent.objects.count())


@pytest.fixture
def an(world):
    return f.PersonFactory(centre=world.centre_a, family_name="Nguyễn", middle_name="Văn", given_name="An",
                           national_id=W.AN_ID, date_of_birth=dt.date(1990, 5, 17), position="Đoàn viên",
                           workplace="Thôn 3, xã Yên Sơn")


@pytest.mark.django_db
def test_new_persons_are_created_and_a_consented_update_is_applied(world, an):
    result = preview(W.party_list(), overrides=FIXES, actor=world.officer_a)
    organisation = f.SendingOrganisationFactory(centre=world.centre_a, province=world.province)
    persons = save_persons(result.rows, actor=world.officer_a, consented_rows={10}, centre=world.centre_a,
                           sending_organisation=organisation)

    assert sorted(persons) == [10, 11, 13, 14, 15, 16]
    assert persons[15] == persons[10] == an  # row 15 repeats row 10
    an.refresh_from_db()
    assert (an.position, an.party_admission_date, an.is_party_member) == ("Bí thư Chi đoàn", dt.date(2025, 6, 1),
                                                                          True)
    huong = Person.objects.get(national_id=W.HUONG_ID)
    assert persons[11] == huong
    assert (huong.full_name, huong.gender, huong.date_of_birth, huong.ethnicity, huong.is_party_member) == (
        "Nguyễn Thị Hường", "female", dt.date(1992, 5, 17), "Tày", True)
    assert (huong.centre, huong.sending_organisation, huong.name_key) == (world.centre_a, organisation,
                                                                          "nguyen thi huong")
    assert huong.sort_key  # filled although bulk_create skips save()
    assert Person.objects.filter(national_id__in=[W.BINH_ID, W.CUONG_ID, W.DUNG_ID]).count() == 3
    assert Person.objects.get(national_id=W.DUNG_ID).gender == "female"

    created = AuditEvent.objects.filter(action="import", object_type="people.person")
    assert sorted(int(e.object_id) for e in created) == sorted(p.pk for n, p in persons.items() if n not in (10, 15))
    assert all(e.actor == world.officer_a for e in created)
    [update] = AuditEvent.objects.filter(action="update", object_id=str(an.pk))
    assert update.before == {"is_party_member": False, "party_admission_date": None, "position": "Đoàn viên"}
    assert update.after == {"is_party_member": True, "party_admission_date": "2025-06-01",
                            "position": "Bí thư Chi đoàn"}


@pytest.mark.django_db
def test_without_consent_the_registry_record_is_left_as_it_is(world, an):
    result = preview(W.party_list(), overrides=FIXES)
    before = Person.objects.filter(pk=an.pk).values().get()
    persons = save_persons(result.rows, actor=world.officer_a)
    assert persons[10] == an
    assert Person.objects.filter(pk=an.pk).values().get() == before
    assert not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.django_db
def test_one_row_in_error_writes_nothing(world, an):
    result = preview(W.party_list(), overrides={14: FIXES[14]})  # row 16 is still wrong
    state = registry_state()
    with pytest.raises(ImportBlocked, match="Rows with errors: 16. Fix or skip them"):
        save_persons(result.rows, actor=world.officer_a, consented_rows={10})
    assert registry_state() == state
    # Skipping the row in error lets the rest through.
    kept = [r for r in result.rows if r.row != 16]
    assert sorted(save_persons(kept, actor=world.officer_a)) == [10, 11, 13, 14, 15]


def khang_list(national_id: str = W.make_valid_id("001", "male", 1990, 99)) -> bytes:
    return W.build({1: ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chức vụ"],
                    2: [1, "Lưu Văn Khang", "01/01/1990", "Nam", national_id, "Trưởng thôn"]})


@pytest.mark.django_db
def test_a_confirmed_possible_match_is_linked_and_gets_the_id_with_consent(world):
    registered = f.PersonFactory(family_name="Lưu", middle_name="Văn", given_name="Khang", national_id=None,
                                 date_of_birth=dt.date(1990, 1, 1), position="")
    result = preview(khang_list())
    assert result.row(2).candidate_ids == [registered.pk]
    count = Person.objects.count()

    persons = save_persons(result.rows, actor=world.admin, links={2: registered.pk}, consented_rows={2})
    assert persons[2] == registered
    registered.refresh_from_db()
    assert (registered.national_id, registered.position) == (W.make_valid_id("001", "male", 1990, 99), "Trưởng thôn")
    assert Person.objects.count() == count
    [update] = AuditEvent.objects.filter(action="update", object_id=str(registered.pk))
    assert update.before == {"legacy_id": False, "national_id": None, "position": ""}


@pytest.mark.django_db
def test_a_link_to_someone_who_is_not_a_possible_match_is_refused(world):
    stranger = f.PersonFactory()
    result = preview(khang_list())
    state = registry_state()
    with pytest.raises(ImportBlocked, match="Rows linked to a person who is not one of their possible matches: 2."):
        save_persons(result.rows, actor=world.admin, links={2: stranger.pk})
    assert registry_state() == state


@pytest.mark.django_db
def test_an_id_registered_after_the_preview_is_used_not_duplicated(world):
    result = preview(khang_list())
    meanwhile = f.PersonFactory(national_id=W.make_valid_id("001", "male", 1990, 99), position="Cán bộ")
    count = Person.objects.count()
    persons = save_persons(result.rows, actor=world.admin, consented_rows={2})
    assert persons[2] == meanwhile
    meanwhile.refresh_from_db()
    assert meanwhile.position == "Cán bộ"  # consent was given against another record: nothing applied
    assert Person.objects.count() == count


@pytest.mark.django_db
def test_saving_runs_the_same_queries_for_10_and_200_rows(world):
    counts = []
    scope_of(world.admin)  # the actor's scope is computed once per request, not per row
    for size, start in ((10, 600_000), (200, 700_000)):
        people = W.large_list_people(size, serial_start=start)
        for person in people[::4]:
            f.PersonFactory(national_id=person["national_id"], gender=person["gender"],
                            date_of_birth=person["date_of_birth"], position="Cũ", centre=world.centre_b)
        result = preview(W.large_list(size, serial_start=start))
        consented = {r.row for r in result.rows if r.person_id}
        with CaptureQueriesContext(connection) as queries:
            persons = save_persons(result.rows, actor=world.admin, consented_rows=consented, centre=world.centre_a)
        # Bulk statements are split into batches by the database's parameter limit (999 on SQLite);
        # every other query is made once whatever the size.
        bulk = [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
        counts.append(len(queries) - len(bulk))
        per_statement = 999 // 40 if connection.vendor == "sqlite" else 1000  # persons per INSERT
        assert len(bulk) <= 4 * (1 + size // per_statement)
        assert len(persons) == size
        assert Person.objects.filter(position="Cũ").count() == 0
    assert counts[0] == counts[1]
