"""Vietnamese text helpers: normalisation, diacritic-free search keys, name sorting, formatting.

Every place that compares, searches or sorts Vietnamese text goes through this module, so the
rules (NFC, đ -> d, the Vietnamese alphabet order) live in one spot.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

# The combining diacritical marks block holds every mark Vietnamese uses after NFD.
_COMBINING = re.compile("[\u0300-\u036f]+")

# Vietnamese alphabet order. Letters with a breve, circumflex or horn are letters of their own and
# sort after their base letter; đ sorts after d.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tone marks come after the letters in the collation: no tone, grave (huyền), hook (hỏi),
# tilde (ngã), acute (sắc), dot below (nặng).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


# An import asks for the same forms of the same texts again and again (a name is composed, split,
# checked, keyed and sorted, in the preview and again in the confirm): plain strings are remembered.
# Only `str` itself: a lazy translation is a different text in another language.
_REMEMBERED = 1 << 14  # a few megabytes at most, about the distinct texts of one 5,000-row list


def nfc(text: str | None) -> str:
    """Compose to NFC and fold runs of white space to one space."""
    if not text:
        return ""
    if type(text) is str:
        return _nfc(text)
    return _nfc(str(text))


@lru_cache(maxsize=_REMEMBERED)
def _nfc(text: str) -> str:
    # str.split() splits on exactly the characters the pattern \s matches (str.isspace), in C.
    return " ".join(unicodedata.normalize("NFC", text).split())


def search_key(text: str | None) -> str:
    """Lower-case, diacritic-free form for search: "Nguyễn Thị Hường" -> "nguyen thi huong"."""
    if type(text) is str:
        return _search_key(text)
    return _search_key_of(text)


@lru_cache(maxsize=_REMEMBERED)
def _search_key(text: str) -> str:
    return _search_key_of(text)


def _search_key_of(text) -> str:
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _COMBINING.sub("", decomposed)  # one C-level pass; other scripts' marks below
    if not stripped.isascii():
        stripped = "".join(ch for ch in stripped if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.split())


def _letter_key(base: str, marks: list[str]) -> tuple[int, int]:
    letter = base
    for mark in marks:
        if mark in _LETTER_MARKS:
            letter = unicodedata.normalize("NFC", letter + mark)
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    return (_ALPHABET.index(letter) if letter in _ALPHABET else 100 + ord(letter[0]) % 900, tone)


@lru_cache(maxsize=65536)
def _word_collation(word: str) -> tuple[str, str]:
    """(letter codes, tone digits) of one lower-case word; names repeat, so this is cached."""
    decomposed = unicodedata.normalize("NFD", word)
    letters: list[tuple[int, int]] = []
    current_base = ""
    current_marks: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            current_marks.append(ch)
            continue
        if current_base:
            letters.append(_letter_key(current_base, current_marks))
        current_base, current_marks = ch, []
    if current_base:
        letters.append(_letter_key(current_base, current_marks))
    return "".join(f"{index:03d}" for index, _ in letters), "".join(str(tone) for _, tone in letters)


def collation_key(text: str | None) -> str:
    """A string whose plain (binary) order is Vietnamese alphabetical order.

    Letters are compared first (a < ă < â < b ... đ after d), tones only break ties, as in a
    Vietnamese dictionary. The key is ASCII so any database orders it the same way.
    """
    parts = [_word_collation(word) for word in nfc(text).lower().split(" ")]
    # Separators sort below every digit, and the tone separator below the word separator, so
    # "An" < "An A" < "Anh" and tones only decide between otherwise equal names.
    return "-".join(letters for letters, _ in parts) + "!" + "-".join(tones for _, tones in parts)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split "Nguyễn Thị Hường" into (family, middle, given) by Vietnamese name order."""
    parts = nfc(full_name).split(" ")
    parts = [p for p in parts if p]
    if not parts:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def join_full_name(family: str, middle: str, given: str) -> str:
    """The full name from its three parts, as `Person.full_name` writes it: "Nguyễn Thị Hường"."""
    return " ".join(p for p in (family, middle, given) if p)


_PART_START = re.compile(r"(^|['’\-])(\w)")


def _capitalise(word: str) -> str:
    # "h'mai" → "H'Mai", "nguyễn-văn" → "Nguyễn-Văn": each part after an apostrophe or hyphen too.
    lower = word.lower()
    if lower.isalpha():  # a plain syllable, nearly every word of a name: only its first letter
        return lower[0].upper() + lower[1:]
    return _PART_START.sub(lambda m: m.group(1) + m.group(2).upper(), lower)


def title_case_name(text: str | None) -> str:
    """A person's name in Vietnamese title case: "trần thị mai", "TRẦN THỊ MAI" → "Trần Thị Mai".

    Every syllable of a Vietnamese name is capitalised, the rest in lower case (NFC, single spaces).
    """
    return " ".join(_capitalise(word) for word in nfc(text).split(" ") if word)


def name_sort_key(family: str, middle: str, given: str) -> str:
    """Sort key for lists of people: given name first, then family, then middle name."""
    return collation_key(" ".join(p for p in (given, family, middle) if p))


def format_decimal(value: Decimal | float | int | None, places: int = 1) -> str:
    """7.5 -> "7,5": scores and rates are written with a decimal comma."""
    if value is None:
        return ""
    quantised = f"{Decimal(str(value)):.{places}f}"
    return quantised.replace(".", ",")


def parse_decimal(text: str | None) -> Decimal | None:
    """Accept "7,5" as well as "7.5"; return None for blank input."""
    if text is None:
        return None
    cleaned = str(text).strip().replace(" ", "")
    if not cleaned:
        return None
    return Decimal(cleaned.replace(",", "."))


def long_date(value: dt.date) -> str:
    """The date line of an official document: "ngày 24 tháng 11 năm 2026".

    Days below 10 and the months January and February take a leading zero, so a typed-in
    date cannot be altered by adding a digit.
    """
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def short_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def document_label(number: str, issuer: str, date: dt.date | None) -> str:
    """A short reference to a document for lists: "09-QĐ/BTGTW, Ban Tuyên giáo Trung ương (05/02/2025)".

    Party document numbers restart each term, so issuer + number + date identify a document; official
    citations inside documents use the long form built by the document layer."""
    text = ", ".join(part for part in (number, issuer) if part)
    if date:
        text += f" ({date:%d/%m/%Y})"
    return text
