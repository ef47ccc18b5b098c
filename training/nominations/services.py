"""Importing a nomination list (danh sách cử đi học) into a class: preview, then confirm.

`preview_nominations` reads the workbook through training.nominations.importers, matches every row to
the person registry and applies the class's eligibility rules (rules.py) to the parsed rows; it writes
nothing. The user then skips or fixes rows, consents to registry updates, confirms possible matches and
overrides rules with a reason; those decisions are a `Choices`. Rows that only warn (a party member
in a course for candidates for admission) are enrolled once `Choices.warning_reason` says why.
`import_nominations` builds the same preview again under a lock on the class and, if no kept row has
an error, writes the persons and the enrolments in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record
from core.bulk import create_rows, gc_paused, unsaved
from core.models import AuditEvent
from core.text import search_key
from core.warnings import require_reason
from org.models import SendingOrganisation
from training.models import Enrolment, Klass
from training.nominations.enrolment import (
    lock_class,
    record_overrides,
    record_warnings,
    require_accepting,
    require_manager,
    require_sending_organisation,
    sending_organisations,
)
from training.nominations.importers import ImportBlocked, ImportResult, ImportRow, Level, Message, save_persons
from training.nominations.importers.matching import match_rows
from training.nominations.importers.reader import SheetTable, WorkbookError, read_workbook
from training.nominations.parsed import parsed_rows
from training.nominations.rules import BLOCKING, NOT_OVERRIDABLE, Assessment, Candidate, Eligibility, Finding


@dataclass
class Choices:
    """What the user decided on the preview, by sheet row number."""

    skipped: set[int] = field(default_factory=set)
    consented: set[int] = field(default_factory=set)  # rows whose differences may update the registry
    consent_all: bool = False
    links: dict[int, int] = field(default_factory=dict)  # row -> registry person confirmed as a match
    overrides: dict[int, str] = field(default_factory=dict)  # row -> reason for breaking the class's rules
    fixes: dict[int, dict[str, str]] = field(default_factory=dict)  # row -> {import field: corrected text}
    skip_errors: bool = False  # skip every row that still has an error (the command's --skip-errors)
    warning_reason: str = ""  # why the rows with warnings (core.warnings) are enrolled all the same


@dataclass
class NominationPreview:
    klass: Klass
    result: ImportResult
    choices: Choices
    assessments: dict[int, Assessment] = field(default_factory=dict)
    table: SheetTable | None = None  # what was read, for the next preview or the confirm

    # Row categories -------------------------------------------------------------------------------
    def is_skipped(self, row: ImportRow) -> bool:
        return row.row in self.choices.skipped or (self.choices.skip_errors and row.has_errors)

    def already_enrolled(self, row: ImportRow) -> bool:
        found = self.assessments.get(row.row)
        return bool(found and found.already_enrolled)

    def is_kept(self, row: ImportRow) -> bool:
        """Passed to the registry step: not skipped, and not someone the class already has."""
        return not self.is_skipped(row) and not self.already_enrolled(row)

    @property
    def kept_rows(self) -> list[ImportRow]:
        return [r for r in self.result.rows if self.is_kept(r)]

    @property
    def blocked_rows(self) -> list[ImportRow]:
        return [r for r in self.kept_rows if r.has_errors]

    @property
    def rows_to_enrol(self) -> list[ImportRow]:
        return [r for r in self.kept_rows if r.duplicate_of is None and not r.has_errors]

    @property
    def can_confirm(self) -> bool:
        return (not self.result.errors and not self.blocked_rows and bool(self.rows_to_enrol)
                and (bool(self.choices.warning_reason.strip()) or not self.warnings()))

    def link_for(self, row: ImportRow) -> int | None:
        chosen = self.choices.links.get(row.row)
        return chosen if row.person_id is None and chosen in row.candidate_ids else None

    def consented_rows(self) -> set[int]:
        if self.choices.consent_all:
            return {r.row for r in self.result.rows}
        return set(self.choices.consented)

    def warnings(self) -> list[str]:
        """The warnings of the rows to enrol that need a reason to go ahead, each naming its row."""
        return [_("Row %(row)d: %(text)s") % {"row": r.row, "text": text}
                for r in self.rows_to_enrol for text in r.extra.get("reason_warnings", [])]

    def summary(self) -> dict:
        data = self.result.summary()
        data.update(
            class_code=self.klass.code,
            skipped_by_user=sum(1 for r in self.result.rows if self.is_skipped(r)),
            already_enrolled=sum(1 for r in self.result.rows if self.already_enrolled(r)),
            overridden=sum(1 for r in self.rows_to_enrol if r.row in self.choices.overrides),
            to_enrol=len(self.rows_to_enrol),
            blocked_rows=[r.row for r in self.blocked_rows],
            needs_reason=self.warnings(),
        )
        return data

    def to_json_data(self) -> dict:
        return {"summary": self.summary(), "rows": [row.to_dict() for row in self.result.rows]}


@dataclass
class ImportOutcome:
    preview: NominationPreview
    enrolments: list[Enrolment]
    reactivated: int = 0
    new_persons: int = 0
    updated_persons: int = 0

    def summary(self) -> dict:
        data = self.preview.summary()
        data.update(enrolled=len(self.enrolments), reactivated=self.reactivated,
                    persons_created=self.new_persons, persons_updated=self.updated_persons)
        return data

    def to_json_data(self) -> dict:
        return {"summary": self.summary(), "rows": [row.to_dict() for row in self.preview.result.rows]}


# Preview --------------------------------------------------------------------------------------------
def _eligibility_check(klass: Klass, choices: Choices, assessments: dict[int, Assessment]):
    """The check handed to the importer: the class's rules, applied to every live row at once."""

    def check(rows: list[ImportRow], _context) -> None:
        candidates = []
        for row in rows:
            if row.duplicate_of is not None or row.row in choices.skipped:
                continue
            link = choices.links.get(row.row)
            person_id = row.person_id or (link if link in row.candidate_ids else None)
            candidates.append(Candidate(
                key=row.row, person_id=person_id, party_admission_date=row.values.get("party_admission_date"),
                party_member=bool(row.values.get("is_party_member")), name=row.full_name,
                override=(choices.overrides.get(row.row) or "").strip(),
                takes_seat=not row.has_errors,
            ))
        found = Eligibility(klass).assess(candidates)
        assessments.update(found)
        for row in rows:
            if row.row in found:
                _annotate(row, found[row.row], (choices.overrides.get(row.row) or "").strip())

    return check


