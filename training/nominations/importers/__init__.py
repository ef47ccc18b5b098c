"""Importing sending organisations' nomination lists (danh sách cử đi học) from Excel.

The flow, and who does what:

1. ``build_preview(source, actor=..., checks=[...], context=..., overrides=...)`` reads the workbook
   (reader.py: finds the table among title rows and the signature block, maps the varied headers),
   parses every row (rows.py, values.py), matches it to the person registry in bulk (matching.py),
   then runs the caller's checks, and returns an ``ImportResult``. It writes nothing.
2. The user reviews the rows (status ok / warning / error / duplicate, messages by row and column),
   fixes cells (passed back as ``overrides`` to a new preview), skips rows, consents to registry
   updates row by row and confirms possible matches.
3. ``save_persons(kept_rows, actor=..., consented_rows=..., links=..., centre=..., sending_organisation=...)``
   (persons.py) creates the new persons and applies the consented updates in one transaction and
   returns ``{sheet row: Person}``; the training app writes its enrolments from that, in the same
   transaction. Any kept row with an error stops it before anything is written (``ImportBlocked``).

The seam for the training app: checks
--------------------------------------
A check is a callable ``check(rows: list[ImportRow], context) -> None``. ``build_preview`` calls each
one, in order, after matching, with the ``context`` the caller passed (e.g. the class, its programme
version and today's date). A check adds findings with ``row.add_error(field, text)`` or
``row.add_warning(field, text)``; ``field`` names the column (a Person field such as
"date_of_birth" or "party_admission_date", or None for the whole row) and the message shows as
"Dòng 12, cột D (Ngày sinh): …". What a check can rely on:

- ``row.person_id`` is the matched registry person (None for a new person); ``row.values`` holds the
  parsed values under Person field names; ``row.status`` is derived from the messages, so a check
  never sets it; rows already in error or duplicate may be skipped by the check.
- A check must query in bulk: collect ``{r.person_id for r in rows if r.person_id}`` and run one
  query for all of them (the query count must not grow with the rows).
- ``row.extra`` is free for the check to leave data for the confirm step (e.g. the enrolment found).

The checks the training app is expected to add: programme already completed, the probation window
of the new-member programme (``row.values["party_admission_date"]``), prerequisite missing, already
enrolled in the class, and the class capacity (rows beyond the remaining seats).
"""

from training.nominations.importers.persons import ImportBlocked, save_persons
from training.nominations.importers.preview import Check, build_preview
from training.nominations.importers.reader import WorkbookError, read_workbook
from training.nominations.importers.result import Difference, ImportResult, ImportRow, Level, Message, RowStatus
from training.nominations.importers.template import build_template

__all__ = [
    "Check",
    "Difference",
    "ImportBlocked",
    "ImportResult",
    "ImportRow",
    "Level",
    "Message",
    "RowStatus",
    "WorkbookError",
    "build_preview",
    "build_template",
    "read_workbook",
    "save_persons",
]
