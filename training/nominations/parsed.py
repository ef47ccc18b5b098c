"""The parsed rows of a kept upload, remembered between the preview and the confirm.

Parsing a row (names, dates, citizen ID, levels) depends only on its cells, the fixes typed on the
preview, the day the ages are judged on and the interface language of the messages; nothing in the
database. The confirm of a list previewed a moment earlier therefore takes the preview's rows from the
cache instead of parsing 5,000 rows again; matching and the eligibility checks, which do read the
registry and the class, always run again. A table without a cache key (a file read directly, as the API
and the tests do) is parsed every time.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils.translation import get_language

from training.nominations.importers import ImportRow
from training.nominations.importers.reader import SheetTable
from training.nominations.importers.rows import RowParser

KEPT_SECONDS = 15 * 60  # how long a kept upload's table and parsed rows stay in the cache, not a day


def rows_key(table_key: str) -> str:
    return f"{table_key}:rows"


def parsed_rows(table: SheetTable, *, overrides: dict, today: dt.date) -> list[ImportRow]:
    """One ImportRow per row of `table`, parsed as RowParser does; fresh objects on every call, so the
    caller may match and check them in place."""
    fingerprint = (get_language(), today.isoformat(), sorted((row, sorted(fix.items()))
                                                             for row, fix in overrides.items()))
    key = rows_key(table.cache_key) if table.cache_key else ""
    if key:
        kept = cache.get(key)  # unpickled: objects of their own
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
    parser = RowParser(today=today, columns={c.field: c.letter for c in table.columns})
    rows = [parser.parse(raw, overrides.get(raw.row)) for raw in table.rows]
    if key:
        cache.set(key, (fingerprint, rows), KEPT_SECONDS)  # pickled now, before anyone changes them
    return rows
