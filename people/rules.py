"""The rules of a person's own fields, the same wherever a person is written.

The registry form and the people API reach them through `people.services.validate_person`; the
nomination import (`training.nominations.importers.rows`) calls them for every row. Each check is a
pure function of the values and a reference date — "today" for the form and the API, the one day a
whole import is judged on — reads no database, and returns ``(field, message)`` pairs, `field` being
the Person field the message belongs to.

Age. The registry holds the people who study and teach at the political centres. The youngest
learners are Youth Union members (đoàn viên, admitted from 16) on the courses for mass organisations
and new members; anyone over 100 at the reference date is taken for a mistyped year (a two-digit year
read in the wrong century, 1925 for 2025). So one range for the form, the API and the import: from 16
to 100 years old at the reference date.

Party membership. A person is admitted to the Party at 18 at the earliest (Party Statute, art. 1) and
becomes a full member after the probation year, so the full membership date needs an admission date
and cannot come before it; neither date lies in the future.

Names. A name holds letters (with their tone and vowel marks), spaces, hyphens, apostrophes and dots
(e.g. "H'Hen Niê"): emoji, symbols or digits would not print on a certificate or a decision, so they are refused.

Citizen ID. Its form and check digits are `people.national_id`; here only its agreement with the
record's gender and birth year.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils.translation import gettext as _

from core.text import nfc
from people import national_id

MIN_AGE, MAX_AGE = 16, 100
PARTY_MIN_AGE = 18

Finding = tuple[str, str]

_NAME_PUNCTUATION = frozenset(" -'.’")
_WITHOUT_PUNCTUATION = str.maketrans("", "", "".join(_NAME_PUNCTUATION))


def name_findings(*, family: str, middle: str, given: str) -> list[Finding]:
    """Characters a name cannot hold, per name part."""
    found: list[Finding] = []
    for field, value in (("family_name", family), ("middle_name", middle), ("given_name", given)):
        letters = nfc(value or "").translate(_WITHOUT_PUNCTUATION)
        if not letters or letters.isalpha():
            continue  # letters only (checked in C); a mark or an odd character needs the look below
        odd = sorted({ch for ch in nfc(value or "") if not (
            ch.isalpha() or unicodedata.category(ch).startswith("M") or ch in _NAME_PUNCTUATION)})
        if odd:
            found.append((field, _("A name holds letters only; “%(chars)s” cannot be printed on documents.")
                          % {"chars": "".join(odd)}))
    return found


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Completed years on `day`."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def birth_date_findings(date_of_birth: dt.date | None, *, today: dt.date) -> list[Finding]:
    if date_of_birth is None:
        return []
    if date_of_birth > today:
        return [("date_of_birth", _("The date of birth is in the future."))]
    age = age_on(date_of_birth, today)
    if age < MIN_AGE:
        return [("date_of_birth", _("The person would be %(age)d years old; a learner is at least %(min)d.")
                 % {"age": age, "min": MIN_AGE})]
    if age > MAX_AGE:
        return [("date_of_birth", _("The person would be %(age)d years old; check the year.") % {"age": age})]
    return []


def national_id_findings(parsed: national_id.ParsedId | None, *, gender: str | None,
                         date_of_birth: dt.date | None) -> list[Finding]:
    """A well-formed ID that contradicts the record's gender or birth year."""
    if parsed is None:
        return []
    return [("national_id", message)
            for message in national_id.consistency_errors(parsed, gender=gender, date_of_birth=date_of_birth)]


def party_findings(*, admission: dt.date | None, full: dt.date | None, date_of_birth: dt.date | None,
                   today: dt.date, birth_date_exact: bool = True) -> list[Finding]:
    """`birth_date_exact`: False when only the birth year is known, so the 18th birthday is not."""
    found: list[Finding] = []
    if admission and admission > today:
        found.append(("party_admission_date", _("The party admission date is in the future.")))
    if full and full > today:
        found.append(("party_full_membership_date", _("The full membership date is in the future.")))
    if full and not admission:
        found.append(("party_admission_date",
                      _("A full membership date is given without a party admission date.")))
    if admission and full and full < admission:
        found.append(("party_full_membership_date",
                      _("The full membership date is before the party admission date.")))
    if (admission and date_of_birth and birth_date_exact
            and age_on(date_of_birth, admission) < PARTY_MIN_AGE):
        found.append(("party_admission_date", _("The party admission date is before the person's 18th birthday.")))
    return found