def _annotate(row: ImportRow, found: Assessment, override: str) -> None:
    overridable = [f for f in found.findings if f.rule in BLOCKING]
    row.extra["eligibility"] = [f.rule for f in overridable]
    row.extra["eligibility_texts"] = [f.text for f in overridable]
    row.extra["person_id"] = found.person_id
    row.extra["reason_warnings"] = found.warnings
    for finding in found.findings:
        if finding.rule in NOT_OVERRIDABLE:
            # Not an error of the file: the row is simply not written again.
            row.messages.append(Message(Level.DUPLICATE, row.row, "", "", finding.text))
        elif finding.rule not in BLOCKING:
            row.add_warning(finding.field, finding.text)
        elif override:
            row.add_warning(finding.field, _("%(problem)s Enrolled anyway: %(reason)s")
                            % {"problem": finding.text, "reason": override})
        else:
            row.add_error(finding.field, finding.text)


def read_list(source) -> SheetTable | ImportResult:
    """The table of a nomination workbook, read once so later previews and the confirm can reuse it.

    Returns an ImportResult holding the file's error when the workbook cannot be read.
    """
    if isinstance(source, SheetTable):
        return source
    try:
        return read_workbook(source)
    except WorkbookError as exc:
        return ImportResult(errors=[str(exc)])


