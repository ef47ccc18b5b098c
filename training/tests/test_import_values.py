"""Reading the cells of a nomination list: dates, citizen IDs, positions, ethnicities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from training.nominations import sample_workbooks as W
from training.nominations.importers import values as V


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# Cell values --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected", "precision"),
    [
        (dt.datetime(1990, 5, 17, 0, 0), dt.date(1990, 5, 17), "day"),
        (dt.date(1990, 5, 17), dt.date(1990, 5, 17), "day"),
        ("17/05/1990", dt.date(1990, 5, 17), "day"),
        ("17-5-1990", dt.date(1990, 5, 17), "day"),
        ("17.05.1990", dt.date(1990, 5, 17), "day"),
        (" 17 / 5 / 1990 ", dt.date(1990, 5, 17), "day"),
        ("1990-05-17", dt.date(1990, 5, 17), "day"),
        ("17/05/1990 00:00:00", dt.date(1990, 5, 17), "day"),
        ("Ngày 17 tháng 5 năm 1990", dt.date(1990, 5, 17), "day"),
        (32980, dt.date(1990, 4, 17), "day"),
        ("32980", dt.date(1990, 4, 17), "day"),
        (1990, dt.date(1990, 1, 1), "year"),
        ("1990", dt.date(1990, 1, 1), "year"),
        ("5/1990", dt.date(1990, 5, 1), "month"),
    ],
)
def test_dates(cell, expected, precision):
    assert V.parse_date(cell) == V.ParsedDate(expected, precision)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31/02/1990", "31/02/1990 is not a valid date: month 2/1990 has no day 31."),
        ("12/13/1990", "12/13/1990 is not a valid date: there is no month 13."),
        ("17/5/90", "17/5/90: write the year with four digits (dd/mm/yyyy)."),
        ("mười bảy", '"mười bảy" is not a date; write it as dd/mm/yyyy.'),
        (dt.time(8, 30), "The cell holds a time, not a date."),
        (-4, "The number -4 is not a date."),
    ],
)
def test_impossible_dates(cell, message):
    with pytest.raises(V.CellError) as caught:
        V.parse_date(cell)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("cell", "expected", "warnings"),
    [
        ("001090012345", "001090012345", 0),
        (1090012345, "001090012345", 1),
        (1090012345.0, "001090012345", 1),
        ("1090012345", "001090012345", 1),
        ("001 090 012 345", "001090012345", 0),
        ("001.090.012.345", "001090012345", 0),
        ("'001090012345", "001090012345", 0),
    ],
)
def test_national_ids(cell, expected, warnings):
    parsed, found = V.parse_national_id(cell)
    assert (parsed.value, len(found)) == (expected, warnings)


def test_national_id_errors():
    with pytest.raises(V.CellError, match="must have 12 digits"):
        V.parse_national_id("0010900123456")
    with pytest.raises(V.CellError, match="003 is not a province code"):
        V.parse_national_id("003090012345")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Bí thư Chi bộ\nThôn 3, xã Yên Sơn", ("Bí thư Chi bộ", "Thôn 3, xã Yên Sơn")),
        ("Chủ tịch UBND - xã Yên Sơn", ("Chủ tịch UBND", "xã Yên Sơn")),
        ("Chuyên viên; Văn phòng Huyện ủy", ("Chuyên viên", "Văn phòng Huyện ủy")),
        ("Chuyên viên, Văn phòng Đảng ủy xã", ("Chuyên viên", "Văn phòng Đảng ủy xã")),
        ("Trưởng thôn", ("Trưởng thôn", "")),
    ],
)
def test_position_and_workplace_in_one_cell(cell, expected):
    assert V.split_position_workplace(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [("kinh", "Kinh"), ("H'Mông", "Mông"), ("Ê-đê", "Ê Đê"),
                                                 ("Dân tộc Tày", "Tày"), (W.nfd("Mường"), "Mường"),
                                                 ("Bru-Vân Kiều", "Bru - Vân Kiều")])
def test_ethnicities(cell, expected):
    assert V.parse_ethnicity(cell) == expected


def test_unknown_ethnicity_is_an_error():
    with pytest.raises(V.CellError, match='"Việt kiều" is not one of the 54 ethnic groups.'):
        V.parse_ethnicity("Việt kiều")
