"""Matching nomination rows to the person registry; the preview result and its JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from people.models import Person
from tests import factories as f
from training.nominations import sample_workbooks as W
from training.nominations.services import preview_nominations
from training.tests.factories import nominations as support


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview(data: bytes, *, actor=None, overrides=None):
    return support.preview_rows(data, actor=actor, overrides=overrides, today=W.TODAY)


def messages(row) -> list[str]:
    return [m.display for m in row.messages]


@pytest.mark.django_db
def test_a_person_found_by_id_lists_each_difference_for_consent():
    an = f.PersonFactory(family_name="Nguyễn", middle_name="Văn", given_name="An", national_id=W.AN_ID,
                         date_of_birth=dt.date(1990, 5, 17), ethnicity="Kinh", position="Đoàn viên",
                         workplace="Thôn 3, xã Yên Sơn")
    result = preview(W.party_list())
    row = result.row(10)
    assert row.person_id == an.pk
    assert [(d.field, d.column, d.current, d.proposed) for d in row.differences] == [
        ("is_party_member", "H", False, True),
        ("party_admission_date", "H", None, dt.date(2025, 6, 1)),
        ("position", "J", "Đoàn viên", "Bí thư Chi đoàn"),
    ]
    assert messages(row)[1:] == [
        "Row 10, column H (Party member): The registry has no, the file yes; the registry is changed only if you "
        "agree.",
        "Row 10, column H (Party admission date): The registry has (empty), the file 01/06/2025; the registry is "
        "changed only if you agree.",
        "Row 10, column J (Position): The registry has Đoàn viên, the file Bí thư Chi đoàn; the registry is changed "
        "only if you agree.",
    ]
    assert str(row.status) == "warning"


@pytest.mark.django_db
def test_the_same_id_twice_in_the_file_is_a_duplicate():
    result = preview(W.party_list())
    row = result.row(15)
    assert (str(row.status), row.duplicate_of) == ("duplicate", 10)
    assert messages(row)[-1] == "Row 15, column E (Citizen ID): Same citizen ID as row 10; this row is skipped."


@pytest.mark.django_db
def test_same_name_and_birth_date_is_only_a_possible_match():
    registered = f.PersonFactory(family_name="Lưu", middle_name="Văn", given_name="Khang", national_id=None,
                                 date_of_birth=dt.date(1990, 1, 1))
    homonym = f.PersonFactory(family_name="Kim", middle_name="Văn", given_name="Sơn", date_of_birth=dt.date(1990, 1, 1))
    result = preview(W.front_list())

    khang = result.row(10)  # no ID in the file
    assert (khang.person_id, khang.candidate_ids) == (None, [registered.pk])
    assert messages(khang) == [
        "Row 10, column G (Citizen ID): No citizen ID; the person is matched by name and date of birth only.",
        "Row 10: Possible match: the registry has a person with the same name and date of birth; confirm whether "
        "this is the same person.",
    ]
    assert str(khang.status) == "warning"  # the possible match has the gender; no error about it

    son = result.row(8)  # an ID that is not in the registry, but a namesake born the same day is
    assert (son.person_id, son.candidate_ids) == (None, [])
    assert "Row 8, column G (Citizen ID): The registry has a person with the same name and date of birth but a " \
           "different citizen ID; check the ID." in messages(son)
    assert homonym.pk not in son.candidate_ids


@pytest.mark.django_db
def test_a_new_person_needs_a_gender():
    result = preview(W.front_list())
    assert messages(result.row(10))[-1] == ("Row 10, column E (Gender): The gender is missing; it is needed to "
                                            "register a new person.")
    assert str(result.row(10).status) == "error"


@pytest.mark.django_db
def test_a_merged_record_resolves_to_the_person_it_was_merged_into():
    kept = f.PersonFactory(national_id=make_id(1), family_name="Nguyễn", middle_name="Thị", given_name="Hường",
                           gender="female", date_of_birth=dt.date(1992, 5, 17), ethnicity="Tày")
    old = f.PersonFactory(national_id=W.HUONG_ID, gender="female", date_of_birth=dt.date(1992, 5, 17))
    Person.objects.filter(pk=old.pk).update(merged_into=kept)
    result = preview(W.party_list())
    row = result.row(11)
    assert row.person_id == kept.pk
    assert [d.field for d in row.differences] == ["is_party_member", "party_admission_date", "position"]


def make_id(serial: int) -> str:
    from people.national_id import make_valid_id

    return make_valid_id("002", "female", 1992, serial)


@pytest.mark.django_db
def test_a_person_outside_the_users_scope_is_matched_without_showing_their_record(world):
    outsider = f.PersonFactory(centre=world.centre_c, national_id=W.AN_ID, date_of_birth=dt.date(1990, 5, 17),
                               position="Đoàn viên")
    result = preview(W.party_list(), actor=world.officer_a)
    row = result.row(10)
    assert (row.person_id, row.differences) == (outsider.pk, [])
    assert messages(row)[-1] == ("Row 10, column E (Citizen ID): This person is already in the registry, kept by another "
                                 "centre; the registry record is used as it is.")
    # The same person seen by someone whose scope covers them: the differences are offered.
    assert preview(W.party_list(), actor=world.admin).row(10).differences


@pytest.mark.django_db
def test_matching_runs_the_same_queries_for_10_and_300_rows():
    people = W.large_list_people(300)
    centre = f.CentreFactory()
    for person in people[::3]:  # every third person is already registered
        f.PersonFactory(national_id=person["national_id"], gender=person["gender"],
                        date_of_birth=person["date_of_birth"], centre=centre)
    counts = []
    for size in (10, 300):
        data = W.large_list(size)
        klass = support.klass(centre, support.programme(), capacity=10_000)
        with CaptureQueriesContext(connection) as queries:
            result = preview_nominations(actor=None, klass=klass, source=data, today=W.TODAY).result
        counts.append(len(queries))
        assert len(result.rows) == size
        assert [r.row for r in result.rows if r.person_id] == [r.row for r in result.rows][::3]
        assert {str(r.status) for r in result.rows} <= {"ok", "warning"}
    # Matching: one query for the IDs, one for the name-and-birth-date candidates of the unmatched rows;
    # the class's rules a fixed handful more.
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_fixing_a_cell_in_the_preview():
    result = preview(W.party_list(), overrides={14: {"dob_male": "28/02/1991"}, 16: {"dob_male": "",
                                                                                      "dob_female": "20/11/1985"}})
    assert (str(result.row(14).status), result.row(14).date_of_birth) == ("ok", dt.date(1991, 2, 28))
    assert (str(result.row(16).status), result.row(16).values["gender"]) == ("ok", "female")
    assert result.row(16).columns["date_of_birth"] == "D"


@pytest.mark.django_db
def test_json_output():
    result = preview(W.party_list())
    data = json.loads(result.to_json())
    assert data["summary"] == {
        "sheet": "DS cu di hoc", "header_row": 7, "total": 6, "ok": 1, "warning": 2, "error": 2, "duplicate": 1,
        "new_persons": 3, "existing_persons": 0, "skipped_rows": 1, "errors": [],
    }
    assert data["rows"][0] == {
        "row": 10, "status": "warning", "full_name": "Nguyễn Văn An", "national_id": "001090012345",
        "date_of_birth": "1990-05-17",
        "messages": ["Row 10, column E (Citizen ID): The citizen ID was stored as a number and lost its leading "
                     "zero; it was restored as 001090012345."],
    }
    assert data["rows"][3] == {
        "row": 14, "status": "error", "full_name": "Lê Văn Cường", "national_id": "026091000777",
        "date_of_birth": None,
        "messages": ["Row 14, column C (Date of birth): 31/02/1991 is not a valid date: month 2/1991 has no day 31."],
    }
    assert [(r["row"], r["status"]) for r in data["rows"]] == [
        (10, "warning"), (11, "ok"), (13, "warning"), (14, "error"), (15, "duplicate"), (16, "error")]


@pytest.mark.django_db
def test_a_file_that_is_not_a_list_gives_one_file_error():
    result = preview(b"not a workbook")
    assert (result.rows, result.has_errors) == ([], True)
    assert json.loads(result.to_json())["summary"]["errors"] == [
        "The file is not an Excel workbook (.xlsx); save it as .xlsx and try again."]
