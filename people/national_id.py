"""Citizen ID (số định danh cá nhân / CCCD) checks, by the structure in DOMAIN.md §3.

12 digits: 3 for the province where the birth was registered, 1 for gender and century, 2 for the
last digits of the birth year, 6 random. Legacy 9-digit CMND numbers are accepted and flagged.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

PROVINCES_CSV = Path(__file__).resolve().parent.parent / "org" / "data" / "provinces.csv"


@cache
def province_codes() -> dict[str, str]:
    """Birth-registration code -> province name before 2025 (63 codes, not contiguous)."""
    with PROVINCES_CSV.open(encoding="utf-8") as handle:
        return {row["code"]: row["name_before_2025"] for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class ParsedId:
    value: str
    legacy: bool
    province_code: str = ""
    gender: str = ""  # "male" / "female"
    century_start: int | None = None
    year_suffix: int | None = None

    def birth_year_matches(self, year: int) -> bool:
        if self.legacy or self.century_start is None:
            return True
        return year == self.century_start + (self.year_suffix or 0)


class InvalidNationalId(ValueError):
    pass


_FLOAT_TEXT = re.compile(r"\d+\.0")
_SEPARATORS = re.compile(r"[\s.\-']")


def clean_raw(value) -> str:
    """Strip spaces, dots and a float's ".0" that a spreadsheet adds; keep digits only."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if _FLOAT_TEXT.fullmatch(text):
        text = text[:-2]
    return _SEPARATORS.sub("", text)


def parse(value, *, restore_leading_zeros: bool = False) -> ParsedId:
    """Validate the ID's shape and return its parts; raise InvalidNationalId with a Vietnamese message.

    `restore_leading_zeros` pads 10- and 11-digit numbers, which is what a 12-digit ID becomes when
    a spreadsheet stores it as a number (every province code starts with 0).
    """
    text = clean_raw(value)
    if not text:
        raise InvalidNationalId(_("The citizen ID is empty."))
    if not text.isdigit():
        raise InvalidNationalId(_("The citizen ID may contain digits only."))
    if restore_leading_zeros and len(text) in (10, 11):
        text = text.zfill(12)
    if len(text) == 9:
        return ParsedId(value=text, legacy=True)
    if len(text) != 12:
        raise InvalidNationalId(
            _("The citizen ID must have 12 digits (or 9 for an old ID card); this one has %(n)d.") % {"n": len(text)}
        )
    code = text[:3]
    if code not in province_codes():
        raise InvalidNationalId(_("%(code)s is not a province code of a citizen ID.") % {"code": code})
    digit = int(text[3])
    century_start = 1900 + (digit // 2) * 100
    return ParsedId(
        value=text,
        legacy=False,
        province_code=code,
        gender="male" if digit % 2 == 0 else "female",
        century_start=century_start,
        year_suffix=int(text[4:6]),
    )


def consistency_errors(parsed: ParsedId, *, gender: str | None, date_of_birth: dt.date | None) -> list[str]:
    """Messages for an ID that contradicts the record's gender or birth year."""
    errors: list[str] = []
    if parsed.legacy:
        return errors
    if gender in ("male", "female") and gender != parsed.gender:
        errors.append(
            _("The citizen ID encodes a %(id_gender)s person, but the record says %(gender)s.")
            % {
                "id_gender": _("male") if parsed.gender == "male" else _("female"),
                "gender": _("male") if gender == "male" else _("female"),
            }
        )
    if date_of_birth and not parsed.birth_year_matches(date_of_birth.year):
        errors.append(
            _("The citizen ID encodes birth year %(id_year)s, but the date of birth is in %(year)s.")
            % {"id_year": (parsed.century_start or 0) + (parsed.year_suffix or 0), "year": date_of_birth.year}
        )
    return errors


def make_valid_id(province_code: str, gender: str, birth_year: int, serial: int) -> str:
    """Build a well-formed ID (for demo data and tests)."""
    century_index = (birth_year - 1900) // 100
    digit = century_index * 2 + (0 if gender == "male" else 1)
    return f"{province_code}{digit}{birth_year % 100:02d}{serial % 1_000_000:06d}"
