import datetime as dt

import pytest

from people.national_id import InvalidNationalId, consistency_errors, make_valid_id, parse, province_codes


def test_there_are_63_codes_and_003_is_not_one():
    codes = province_codes()
    assert len(codes) == 63
    assert "003" not in codes and "001" in codes


def test_valid_id_parts():
    parsed = parse("001090012345")
    assert parsed.province_code == "001" and parsed.gender == "male" and parsed.birth_year_matches(1990)
    female_2000s = parse("008305012345")
    assert female_2000s.gender == "female" and female_2000s.birth_year_matches(2005)


@pytest.mark.parametrize(
    "value, fragment",
    [("12345", "12 chữ số"), ("003190012345", "003"), ("00119001234A", "chỉ gồm chữ số"), ("", "Chưa nhập")],
)
def test_invalid_ids(value, fragment):
    with pytest.raises(InvalidNationalId) as error:
        parse(value)
    assert fragment in str(error.value)


def test_spreadsheet_mangling_is_undone():
    assert parse(8190012345.0, restore_leading_zeros=True).value == "008190012345"
    assert parse("001 190 012 345").value == "001190012345"


def test_legacy_nine_digits_flagged():
    parsed = parse("012345678")
    assert parsed.legacy and consistency_errors(parsed, gender="female", date_of_birth=dt.date(1950, 1, 1)) == []


def test_inconsistent_gender_and_year():
    parsed = parse(make_valid_id("001", "male", 1990, 7))
    errors = consistency_errors(parsed, gender="female", date_of_birth=dt.date(1991, 1, 1))
    assert len(errors) == 2
