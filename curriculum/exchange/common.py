"""The exchange format of one programme version, shared by the JSON and Excel forms.

A file carries the programme's identity, the version's header, its topics and its rules. Ids of the
exporting installation are not in it: programmes are referred to by code, topics keep their lineage.
Parsing collects every error with the row it is about and returns nothing usable when any is found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.text import nfc, parse_decimal, search_key
from curriculum.choices import (
    AssessmentKind,
    Category,
    CertificateType,
    Classification,
    GradingScheme,
    OrganiserKind,
    PartyAudience,
    PrerequisiteKind,
)
from curriculum.services import content_of
from curriculum.validation import VersionContent

FORMAT = "ttct.programme-version"
FORMAT_VERSION = 1

PROGRAMME_KEYS = ["code", "name", "category", "audience", "party_audience", "description", "organiser_kind"]
# Keys added after the first files were exported: a file without them is still read, with the default.
OPTIONAL_KEYS = {"party_audience"}
VERSION_KEYS = ["number", "label", "issuer", "document_number", "document_date", "effective_from", "effective_to",
                "duration", "total_periods", "grading_scheme", "max_absence_percent", "min_final_score",
                "certificate_type", "provisional", "notes"]
TOPIC_KEYS = ["code", "title", "outline", "keywords", "lecture_periods", "discussion_periods", "fieldwork_periods",
              "lineage"]
COMPONENT_KEYS = ["kind", "name", "weight", "required"]
BAND_KEYS = ["classification", "min_score", "max_score", "passing"]
PREREQUISITE_KEYS = ["kind", "programme_code", "within_months", "note"]
DATE_KEYS = {"document_date", "effective_from", "effective_to"}


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value


def export_version(version) -> dict:
    """The version as a JSON-ready dict."""
    programme = version.programme
    content = content_of(version)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "programme": {k: getattr(programme, k) for k in PROGRAMME_KEYS},
        "version": {"number": version.number, **{k: _plain(content.header[k]) for k in VERSION_KEYS[1:]}},
        "topics": [{k: _plain(str(t[k]) if k == "lineage" else t[k]) for k in TOPIC_KEYS} for t in content.topics],
        "assessment_components": [{k: _plain(c[k]) for k in COMPONENT_KEYS} for c in content.components],
        "grade_bands": [{k: _plain(b[k]) for k in BAND_KEYS} for b in content.bands],
        "prerequisites": [
            {"kind": p["kind"], "programme_code": p["required_programme"].code if p["required_programme"] else "",
             "within_months": p["within_months"], "note": p["note"]}
            for p in content.prerequisites
        ],
    }


@dataclass
class ParsedVersion:
    programme: dict
    content: VersionContent
    prerequisite_codes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class RowReader:
    """Converts one row's cells, recording an error that names the row and the column for each bad value."""

    def __init__(self, where: str, errors: list[str], names: dict[str, str] | None = None):
        self.where = where
        self.errors = errors
        self.names = names or {}

    def _error(self, column: str, message: str) -> None:
        self.errors.append(_("%(where)s, column “%(column)s”: %(message)s")
                           % {"where": self.where, "column": self.names.get(column, column), "message": message})

    def text(self, value, column: str, *, required: bool = False) -> str:
        text = nfc("" if value is None else str(value))
        if required and not text:
            self._error(column, _("required."))
        return text

    def integer(self, value, column: str, *, required: bool = True) -> int | None:
        if value is None or str(value).strip() == "":
            if required:
                self._error(column, _("enter a whole number."))
            return None
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            self._error(column, _("“%(v)s” is not a whole number.") % {"v": value})
            return None
        if number != number.to_integral() or number < 0:
            self._error(column, _("“%(v)s” is not a whole number, 0 or more.") % {"v": value})
            return None
        return int(number)

    def decimal(self, value, column: str, *, required: bool = True) -> Decimal | None:
        if value is None or str(value).strip() == "":
            if required:
                self._error(column, _("enter a number."))
            return None
        try:
            return parse_decimal(str(value)) if not isinstance(value, int | float | Decimal) else Decimal(str(value))
        except InvalidOperation:
            self._error(column, _("“%(v)s” is not a number.") % {"v": value})
            return None

    def date(self, value, column: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time of day
            except ValueError:
                continue
        self._error(column, _("“%(v)s” is not a date (dd/mm/yyyy).") % {"v": value})
        return None

    def boolean(self, value, column: str) -> bool:
        if isinstance(value, bool):
            return value
        key = search_key(str(value or ""))
        if key in {"1", "true", "yes", "co", "x", "dat"}:
            return True
        if key in {"", "0", "false", "no", "khong", "khong dat"}:
            return False
        self._error(column, _("“%(v)s” is not yes/no.") % {"v": value})
        return False

    def choice(self, value, column: str, choices) -> str:
        """Accept the stored code or the label in the interface language."""
        key = search_key(str(value or ""))
        for code, label in choices.choices:
            if key in {search_key(code), search_key(str(label))}:
                return code
        self._error(column, _("“%(v)s” is not one of: %(list)s.")
                    % {"v": value, "list": ", ".join(str(label) for _c, label in choices.choices)})
        return ""


def build_parsed(programme_row: dict, version_row: dict, topic_rows, component_rows, band_rows, prerequisite_rows,
                 errors: list[str], labels: dict[str, str], names: dict[str, str] | None = None) -> ParsedVersion:
    """Turn raw rows (each a (where, dict) pair) into typed values, collecting errors."""
    r = RowReader(labels["programme"], errors)
    programme = {
        "code": r.text(programme_row.get("code"), "code", required=True),
        "name": r.text(programme_row.get("name"), "name", required=True),
        "category": r.choice(programme_row.get("category"), "category", Category),
        "audience": r.text(programme_row.get("audience"), "audience"),
        "party_audience": r.choice(programme_row.get("party_audience") or PartyAudience.ANYONE, "party_audience",
                                   PartyAudience),
        "description": r.text(programme_row.get("description"), "description"),
        "organiser_kind": r.choice(programme_row.get("organiser_kind") or OrganiserKind.CENTRE, "organiser_kind",
                                   OrganiserKind),
    }
    v = RowReader(labels["version"], errors)
    scheme = v.choice(version_row.get("grading_scheme"), "grading_scheme", GradingScheme)
    header = {
        "label": v.text(version_row.get("label"), "label"),
        "issuer": v.text(version_row.get("issuer"), "issuer"),
        "document_number": v.text(version_row.get("document_number"), "document_number"),
        "duration": v.text(version_row.get("duration"), "duration"),
        "notes": v.text(version_row.get("notes"), "notes"),
        "total_periods": v.integer(version_row.get("total_periods"), "total_periods"),
        "grading_scheme": scheme,
        "max_absence_percent": v.decimal(version_row.get("max_absence_percent"), "max_absence_percent"),
        "min_final_score": v.decimal(version_row.get("min_final_score"), "min_final_score", required=False),
        "certificate_type": v.choice(version_row.get("certificate_type"), "certificate_type", CertificateType),
        "provisional": v.boolean(version_row.get("provisional"), "provisional"),
        **{k: v.date(version_row.get(k), k) for k in DATE_KEYS},
    }
    topics = []
    for where, row in topic_rows:
        t = RowReader(where, errors, names)
        topics.append({
            "_where": where,
            "code": t.text(row.get("code"), "code"),
            "title": t.text(row.get("title"), "title", required=True),
            "outline": t.text(row.get("outline"), "outline"),
            "keywords": t.text(row.get("keywords"), "keywords"),
            **{k: t.integer(row.get(k), k) for k in ("lecture_periods", "discussion_periods", "fieldwork_periods")},
            "lineage": t.text(row.get("lineage"), "lineage") or None,
        })
    components = []
    for where, row in component_rows:
        c = RowReader(where, errors, names)
        components.append({"_where": where, "kind": c.choice(row.get("kind"), "kind", AssessmentKind),
                           "name": c.text(row.get("name"), "name", required=True),
                           "weight": c.decimal(row.get("weight"), "weight"),
                           "required": c.boolean(row.get("required"), "required")})
    bands = []
    for where, row in band_rows:
        b = RowReader(where, errors, names)
        bands.append({"_where": where,
                      "classification": b.choice(row.get("classification"), "classification", Classification),
                      "min_score": b.decimal(row.get("min_score"), "min_score"),
                      "max_score": b.decimal(row.get("max_score"), "max_score"),
                      "passing": b.boolean(row.get("passing"), "passing")})
    prerequisites, codes = [], []
    for where, row in prerequisite_rows:
        p = RowReader(where, errors, names)
        kind = p.choice(row.get("kind"), "kind", PrerequisiteKind)
        code = p.text(row.get("programme_code"), "programme_code", required=kind == PrerequisiteKind.PROGRAMME_COMPLETED)
        prerequisites.append({"_where": where, "kind": kind, "programme_code": code,
                              "within_months": p.integer(row.get("within_months"), "within_months", required=False),
                              "note": p.text(row.get("note"), "note")})
        codes.append(code)
    return ParsedVersion(programme, VersionContent(header, topics, components, bands, prerequisites), codes, errors)
