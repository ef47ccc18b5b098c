"""Importing sending organisations' nomination lists (danh sách cử đi học) from Excel: the parts.

The one pipeline that runs them is `training.nominations.services.preview_nominations` (the page, the
API, the ``import_nominations`` command, the tests and the benchmarks all go through it):

1. ``read_workbook`` (reader.py) finds the table among title rows and the signature block and maps the
   varied headers; ``RowParser`` (rows.py, values.py) parses every row and checks each person's fields
   with the registry's own rules (``people.rules``); ``match_rows`` (matching.py) matches the rows to the
   person registry in bulk. Then the class's eligibility rules (``training.nominations.rules``) add their
   findings with ``row.add_error(field, text)`` / ``row.add_warning(field, text)``; ``field`` names the
   column (a Person field such as "date_of_birth", or None for the whole row) and the message shows as
   "Dòng 12, cột D (Ngày sinh): …". The result is an ``ImportResult``; nothing is written.
2. The user reviews the rows (status ok / warning / error / duplicate, messages by row and column),
   fixes cells (passed back as overrides to a new preview), skips rows, consents to registry updates
   row by row and confirms possible matches.
3. ``save_persons(kept_rows, actor=..., consented_rows=..., links=..., centre=..., sending_organisation=...)``
   (persons.py) creates the new persons and applies the consented updates in one transaction and
   returns ``{sheet row: Person}``; the nominations service writes the enrolments from that, in the same
   transaction. Any kept row with an error stops it before anything is written (``ImportBlocked``).
"""

from training.nominations.importers.persons import ImportBlocked, save_persons
from training.nominations.importers.reader import WorkbookError, read_workbook
from training.nominations.importers.result import Difference, ImportResult, ImportRow, Level, Message, RowStatus
from training.nominations.importers.template import build_template

__all__ = [
    "Difference",
    "ImportBlocked",
    "ImportResult",
    "ImportRow",
    "Level",
    "Message",
    "RowStatus",
    "WorkbookError",
    "build_template",
    "read_workbook",
    "save_persons",
]