def _same_person_in_class(rows: list[ImportRow], klass: Klass) -> None:
    """A row without a match by citizen ID whose name and birth date match a learner of this class is
    that learner: a list imported again (or twice at once) registers and enrols nobody twice."""
    open_rows = [r for r in rows if r.person_id is None and r.candidate_ids]
    if not open_rows:
        return
    wanted = {pk for r in open_rows for pk in r.candidate_ids}
    in_class = set(Enrolment.objects.filter(klass=klass, person_id__any=wanted).values_list("person_id", flat=True))
    for row in open_rows:
        learners = [pk for pk in row.candidate_ids if pk in in_class]
        if len(learners) == 1:
            row.person_id, row.candidate_ids = learners[0], []
            index = row.extra.pop("possible_match_message", None)
            if index is not None and index < len(row.messages):
                del row.messages[index]


def _build(table: SheetTable, *, actor, checks, overrides, today: dt.date, klass: Klass | None = None) -> ImportResult:
    # From a table already read: reading the workbook is half the time of a preview, and the confirm
    # must not pay it again.
    rows = parsed_rows(table, overrides=overrides, today=today)
    match_rows(rows, actor=actor)
    if klass is not None:
        _same_person_in_class(rows, klass)
    for check in checks:
        check(rows, None)
    return ImportResult(sheet=table.sheet, header_row=table.header_row,
                        columns={c.field: c.letter for c in table.columns}, rows=rows,
                        skipped_rows=table.skipped_rows, end_row=table.end_row)


def preview_nominations(*, actor, klass: Klass, source, choices: Choices | None = None,
                        today: dt.date | None = None) -> NominationPreview:
    """Read, match and check a nomination list for `klass`. Writes nothing.

    `source`: the .xlsx (a path, bytes or a file object), or the SheetTable of an earlier read_list.
    """
    require_manager(actor, klass)
    choices = choices or Choices()
    assessments: dict[int, Assessment] = {}
    with gc_paused():
        table = read_list(source)
        if isinstance(table, ImportResult):
            return NominationPreview(klass=klass, result=table, choices=choices)
        result = _build(table, actor=actor, checks=[_eligibility_check(klass, choices, assessments)],
                        overrides=choices.fixes or {}, today=today or timezone.localdate(), klass=klass)
    return NominationPreview(klass=klass, result=result, choices=choices, assessments=assessments, table=table)


# Confirm --------------------------------------------------------------------------------------------
def _rows_text(rows: list[ImportRow]) -> str:
    return ", ".join(str(r.row) for r in rows)


def _organisations(actor, klass: Klass) -> dict[str, SendingOrganisation]:
    """The sending organisations a row's "Đơn vị cử" text may name, by diacritic-free name."""
    found: dict[str, SendingOrganisation] = {}
    for organisation in sending_organisations(actor, klass).only("pk", "name", "short_name"):
        for name in (organisation.name, organisation.short_name):
            if name:
                found.setdefault(search_key(name), organisation)
    return found


def import_nominations(*, actor, klass: Klass, source, choices: Choices | None = None,
                       sending_organisation: SendingOrganisation | None = None, filename: str = "",
                       today: dt.date | None = None) -> ImportOutcome:
    """Enrol the kept rows of a nomination list, registering new persons; all or nothing.

    Raises ImportBlocked (nothing written) when the file cannot be read, a kept row has an error, or
    no row is left to enrol. `source` as for preview_nominations; a SheetTable saves reading the file again.
    """
    require_manager(actor, klass)
    require_sending_organisation(actor, klass, sending_organisation)
    choices = choices or Choices()
    reason = _("Nomination list %(file)s for class %(code)s.") % {"file": filename or "-", "code": klass.code}
    with transaction.atomic(), gc_paused():
        klass = lock_class(klass)
        require_accepting(klass)
        preview = preview_nominations(actor=actor, klass=klass, source=source, choices=choices, today=today)
        if preview.result.errors:
            raise ImportBlocked(" ".join(preview.result.errors))
        # The row categories of NominationPreview, each worked out once for the 5,000 rows.
        kept = preview.kept_rows
        blocked = [r for r in kept if r.has_errors]
        if blocked:
            raise ImportBlocked(_("Rows with errors: %(rows)s. Fix, skip or override them, then confirm again.")
                                % {"rows": _rows_text(blocked)})
        to_enrol = [r for r in kept if r.duplicate_of is None]
        if not to_enrol:
            raise ImportBlocked(_("No row is left to enrol."))
        warning_reason = require_reason(preview.warnings(), choices.warning_reason)

        links = {r.row: link for r in kept if (link := preview.link_for(r))}
        known = {r.person_id or links.get(r.row) for r in kept} - {None}
        consented = preview.consented_rows()
        persons = save_persons(kept, actor=actor, consented_rows=consented, links=links, centre=klass.centre,
                               sending_organisation=sending_organisation, reason=reason)
        outcome = _write_enrolments(actor, klass, preview, to_enrol, persons, sending_organisation, reason,
                                    warning_reason)
        outcome.new_persons = len({persons[r.row].pk for r in to_enrol} - known)
        outcome.updated_persons = sum(1 for r in kept if r.row in consented and r.differences)
    return outcome


