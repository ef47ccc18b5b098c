"""The person rules: one age range and one set of party-date checks for the form, the API and the import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from people import rules
from people.services import validate_person
from tests import factories as f
from training.nominations.importers.reader import RawRow
from training.nominations.importers.rows import RowParser

TODAY = dt.date(2026, 3, 12)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("born, field_messages", [
    (dt.date(2010, 3, 12), []),  # 16 today
    (dt.date(2010, 3, 13), ["The person would be 15 years old; a learner is at least 16."]),
    (dt.date(1926, 3, 12), []),  # 100 today
    (dt.date(1925, 3, 12), ["The person would be 101 years old; check the year."]),
    (dt.date(2026, 3, 13), ["The date of birth is in the future."]),
])
def test_one_age_range_at_the_reference_date(born, field_messages):
    assert [m for _f, m in rules.birth_date_findings(born, today=TODAY)] == field_messages


def test_party_dates_follow_admission_and_the_18th_birthday():
    born = dt.date(2000, 6, 1)
    assert rules.party_findings(admission=dt.date(2018, 6, 1), full=dt.date(2019, 6, 1), date_of_birth=born,
                                today=TODAY) == []
    assert [f for f, _m in rules.party_findings(admission=dt.date(2018, 5, 31), full=None, date_of_birth=born,
                                                today=TODAY)] == ["party_admission_date"]
    assert rules.party_findings(admission=dt.date(2018, 5, 31), full=None, date_of_birth=born, today=TODAY,
                                birth_date_exact=False) == []
    assert [f for f, _m in rules.party_findings(admission=dt.date(2020, 1, 1), full=dt.date(2019, 1, 1),
                                                date_of_birth=born, today=TODAY)] == ["party_full_membership_date"]
    assert [f for f, _m in rules.party_findings(admission=None, full=dt.date(2019, 1, 1), date_of_birth=born,
                                                today=TODAY)] == ["party_admission_date"]
    assert [f for f, _m in rules.party_findings(admission=dt.date(2026, 4, 1), full=None, date_of_birth=born,
                                                today=TODAY)] == ["party_admission_date"]


@pytest.mark.django_db
@pytest.mark.parametrize("born", [dt.date(2015, 1, 1), dt.date(1920, 1, 1)])
def test_the_registry_and_the_import_refuse_the_same_birth_dates(world, born):
    person = f.PersonFactory.build(centre=world.centre_a, date_of_birth=born, national_id=None)
    with pytest.raises(ValidationError) as refused:
        validate_person(person, today=TODAY)
    registry = refused.value.message_dict["date_of_birth"]

    parser = RowParser(today=TODAY, columns={"full_name": "B", "dob_male": "C"})
    row = parser.parse(RawRow(row=5, cells={"full_name": ("Nguyễn Văn An", "B"),
                                            "dob_male": (born.strftime("%d/%m/%Y"), "C")}))
    assert [m.text for m in row.messages if m.level == "error"] == registry
