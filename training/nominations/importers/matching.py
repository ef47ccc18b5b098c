"""Matching parsed rows to the person registry, in bulk.

Two queries whatever the number of rows: one for every citizen ID in the file, one for the
name-and-date-of-birth candidates of the rows that found no one by ID (plus one for visibility when
an actor is given). A person found by ID is that person; the values in the file that differ from
the registry are listed field by field, and the registry changes only with the user's consent.
A person found only by name and date of birth is a possible match the user confirms or rejects.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.scope import scope_of
from core.text import search_key
from people.models import Person, person_match_key
from training.nominations.importers.result import Difference, ImportRow

# Person fields a nomination list can change, in the order the differences are shown.
DIFF_FIELDS = [
    "family_name", "middle_name", "given_name", "date_of_birth", "gender", "ethnicity", "religion",
    "place_of_birth", "is_party_member", "party_admission_date", "party_full_membership_date",
    "general_education", "professional_degree", "professional_field", "theory_level", "position", "workplace",
    "phone",
]
_PERSON_FIELDS = ["national_id", "name_key", "archived", *DIFF_FIELDS]


def display_value(field_name: str, value) -> str:
    if value in (None, ""):
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    choices = Person._meta.get_field(field_name).flatchoices
    if choices:
        return str(dict(choices).get(value, value))
    return str(value)


def differences(row: ImportRow, person: Person) -> list[Difference]:
    """The file's values that differ from the registry's. Blank cells never erase registry data."""
    found = []
    for name in DIFF_FIELDS:
        proposed = row.values.get(name)
        if proposed in (None, "") or (name == "is_party_member" and not proposed):
            continue
        if name == "gender" and not row.extra.get("gender_from_file"):
            continue  # derived from the ID, so it says nothing the registry's ID does not
        current = getattr(person, name)
        if name == "date_of_birth" and current and row.date_precision != "day":
            if current.year == proposed.year and (row.date_precision == "year" or current.month == proposed.month):
                continue  # the file knows less than the registry, and agrees with it
        if current != proposed:
            column = row.columns.get(name, "")
            found.append(Difference(name, column, str(Person._meta.get_field(name).verbose_name), current, proposed))
    return found


def _mark_duplicates(rows: list[ImportRow]) -> None:
    first_by_id: dict[str, ImportRow] = {}
    first_by_name: dict[tuple[str, dt.date], ImportRow] = {}
    for row in rows:
        if row.national_id:
            first = first_by_id.setdefault(row.national_id, row)
            if first is not row:
                row.mark_duplicate(first.row, "national_id",
                                   _("Same citizen ID as row %(row)d; this row is skipped.") % {"row": first.row})
        elif row.date_of_birth and row.full_name and not row.has_errors:
            key = (search_key(row.full_name), row.date_of_birth)
            first = first_by_name.setdefault(key, row)
            if first is not row:
                row.mark_duplicate(first.row, None, _("Same name and date of birth as row %(row)d, and no citizen ID; "
                                                      "this row is skipped.") % {"row": first.row})


def match_rows(rows: list[ImportRow], *, actor=None) -> None:
    """Set person_id, candidate_ids and differences on each row, with their messages."""
    _mark_duplicates(rows)
    live = [r for r in rows if r.duplicate_of is None]
    names = {id(r): r.full_name for r in live}  # each row's name, joined once
    ids = {r.national_id for r in live if r.national_id}
    by_id: dict[str, Person] = {}
    if ids:
        for person in Person.objects.filter(national_id__any=ids).select_related("merged_into"):
            by_id[person.national_id] = person.merged_into or person

    unmatched = [r for r in live if not (r.national_id and r.national_id in by_id) and r.date_of_birth and names[id(r)]]
    candidates: dict[tuple[str, dt.date], list[Person]] = {}
    if unmatched:
        # Exact (name, birth date) pairs on one indexed column: separate IN lists of names and dates
        # would also fetch every "Nguyễn Văn An" born on any of the dates.
        keys = {person_match_key(search_key(names[id(r)]), r.date_of_birth) for r in unmatched}
        for person in Person.objects.filter(match_key__any=keys).only(*_PERSON_FIELDS, "merged_into").order_by("id"):
            if person.merged_into_id is None:
                candidates.setdefault((person.name_key, person.date_of_birth), []).append(person)

    # Possible matches come only from the persons the actor sees; a person matched by citizen ID
    # outside the centres the actor edits is enrolled as registered, and nothing of it is shown.
    visible: set[int] | None = None
    editable: set[int] | None = None
    if actor is not None:
        seen = {p.pk for p in by_id.values()} | {p.pk for group in candidates.values() for p in group}
        visible = set(Person.objects.visible_to(actor).filter(pk__any=seen).values_list("pk", flat=True)) if seen else set()
        editable = editable_person_ids(actor, [p for p in by_id.values() if p.pk in visible])

    for row in live:
        person = by_id.get(row.national_id) if row.national_id else None
        if person is not None:
            _matched(row, person, editable)
        elif row.date_of_birth and names[id(row)]:
            group = candidates.get((search_key(names[id(row)]), row.date_of_birth), [])
            _possible(row, [p for p in group if visible is None or p.pk in visible])
        # With possible matches the user may link the row to a registered person, who has a gender.
        if row.person_id is None and not row.candidate_ids and not row.values.get("gender") and not row.has_errors:
            row.add_error("gender" if row.columns.get("gender") else None,
                          _("The gender is missing; it is needed to register a new person."))


def editable_person_ids(actor, persons) -> set[int]:
    """The persons among `persons` whose registry record `actor` may change: those of the centres the
    actor edits. A learner of the actor's class kept by another centre is seen, not changed."""
    if actor is None:
        return {p.pk for p in persons}
    scope = scope_of(actor)
    return {p.pk for p in persons if scope.edits(p.centre_id)}


def _matched(row: ImportRow, person: Person, editable: set[int] | None) -> None:
    row.person_id = person.pk
    if editable is not None and person.pk not in editable:
        row.extra["kept_elsewhere"] = True
        row.add_warning("national_id", _("This person is already in the registry, kept by another centre; "
                                         "the registry record is used as it is."))
        return
    if person.archived:
        row.add_warning("national_id", _("This person's registry record is archived."))
    row.differences = differences(row, person)
    for diff in row.differences:
        row.add_warning(diff.field, _("The registry has %(current)s, the file %(proposed)s; the registry is changed "
                                      "only if you agree.") % {
            "current": display_value(diff.field, diff.current), "proposed": display_value(diff.field, diff.proposed)})


def _possible(row: ImportRow, people: list[Person]) -> None:
    if row.national_id:
        without_id = [p for p in people if not p.national_id]
        if len(without_id) < len(people):
            row.add_warning("national_id", _("The registry has a person with the same name and date of birth "
                                             "but a different citizen ID; check the ID."))
        people = without_id
    if not people:
        return
    row.candidate_ids = [p.pk for p in people]
    row.extra["possible_match_message"] = len(row.messages)
    row.add_warning(None, ngettext(
        "Possible match: the registry has a person with the same name and date of birth; confirm whether this is "
        "the same person.",
        "Possible match: the registry has %(count)d persons with the same name and date of birth; confirm whether "
        "one of them is this person.",
        len(people),
    ) % {"count": len(people)})
