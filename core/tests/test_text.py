import datetime as dt
from decimal import Decimal

from core.text import (
    collation_key,
    format_decimal,
    join_full_name,
    long_date,
    name_sort_key,
    nfc,
    parse_decimal,
    search_key,
    split_full_name,
)


def test_search_key_ignores_diacritics_and_folds_d():
    assert search_key("Nguyễn Thị Hường") == "nguyen thi huong"
    assert search_key("ĐẶNG  Quốc   Việt") == "dang quoc viet"


def test_decomposed_text_is_composed():
    decomposed = "Nguye\u0302\u0303n"
    assert nfc(decomposed) == "Nguyễn"
    assert search_key(decomposed) == "nguyen"


def test_vietnamese_alphabet_order():
    words = ["Đào", "Dương", "Ánh", "Ăn", "Ân", "An", "Anh", "Ba", "Ơn", "Ôn", "On", "Ưng", "Ung"]
    assert sorted(words, key=collation_key) == ["An", "Anh", "Ánh", "Ăn", "Ân", "Ba", "Dương", "Đào", "On", "Ôn", "Ơn", "Ung", "Ưng"]


def test_tones_only_break_ties():
    assert sorted(["Hưởng", "Hường", "Hương"], key=collation_key) == ["Hương", "Hường", "Hưởng"]


def test_people_sort_by_given_name_first():
    people = [("Trần", "Văn", "Bình"), ("Nguyễn", "Thị", "An"), ("Lê", "Văn", "An")]
    ordered = sorted(people, key=lambda p: name_sort_key(*p))
    assert ordered == [("Lê", "Văn", "An"), ("Nguyễn", "Thị", "An"), ("Trần", "Văn", "Bình")]


def test_split_full_name():
    assert split_full_name("  Nguyễn Thị  Minh Hường ") == ("Nguyễn", "Thị Minh", "Hường")
    assert split_full_name("Hường") == ("", "", "Hường")


def test_join_full_name_skips_missing_parts():
    assert join_full_name("Nguyễn", "Thị Minh", "Hường") == "Nguyễn Thị Minh Hường"
    assert join_full_name("Lò", "", "Mai") == "Lò Mai"
    assert join_full_name(*split_full_name("Hường")) == "Hường"


def test_decimal_comma_both_ways():
    assert format_decimal(Decimal("7.5")) == "7,5"
    assert parse_decimal("7,5") == Decimal("7.5")
    assert parse_decimal("7.5") == Decimal("7.5")
    assert parse_decimal(" ") is None


def test_official_date_line():
    assert long_date(dt.date(2026, 11, 24)) == "ngày 24 tháng 11 năm 2026"
    assert long_date(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert long_date(dt.date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"


def test_client_address_behind_proxy(rf, settings):
    from core.http import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4")
    settings.TRUST_FORWARDED_FOR = False
    assert client_address(request) == "10.0.0.1"
    settings.TRUST_FORWARDED_FOR = True
    assert client_address(request) == "198.51.100.4"
