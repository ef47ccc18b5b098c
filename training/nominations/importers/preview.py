"""The preview step: read the workbook, parse every row, match it to the registry, run the checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils import timezone

from training.nominations.importers.matching import match_rows
from training.nominations.importers.reader import WorkbookError, read_workbook
from training.nominations.importers.result import ImportResult, ImportRow
from training.nominations.importers.rows import RowParser

Check = Callable[[list[ImportRow], Any], None]


def build_preview(
    source,
    *,
    actor=None,
    checks: Sequence[Check] = (),
    context: Any = None,
    overrides: Mapping[int, Mapping[str, object]] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Everything the user sees before confirming. Reads the database, writes nothing.

    `source`: a path, bytes or a file object holding the .xlsx.
    `actor`: the user importing; persons outside their scope are matched but their details not shown.
    `checks`: callables `check(rows, context)` run after matching, in order (see the package docstring).
    `overrides`: the user's fixes, {sheet row number: {import field: new cell text}}; an empty text
        clears the cell. Fields are the keys of training.nominations.importers.fields (e.g. "date_of_birth").
    `today`: the day ages and future dates are judged against (default: today in the site's time zone).
    """
    try:
        table = read_workbook(source)
    except WorkbookError as exc:
        return ImportResult(errors=[str(exc)])
    parser = RowParser(today=today or timezone.localdate(), columns={c.field: c.letter for c in table.columns})
    overrides = overrides or {}
    rows = [parser.parse(raw, overrides.get(raw.row)) for raw in table.rows]
    match_rows(rows, actor=actor)
    for check in checks:
        check(rows, context)
    return ImportResult(
        sheet=table.sheet,
        header_row=table.header_row,
        columns={c.field: c.letter for c in table.columns},
        rows=rows,
        skipped_rows=table.skipped_rows,
        end_row=table.end_row,
    )
