"""From the cells of one sheet row to an ImportRow: parsed values plus messages per column."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core.text import nfc, split_full_name
from people import national_id
from people import rules as person_rules
from people.models import Person
from training.nominations.importers import fields as F
from training.nominations.importers import values as V
from training.nominations.importers.reader import RawRow
from training.nominations.importers.result import ImportRow

# Import fields whose column is also the column of these Person fields, for messages.
_COLUMN_ALIASES = {
    F.FULL_NAME: ("family_name", "middle_name", "given_name"),
    F.FAMILY_MIDDLE: ("family_name", "middle_name"),
    F.DOB_MALE: ("date_of_birth", "gender"),
    F.DOB_FEMALE: ("date_of_birth", "gender"),
    F.GENDER_MALE_MARK: ("gender",),
    F.GENDER_FEMALE_MARK: ("gender",),
    F.POSITION_WORKPLACE: ("position", "workplace"),
    F.PROFESSIONAL: ("professional_field",),
}

# Levels a list words freely: a value that is not recognised is left out with a warning rather
# than stopping the row, as they do not decide who may enrol.
_SOFT = {"general_education", "theory_level"}

_SIMPLE = [
    (F.PLACE_OF_BIRTH, "place_of_birth", V.text_value),
    (F.RELIGION, "religion", V.parse_religion),
    (F.ETHNICITY, "ethnicity", V.parse_ethnicity),
    (F.POSITION, "position", V.text_value),
    (F.WORKPLACE, "workplace", V.text_value),
    (F.SENDING_ORGANISATION, "sending_organisation", V.text_value),
    (F.GENERAL_EDUCATION, "general_education", V.parse_general_education),
    (F.THEORY_LEVEL, "theory_level", V.parse_theory_level),
    (F.PHONE, "phone", V.parse_phone),
    (F.NOTES, "notes", V.text_value),
]


_MAX_LENGTHS = {
    f.name: f.max_length for f in Person._meta.concrete_fields if getattr(f, "max_length", None) and not f.choices
}


class RowParser:
    """Parses rows of one sheet; `today` is fixed so a whole import judges ages on the same day."""

    def __init__(self, *, today: dt.date, columns: dict[str, str] | None = None):
        self.today = today
        # Every column of the sheet, so a message about an empty cell still names its column.
        self.columns: dict[str, str] = {}
        for name, letter in (columns or {}).items():
            self.columns.setdefault(name, letter)
            for alias in _COLUMN_ALIASES.get(name, ()):
                self.columns.setdefault(alias, letter)

    def parse(self, raw: RawRow, overrides: dict | None = None) -> ImportRow:
        cells = dict(raw.cells)
        for name, value in (overrides or {}).items():
            letter = cells[name][1] if name in cells else self.columns.get(name, "")
            if value in (None, ""):
                cells.pop(name, None)
            else:
                cells[name] = (value, letter)
        row = ImportRow(row=raw.row, section=raw.section, columns=dict(self.columns))
        for name, (value, letter) in cells.items():
            row.raw[name] = value
            if letter:
                row.columns[name] = letter
                for alias in _COLUMN_ALIASES.get(name, ()):
                    row.columns[alias] = letter
        self._names(row, cells)
        self._birth_and_gender(row, cells)
        self._national_id(row, cells)
        self._simple(row, cells)
        self._party(row, cells)
        self._consistency(row)
        self._lengths(row)
        return row

    def _lengths(self, row: ImportRow) -> None:
        for name, value in list(row.values.items()):
            limit = _MAX_LENGTHS.get(name)
            if isinstance(value, str) and limit and len(value) > limit:
                row.add_error(name, _("The text is %(length)d characters long; at most %(limit)d fit.")
                              % {"length": len(value), "limit": limit})
                del row.values[name]

    # Names --------------------------------------------------------------------------------------
    def _names(self, row: ImportRow, cells: dict) -> None:
        try:
            if F.FULL_NAME in cells:
                family, middle, given = split_full_name(V.parse_full_name(cells[F.FULL_NAME][0]))
            else:
                family = middle = ""
                if F.FAMILY_MIDDLE in cells:
                    family, _sep, middle = V.parse_full_name(cells[F.FAMILY_MIDDLE][0]).partition(" ")
                if F.FAMILY_NAME in cells:
                    family = V.parse_name_part(cells[F.FAMILY_NAME][0])
                if F.MIDDLE_NAME in cells:
                    middle = V.parse_name_part(cells[F.MIDDLE_NAME][0])
                given = V.parse_name_part(cells[F.GIVEN_NAME][0]) if F.GIVEN_NAME in cells else ""
        except V.CellError as exc:
            row.add_error("family_name", str(exc))
            return
        row.values.update(family_name=family, middle_name=middle, given_name=given)
        for field, message in person_rules.name_findings(family=family, middle=middle, given=given):
            row.add_error(field, message)
        typed = " ".join(nfc(str(cells[f][0])) for f in (F.FULL_NAME, F.FAMILY_MIDDLE, F.FAMILY_NAME, F.MIDDLE_NAME,
                                                         F.GIVEN_NAME) if f in cells)
        recorded = " ".join(p for p in (family, middle, given) if p)
        if typed and typed != recorded:
            row.add_warning("family_name", _("The name “%(typed)s” is recorded as “%(name)s”.")
                            % {"typed": typed, "name": recorded})
        if not given:
            row.add_error("given_name" if row.columns.get("given_name") else None, _("The full name is missing."))
        elif not family:
            row.add_warning("given_name", _("Only one word of the name is given; check the family name."))

    # Date of birth and gender -------------------------------------------------------------------
    def _date(self, row: ImportRow, cells: dict, name: str, target: str):
        try:
            parsed = V.parse_date(cells[name][0])
        except V.CellError as exc:
            row.add_error(target, str(exc))
            return None
        if parsed.value > self.today:
            row.add_error(target, _("%(date)s is in the future.") % {"date": parsed.value.strftime("%d/%m/%Y")})
            return None
        return parsed

    def _birth_and_gender(self, row: ImportRow, cells: dict) -> None:
        gender = None
        dob_field = None
        if F.DOB_MALE in cells and F.DOB_FEMALE in cells:
            row.columns["date_of_birth"] = cells[F.DOB_MALE][1]
            row.add_error("date_of_birth", _("The date of birth is written under both Nam and Nữ; keep one."))
        elif F.DOB_MALE in cells or F.DOB_FEMALE in cells:
            dob_field = F.DOB_MALE if F.DOB_MALE in cells else F.DOB_FEMALE
            gender = "male" if dob_field == F.DOB_MALE else "female"
            row.columns["date_of_birth"] = row.columns["gender"] = cells[dob_field][1]
        elif F.DATE_OF_BIRTH in cells:
            dob_field = F.DATE_OF_BIRTH
            row.columns["date_of_birth"] = cells[dob_field][1]

        if F.GENDER_MALE_MARK in cells and F.GENDER_FEMALE_MARK in cells:
            row.columns["gender"] = cells[F.GENDER_MALE_MARK][1]
            row.add_error("gender", _("Both Nam and Nữ are marked; keep one."))
        elif F.GENDER_MALE_MARK in cells or F.GENDER_FEMALE_MARK in cells:
            mark = F.GENDER_MALE_MARK if F.GENDER_MALE_MARK in cells else F.GENDER_FEMALE_MARK
            row.columns["gender"] = cells[mark][1]
            gender = "male" if mark == F.GENDER_MALE_MARK else "female"
        elif F.GENDER in cells:
            try:
                gender = V.parse_gender(cells[F.GENDER][0])
            except V.CellError as exc:
                row.add_error("gender", str(exc))
        if gender:
            row.values["gender"] = gender
            row.extra["gender_from_file"] = True

        if dob_field is None:
            return
        parsed = self._date(row, cells, dob_field, "date_of_birth")
        if parsed is None:
            return
        findings = person_rules.birth_date_findings(parsed.value, today=self.today)
        for field, message in findings:
            row.add_error(field, message)
        if findings:
            return
        row.values["date_of_birth"] = parsed.value
        row.date_precision = parsed.precision
        if warning := V.precision_warning(parsed):
            row.add_warning("date_of_birth", warning)

    # Citizen ID ---------------------------------------------------------------------------------
    def _national_id(self, row: ImportRow, cells: dict) -> None:
        if F.NATIONAL_ID not in cells:
            if "date_of_birth" not in row.values and not row.has_errors:
                row.add_error(None, _("Neither a citizen ID nor a date of birth is given, so the person cannot be identified."))
            elif not row.has_errors:
                row.add_warning(
                    "national_id" if row.columns.get("national_id") else None,
                    _("No citizen ID; the person is matched by name and date of birth only."),
                )
            return
        try:
            parsed, warnings = V.parse_national_id(cells[F.NATIONAL_ID][0])
        except V.CellError as exc:
            row.add_error("national_id", str(exc))
            return
        row.values["national_id"] = parsed.value
        row.values["legacy_id"] = parsed.legacy
        row.extra["parsed_id"] = parsed
        for warning in warnings:
            row.add_warning("national_id", warning)

    # Other columns ------------------------------------------------------------------------------
    def _simple(self, row: ImportRow, cells: dict) -> None:
        for name, target, parser in _SIMPLE:
            if name not in cells:
                continue
            try:
                row.values[target] = parser(cells[name][0])
            except V.CellError as exc:
                if target in _SOFT:
                    row.add_warning(target, _("%(problem)s It is not recorded.") % {"problem": exc})
                else:
                    row.add_error(target, str(exc))
        if F.POSITION_WORKPLACE in cells:
            position, workplace = V.split_position_workplace(cells[F.POSITION_WORKPLACE][0])
            row.values.setdefault("position", position)
            if workplace:
                row.values.setdefault("workplace", workplace)
        if F.PROFESSIONAL in cells:
            try:
                degree, field_of_study = V.parse_professional(cells[F.PROFESSIONAL][0])
            except V.CellError as exc:
                row.add_warning("professional_degree", _("%(problem)s It is not recorded.") % {"problem": exc})
            else:
                row.values["professional_degree"] = degree
                if field_of_study:
                    row.values["professional_field"] = field_of_study
        if row.section and "sending_organisation" not in row.values:
            row.values["sending_organisation"] = nfc(row.section)

    def _party(self, row: ImportRow, cells: dict) -> None:
        dates = {}
        for name in (F.PARTY_ADMISSION, F.PARTY_FULL):
            if name in cells:
                parsed = self._date(row, cells, name, name)
                if parsed is not None:
                    dates[name] = parsed.value
                    row.values[name] = parsed.value
                    if warning := V.precision_warning(parsed):
                        row.add_warning(name, warning)
        admission, full = dates.get(F.PARTY_ADMISSION), dates.get(F.PARTY_FULL)
        if admission or full:
            row.values["is_party_member"] = True
            row.columns["is_party_member"] = row.columns.get(F.PARTY_ADMISSION if admission else F.PARTY_FULL, "")
        for field, message in person_rules.party_findings(
                admission=admission, full=full, date_of_birth=row.values.get("date_of_birth"), today=self.today,
                birth_date_exact=row.date_precision == "day"):
            row.add_error(field, message)

    def _consistency(self, row: ImportRow) -> None:
        parsed = row.extra.get("parsed_id")
        if not isinstance(parsed, national_id.ParsedId):
            return
        if "gender" not in row.values and parsed.gender:
            row.values["gender"] = parsed.gender  # the ID's fourth digit encodes it
        gender = row.values.get("gender") if row.extra.get("gender_from_file") else None
        dob = row.values.get("date_of_birth")
        for field, message in person_rules.national_id_findings(parsed, gender=gender, date_of_birth=dob):
            row.add_error(field, message)
