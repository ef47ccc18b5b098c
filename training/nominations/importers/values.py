"""Turning spreadsheet cells into values: dates, citizen IDs, genders, names, levels.

Each parser returns the value and a list of warnings, or raises CellError with a message for the
user. Messages are about the cell only; the row and column are added by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from core.text import nfc, search_key, title_case_name
from people import national_id
from people.choices import ETHNIC_GROUPS, Degree, GeneralEducation, TheoryLevel


class CellError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date
    precision: str = "day"  # "day", "month" or "year": how much of the date the cell gave


_DIGIT = re.compile(r"\d")
_DMY = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
_MY = re.compile(r"(\d{1,2})[/\-.](\d{4})")
_WORDS = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_SEPARATOR = re.compile(r"\s*([/\-.])\s*")
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_MAX_SERIAL = 73051  # 31/12/2099


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise CellError(_("%(text)s is not a valid date: there is no month %(month)d.") % {"text": text, "month": month})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            _("%(text)s is not a valid date: month %(month)d/%(year)d has no day %(day)d.")
            % {"text": text, "month": month, "year": year, "day": day}
        )


def parse_date(value) -> ParsedDate:
    """Excel dates, Excel serial numbers, and text in the forms offices type (see the tests)."""
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date())
    if isinstance(value, dt.date):
        return ParsedDate(value)
    if isinstance(value, dt.time | dt.timedelta):
        raise CellError(_("The cell holds a time, not a date."))
    if isinstance(value, bool):
        raise CellError(_("The cell does not hold a date."))
    if isinstance(value, int | float):
        if float(value).is_integer() and _MIN_YEAR <= value <= _MAX_YEAR:
            return ParsedDate(dt.date(int(value), 1, 1), "year")
        if 0 < value <= _MAX_SERIAL:
            return ParsedDate(from_excel(value).date())
        raise CellError(_("The number %(value)s is not a date.") % {"value": value})
    text = nfc(str(value))
    compact = _TIME_PART.sub("", _SEPARATOR.sub(r"\1", text)).rstrip(".")
    if match := _DMY.fullmatch(compact):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            raise CellError(_("%(text)s: write the year with four digits (dd/mm/yyyy).") % {"text": text})
        return ParsedDate(_make_date(year, month, day, text))
    if match := _YMD.fullmatch(compact):
        year, month, day = (int(g) for g in match.groups())
        return ParsedDate(_make_date(year, month, day, text))
    if match := _WORDS.search(search_key(text)):
        day, month, year = (int(g) for g in match.groups())
        return ParsedDate(_make_date(year, month, day, text))
    if match := _MY.fullmatch(compact):
        month, year = int(match.group(1)), int(match.group(2))
        return ParsedDate(_make_date(year, month, 1, text), "month")
    if compact.isdigit() and len(compact) == 4 and _MIN_YEAR <= int(compact) <= _MAX_YEAR:
        return ParsedDate(dt.date(int(compact), 1, 1), "year")
    if _SERIAL.fullmatch(compact) and 0 < float(compact) <= _MAX_SERIAL:
        return ParsedDate(from_excel(float(compact)).date())
    raise CellError(_("\"%(text)s\" is not a date; write it as dd/mm/yyyy.") % {"text": text})


def precision_warning(parsed: ParsedDate) -> str | None:
    if parsed.precision == "year":
        return _("Only the year is known (%(year)d); it is recorded as 01/01/%(year)d.") % {"year": parsed.value.year}
    if parsed.precision == "month":
        return _("Only the month and year are known; the date is recorded as %(date)s.") % {
            "date": parsed.value.strftime("%d/%m/%Y")
        }
    return None


_SCIENTIFIC = re.compile(r"\d([.,]\d+)?e\+?\d+", re.IGNORECASE)


def parse_national_id(value) -> tuple[national_id.ParsedId, list[str]]:
    warnings: list[str] = []
    if isinstance(value, str) and _SCIENTIFIC.fullmatch(value.strip().replace(" ", "")):
        raise CellError(
            _("Excel shortened the citizen ID to %(text)s and its last digits are lost; type it again as text.")
            % {"text": value.strip()}
        )
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("The citizen ID may contain digits only."))
    cleaned = national_id.clean_raw(value)
    try:
        parsed = national_id.parse(value, restore_leading_zeros=True)
    except national_id.InvalidNationalId as exc:
        raise CellError(str(exc))
    if len(parsed.value) != len(cleaned):
        warnings.append(
            _("The citizen ID was stored as a number and lost its leading zero; it was restored as %(id)s.")
            % {"id": parsed.value}
        )
    if parsed.legacy:
        warnings.append(_("This is an old 9-digit ID card number; ask for the 12-digit citizen ID."))
    return parsed, warnings


def parse_gender(value) -> str:
    key = search_key(str(value)).strip(" .")
    if key in ("nam", "male", "m", "trai"):
        return "male"
    if key in ("nu", "female", "f", "gai"):
        return "female"
    raise CellError(_("\"%(text)s\" is not a gender; write Nam or Nữ.") % {"text": nfc(str(value))})


def parse_full_name(value) -> str:
    """The name in Vietnamese title case ("trần thị mai" → "Trần Thị Mai"), as every document prints it."""
    text = nfc(str(value))
    if _DIGIT.search(text):
        raise CellError(_("\"%(text)s\" contains digits; a name cannot.") % {"text": text})
    return title_case_name(text)


def parse_name_part(value) -> str:
    return parse_full_name(value)


_ETHNIC_NOISE = re.compile(r"[\s\-']")
_ETHNIC_PREFIX = re.compile(r"^(dan toc|dt)\s+")


def _ethnic_key(text: str) -> str:
    return _ETHNIC_NOISE.sub("", search_key(text))


_ETHNIC_ALIASES = {
    "hmong": "Mông", "meo": "Mông", "ede": "Ê Đê", "rade": "Ê Đê", "jrai": "Gia Rai", "giarai": "Gia Rai",
    "bahnar": "Ba Na", "khome": "Khmer", "khmerkrom": "Khmer", "sedang": "Xơ Đăng", "xodang": "Xơ Đăng",
    "koho": "Cơ Ho", "katu": "Cơ Tu", "vankieu": "Bru - Vân Kiều", "bru": "Bru - Vân Kiều", "raglai": "Ra Glai",
    "hoa": "Hoa", "nguoihoa": "Hoa", "viet": "Kinh", "nguoikinh": "Kinh",
}
_ETHNIC_KEYS = {_ethnic_key(name): name for name in ETHNIC_GROUPS} | _ETHNIC_ALIASES


def parse_ethnicity(value) -> str:
    text = nfc(str(value))
    key = _ethnic_key(_ETHNIC_PREFIX.sub("", search_key(text)))
    if key in _ETHNIC_KEYS:
        return _ETHNIC_KEYS[key]
    raise CellError(_("\"%(text)s\" is not one of the 54 ethnic groups.") % {"text": text})


_NONE_WORDS = {"", "khong", "k", "ko", "chua", "chua co", "none", "no", "x"}


def parse_religion(value) -> str:
    text = nfc(str(value))
    return "" if search_key(text).strip(" .-") in _NONE_WORDS else text


def parse_general_education(value) -> str:
    """"12/12", "12", "10/10" (the old ten-year school), "THPT" -> a GeneralEducation value."""
    text = nfc(str(value)).replace(" ", "")
    if isinstance(value, int | float) and float(value).is_integer():
        text = f"{int(value)}/12"
    key = search_key(text)
    if key in ("thpt", "tnthpt", "totnghiepthpt", "12") or key in ("10/10", "12/12"):
        return GeneralEducation.GRADE_12
    if key in ("9/12", "9/10", "9"):
        return GeneralEducation.GRADE_9
    if key in ("10/12", "10"):
        return GeneralEducation.GRADE_10
    raise CellError(_("\"%(text)s\" is not a general education level (12/12, 10/12, 9/12).") % {"text": nfc(str(value))})


_DEGREE_WORDS = [
    (r"tien si|ts", Degree.DOCTOR),
    (r"thac si|ths", Degree.MASTER),
    (r"dai hoc|cu nhan|ky su|bac si|duoc si|kien truc su|dh|cn", Degree.BACHELOR),
    (r"cao dang|cd", Degree.COLLEGE),
    (r"trung cap|tc|so cap nghe", Degree.VOCATIONAL),
]
_DEGREE_PATTERNS = [(re.compile(rf"({words})\b[\s.]*"), degree) for words, degree in _DEGREE_WORDS]


def parse_professional(value) -> tuple[str, str]:
    """"Đại học Luật" -> (bachelor, "Luật"); "Thạc sĩ Quản lý công" -> (master, "Quản lý công")."""
    text = nfc(str(value))
    key = search_key(text)
    if key.strip(" .-") in _NONE_WORDS:
        return "", ""
    for pattern, degree in _DEGREE_PATTERNS:
        match = pattern.match(key)
        if match:
            # The key keeps the text's length word for word, so the field is cut from the original.
            words = len(match.group(0).split())
            field_of_study = " ".join(text.split(" ")[words:]).strip(" .,-")
            return degree, field_of_study
    raise CellError(
        _("\"%(text)s\" is not a recognised qualification (trung cấp, cao đẳng, đại học, thạc sĩ, tiến sĩ).")
        % {"text": text}
    )


_THEORY = [
    (re.compile(rf"({words})\b.*"), level) for words, level in [
        (r"cu nhan", TheoryLevel.BACHELOR),
        (r"cao cap|cc", TheoryLevel.ADVANCED),
        (r"trung cap|tc", TheoryLevel.INTERMEDIATE),
        (r"so cap|sc", TheoryLevel.BASIC),
    ]
]
_THEORY_PREFIX = re.compile(r"^(llct|ly luan chinh tri)\s*")


def parse_theory_level(value) -> str:
    text = nfc(str(value))
    key = search_key(text).strip(" .-")
    if key in _NONE_WORDS:
        return ""
    key = _THEORY_PREFIX.sub("", key)
    for pattern, level in _THEORY:
        if pattern.fullmatch(key):
            return level
    raise CellError(
        _("\"%(text)s\" is not a political theory level (sơ cấp, trung cấp, cao cấp, cử nhân).") % {"text": text}
    )


_PHONE_NOISE = re.compile(r"[\s.]")


def parse_phone(value) -> str:
    if isinstance(value, int | float) and float(value).is_integer():
        digits = str(int(value))
        # Stored as a number, a mobile number loses its leading zero.
        return "0" + digits if len(digits) == 9 else digits
    return _PHONE_NOISE.sub("", nfc(str(value)))


_SPLITTERS = re.compile(r"\s*(?:\n|;| - | – )\s*")


def split_position_workplace(value) -> tuple[str, str]:
    """"Bí thư Chi bộ\\nThôn 3, xã Yên Sơn" -> ("Bí thư Chi bộ", "Thôn 3, xã Yên Sơn").

    A line break, a semicolon or a dash separates the two; failing those, the first comma does.
    Without any separator the whole text is the position.
    """
    raw = str(value).strip()
    parts = [p for p in _SPLITTERS.split(raw, maxsplit=1) if p.strip()]
    if len(parts) == 2:
        return nfc(parts[0]), nfc(parts[1])
    text = nfc(raw)
    if ", " in text:
        position, workplace = text.split(", ", 1)
        return position, workplace
    return text, ""


def text_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))
