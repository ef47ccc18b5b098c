from decimal import Decimal

import pytest

from core.money import amount_in_words, format_money, number_in_words


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1250000"), "1.250.000 đ"),
    (0, "0 đ"),
    (Decimal("999.5"), "1.000 đ"),
    (-600000, "-600.000 đ"),
    (Decimal("12345678901"), "12.345.678.901 đ"),
])
def test_format_money(value, text):
    assert format_money(value) == text


def test_format_money_of_nothing_is_empty():
    assert format_money(None) == ""


@pytest.mark.parametrize(("value", "words"), [
    (Decimal("1250000"), "Một triệu hai trăm năm mươi nghìn đồng"),
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (105, "Một trăm linh năm đồng"),
    (1000, "Một nghìn đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (2_000_000, "Hai triệu đồng"),
    (7_800_000, "Bảy triệu tám trăm nghìn đồng"),
    (10_600_000, "Mười triệu sáu trăm nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_200_000_500, "Một tỷ hai trăm triệu năm trăm đồng"),
    (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
])
def test_amount_in_words(value, words):
    assert amount_in_words(value) == words


def test_number_in_words_reads_thousands_of_billions():
    assert number_in_words(3_000_000_000_000) == "ba nghìn tỷ"
    assert number_in_words(24) == "hai mươi bốn"