def _write_enrolments(actor, klass, preview: NominationPreview, to_enrol: list[ImportRow], persons, default_org,
                      reason, warning_reason: str = "") -> ImportOutcome:
    organisations = _organisations(actor, klass)
    wanted: dict[int, ImportRow] = {}
    for row in to_enrol:  # preview.rows_to_enrol
        wanted.setdefault(persons[row.row].pk, row)  # two rows that turn out to be one person: the first
    # The registry step may have found someone registered meanwhile; look again, in one query.
    existing = {person_id: (pk, status) for pk, person_id, status in Enrolment.objects.filter(
        klass=klass, person_id__any=list(wanted)).values_list("pk", "person_id", "status")}
    again = {pk for pk, status in existing.values() if status != Enrolment.Status.ENROLLED}
    reopened = {e.person_id: e for e in Enrolment.objects.filter(pk__any=again)} if again else {}

    created, updated, overridden, warned = [], [], [], []
    named: dict[str, SendingOrganisation | None] = {}  # a list names a few organisations, on every row
    for person_id, row in wanted.items():
        if person_id in existing and person_id not in reopened:
            continue  # enrolled in this class since the preview; nothing to add
        text = row.values.get("sending_organisation")
        if text and text not in named:
            named[text] = organisations.get(search_key(text))
        organisation = named[text] if text else None
        override = (preview.choices.overrides.get(row.row) or "").strip()
        broken = [Finding(rule, text) for rule, text in zip(row.extra.get("eligibility", []),
                                                             row.extra.get("eligibility_texts", []), strict=False)]
        enrolment = reopened.get(person_id) or unsaved(Enrolment, {"klass_id": klass.pk, "person_id": person_id})
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.status_reason = ""
        enrolment.moved_to = None
        enrolment.sending_organisation = organisation or default_org
        enrolment.override_reason = override if broken else ""
        enrolment.source_row = row.row
        (updated if enrolment.pk else created).append(enrolment)
        if broken:
            overridden.append((enrolment, broken))
        if row.extra.get("reason_warnings"):
            warned.append((enrolment, list(row.extra["reason_warnings"])))

    create_rows(Enrolment, created)  # one COPY on PostgreSQL
    if updated:
        now = timezone.now()
        for enrolment in updated:
            enrolment.updated_at = now
        Enrolment.objects.bulk_update(updated, ["status", "status_reason", "moved_to", "sending_organisation",
                                                "override_reason", "source_row", "updated_at"], batch_size=500)
    # One event on the class for the whole list (its history is where the officer looks), not 5,000
    # events nobody opens one by one; exceptions to the rules get an event per enrolment.
    record(actor=actor, action=AuditEvent.Action.IMPORT, obj=klass, reason=reason, after={
        "enrolled": len(created) + len(updated),
        "enrolments": [[e.pk, e.person_id, e.source_row] for e in created + updated],
        "reactivated": [e.pk for e in updated],
        "sending_organisation_id": getattr(default_org, "pk", None),
    })
    record_overrides(actor, overridden)
    record_warnings(actor, warned, warning_reason)
    return ImportOutcome(preview=preview, enrolments=created + updated, reactivated=len(updated))


__all__ = ["Choices", "ImportBlocked", "ImportOutcome", "NominationPreview", "import_nominations",
           "preview_nominations"]
