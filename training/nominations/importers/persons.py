"""Writing the registry side of a confirmed import: new persons, and consented updates.

The training app's confirm step calls `save_persons` inside its own transaction (the enrolments are
written in the same one), or on its own; it is atomic either way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.audit import record_many, snapshot
from core.bulk import create_rows, unsaved
from core.models import AuditEvent
from people.models import Person
from training.nominations.importers.matching import DIFF_FIELDS, differences, editable_person_ids
from training.nominations.importers.result import ImportRow

_KEY_FIELDS = ["name_key", "search_text", "sort_key"]
_NEW_PERSON_FIELDS = [f for f in DIFF_FIELDS if f != "is_party_member"]
_AUDITED = ["national_id", "legacy_id", *DIFF_FIELDS, "centre_id", "sending_organisation_id"]


class ImportBlocked(ValueError):
    """Nothing was written; the message says which rows stop the import."""


def _rows_text(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def save_persons(
    rows: Iterable[ImportRow],
    *,
    actor,
    consented_rows: Collection[int] = (),
    links: Mapping[int, int] | None = None,
    centre=None,
    sending_organisation=None,
    reason: str = "",
) -> dict[int, Person]:
    """Create or update the persons of the rows the user kept; return {sheet row: Person}.

    `rows`: the kept rows of the preview. Any row with an error stops the whole import. Rows marked
        duplicate are not written; they get the person of the row they repeat, if that row is kept.
    `consented_rows`: rows whose differences from the registry the user agreed to apply.
    `links`: {row: person id} for possible matches the user confirmed (one of row.candidate_ids).
    `centre`, `sending_organisation`: recorded on the persons created.
    """
    rows = list(rows)
    links = dict(links or {})
    errors = [r.row for r in rows if r.has_errors]
    if errors:
        raise ImportBlocked(_("Rows with errors: %(rows)s. Fix or skip them, then confirm again.") % {
            "rows": _rows_text(errors)})
    wrong_links = [r.row for r in rows if r.row in links and links[r.row] not in r.candidate_ids]
    if wrong_links:
        raise ImportBlocked(_("Rows linked to a person who is not one of their possible matches: %(rows)s.") % {
            "rows": _rows_text(wrong_links)})
    genderless = [r.row for r in rows if r.duplicate_of is None and r.person_id is None and r.row not in links
                  and not r.values.get("gender")]
    if genderless:
        raise ImportBlocked(_("Rows that would register a new person without a gender: %(rows)s.") % {
            "rows": _rows_text(genderless)})
    consented = set(consented_rows)
    kept = [r for r in rows if r.duplicate_of is None]

    with transaction.atomic():
        target_ids = {r.person_id for r in kept if r.person_id} | {links[r.row] for r in kept if r.row in links}
        locked = Person.objects.select_for_update()
        if not target_ids:
            existing = {}
        elif connection.vendor == "postgresql":  # one array parameter, not thousands of placeholders
            existing = {person.pk: person for person in locked.filter(pk__any=target_ids).order_by()}
        else:
            existing = locked.in_bulk(target_ids)  # in batches within SQLite's limit on parameters
        # However the rows were built, a record outside the centres the actor edits is never changed.
        changeable = editable_person_ids(actor, existing.values())
        new_rows = [r for r in kept if r.person_id is None and r.row not in links]
        # Someone may have registered the same ID since the preview: use that person, unchanged.
        ids = [r.national_id for r in new_rows if r.national_id]
        taken = {p.national_id: p for p in Person.objects.filter(national_id__any=ids)} if ids else {}

        result: dict[int, Person] = {}
        created: list[Person] = []
        for row in new_rows:
            if row.national_id in taken:
                result[row.row] = taken[row.national_id]
                continue
            person = _new_person(row, centre=centre, sending_organisation=sending_organisation)
            created.append(person)
            result[row.row] = person

        updated, events = [], []
        for row in kept:
            if row.row in result:
                continue
            person = existing.get(links.get(row.row, row.person_id))
            if person is None:
                raise ImportBlocked(_("Row %(row)d: the registry record it matched was removed after the preview; "
                                      "preview the file again.") % {"row": row.row})
            result[row.row] = person
            if row.row in consented and person.pk in changeable:
                changed = _apply(row, person, link=row.row in links)
                if changed:
                    updated.append(person)
                    events.append((person, changed))

        create_rows(Person, created)
        if updated:
            fields = sorted({name for _person, changed in events for name in changed} | {*_KEY_FIELDS, "updated_at"})
            Person.objects.bulk_update(updated, fields, batch_size=500)
        # The fields the import filled, not the whole record: the log of a 5,000-row import stays
        # small, and nothing the file did not say is repeated 5,000 times.
        written = {"national_id", "family_name", "middle_name", "given_name", "gender", "date_of_birth"}
        written |= {name for row in new_rows for name in row.values if name in _AUDITED}
        written |= {"centre_id"} if centre else set()
        written |= {"sending_organisation_id"} if sending_organisation else set()
        record_many(actor=actor, action=AuditEvent.Action.IMPORT, objects=created,
                    reason=reason or _("Registered from a nomination list."),
                    after_fields=[name for name in _AUDITED if name in written])
        _record_updates(actor, events, reason or _("Updated from a nomination list, with the user's consent."))

    for row in rows:
        if row.duplicate_of is not None and row.duplicate_of in result:
            result[row.row] = result[row.duplicate_of]
    return result


def _new_person(row: ImportRow, *, centre, sending_organisation) -> Person:
    values = {name: row.values[name] for name in _NEW_PERSON_FIELDS if row.values.get(name) not in (None, "")}
    values.update(national_id=row.national_id, legacy_id=bool(row.values.get("legacy_id")),
                  is_party_member=bool(row.values.get("is_party_member")))
    person = unsaved(Person, values)  # Person(**values), without its per-field work
    person.centre = centre
    person.sending_organisation = sending_organisation
    person.refresh_keys()  # bulk_create skips save(), which fills the search and sort keys
    return person


def _apply(row: ImportRow, person: Person, *, link: bool) -> dict[str, tuple]:
    """Set the file's differing values on `person`; return {field: (before, after)}."""
    changed = {}
    for diff in differences(row, person):
        changed[diff.field] = (diff.current, diff.proposed)
    if link and row.national_id and not person.national_id:
        changed["national_id"] = (None, row.national_id)
        changed["legacy_id"] = (person.legacy_id, bool(row.values.get("legacy_id")))
    admission = changed.get("party_admission_date", (None, person.party_admission_date))[1]
    full = changed.get("party_full_membership_date", (None, person.party_full_membership_date))[1]
    if admission and full and full < admission:
        raise ImportBlocked(_("Row %(row)d: the full membership date would fall before the party admission date "
                              "held in the registry.") % {"row": row.row})
    for name, (_before, after) in changed.items():
        setattr(person, name, after)
    if changed:
        person.refresh_keys()
        person.updated_at = timezone.now()
    return changed


def _record_updates(actor, events: list[tuple[Person, dict]], reason: str) -> None:
    """One UPDATE event per person with before and after of the changed fields, in one INSERT.

    core.audit.record_many records only the state after, and an update needs the state before too.
    """
    if not events:
        return
    audit.write([
        audit.event(
            actor=actor, action=AuditEvent.Action.UPDATE, obj=person,
            before={name: before for name, (before, _after) in changed.items()},
            after=snapshot(person, list(changed)),
            reason=reason,
        )
        for person, changed in events
    ])
