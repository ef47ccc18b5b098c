from decimal import Decimal

import pytest

from core.money import amount_in_words, format_money, number_in_words, parse_money, to_dong


@pytest.mark.parametrize("value, text", [
    (0, "0 đ"), (5, "5 đ"), (1250000, "1.250.000 đ"), (Decimal("999.5"), "1.000 đ"), (-35000, "-35.000 đ"),
    (Decimal("12345678901"), "12.345.678.901 đ"),
])
def test_format_money(value, text):
    assert format_money(value) == text


@pytest.mark.parametrize("number, words", [
    (0, "không"), (5, "năm"), (10, "mười"), (15, "mười lăm"), (21, "hai mươi mốt"), (25, "hai mươi lăm"),
    (104, "một trăm linh bốn"), (1000, "một nghìn"), (1005, "một nghìn không trăm linh năm"),
    (1250000, "một triệu hai trăm năm mươi nghìn"), (2000050, "hai triệu không trăm năm mươi"),
    (1_000_000_000, "một tỷ"), (3_000_000_000_000, "ba nghìn tỷ"),
    (1_500_000_000, "một tỷ năm trăm triệu"), (1_000_000_000_000, "một nghìn tỷ"),
])
def test_number_in_words(number, words):
    assert number_in_words(number) == words


def test_amount_in_words_is_capitalised_and_ends_in_dong():
    assert amount_in_words(Decimal("35750000")) == "Ba mươi lăm triệu bảy trăm năm mươi nghìn đồng"


@pytest.mark.parametrize("text, value", [
    ("1.250.000", 1250000), ("1 250 000 đ", 1250000), ("1250000", 1250000), ("12,5", 13), (" ", None),
    (Decimal("7"), 7), (3.0, 3),
])
def test_parse_money(text, value):
    assert parse_money(text) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text", ["abc", "1.2.x", "--5"])
def test_parse_money_refuses_non_amounts(text):
    with pytest.raises(ValueError):
        parse_money(text)


def test_sums_of_rounded_lines_do_not_drift():
    # 0.1 + 0.2 style amounts: in floats a sum of thousands of these drifts; in Decimal it does not.
    lines = [to_dong(Decimal("33333.335") * 3) for _ in range(3000)]
    assert sum(lines) == Decimal(100000) * 3000
    assert sum([0.1] * 10) != 1.0 and sum([Decimal("0.1")] * 10) == 1
