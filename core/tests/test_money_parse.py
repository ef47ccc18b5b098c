from decimal import Decimal

import pytest

from core.money import parse_money, to_dong


@pytest.mark.parametrize("text, value", [
    ("1.250.000", 1250000), ("1 250 000 đ", 1250000), ("1250000", 1250000), ("12,5", 13), (" ", None),
    (Decimal("7"), 7), (3.0, 3), ("-35.000", -35000),
])
def test_parse_money(text, value):
    assert parse_money(text) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text", ["abc", "1.2.x", "--5", "02 bộ"])
def test_parse_money_refuses_non_amounts(text):
    with pytest.raises(ValueError):
        parse_money(text)


def test_sums_of_rounded_lines_do_not_drift():
    lines = [to_dong(Decimal("33333.335") * 3) for _ in range(3000)]
    assert sum(lines) == Decimal(100000) * 3000
    assert sum([0.1] * 10) != 1.0 and sum([Decimal("0.1")] * 10) == 1
    assert to_dong(Decimal("999.5")) == 1000 and to_dong(None) == 0
