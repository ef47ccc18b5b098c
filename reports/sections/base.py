"""What a report section is: a named table computed for a centre and a period, or a text the centre writes.

A table is computed with a few aggregate queries whatever the number of records, and comes out as plain
JSON-ready data (the snapshot a submitted report keeps):

    {"key": …, "title": …, "columns": [{"key", "label", "percent"}], "rows": [{"key", "label", "cells"}],
     "total": {column key: value}}

Percent columns are never added up: they are recomputed from their two count columns, for a centre's
total as for the province's roll-up. Each section also says which records a cell counts (`records`),
so every figure on the page links to the list behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Frame:
    """The centres whose records a report counts (the centre and the predecessors it continued) and the period."""

    centre_ids: tuple[int, ...]
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Col:
    key: str
    label: str  # Vietnamese, as printed in the document
    ratio: tuple[str, str] | None = None  # a percentage of two count columns (numerator, denominator)
    average: bool = False  # the ratio is an average with one decimal (e.g. score total / answers), not a percentage


@dataclass(frozen=True)
class TableSection:
    key: str
    title: str  # Vietnamese title of the table in the document
    columns: tuple[Col, ...]
    compute: Callable[[Frame], list[dict]]  # rows: {"key", "label", "cells": {count column: int}}
    records: Callable[[Frame, str, str], tuple[str, object]]  # (record type, queryset) behind one cell
    row_header: str = "Nội dung"
    # A section whose rows describe the period's end (staff) rather than a sum over the period.
    note: str = ""
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class TextSection:
    key: str
    title: str
    hint: str = ""
    kind: str = field(default="text", init=False)


TOTAL = "__total__"


def number(value) -> int | float:
    """A count as an int; hours and amounts with a fraction as a float with one decimal (JSON-ready)."""
    if value is None:
        return 0
    if isinstance(value, float | Decimal):
        rounded = round(float(value), 1)
        return int(rounded) if rounded.is_integer() else rounded
    return int(value)


def percent(numerator: int, denominator: int) -> int | None:
    return round(100 * numerator / denominator) if denominator else None


def average(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 1) if denominator else None


def finish(section: TableSection, rows: list[dict]) -> dict:
    """The table as a snapshot: count cells as given, percent cells and the total row computed."""
    counts = [c.key for c in section.columns if c.ratio is None]
    total = {key: number(sum(number(r["cells"].get(key)) for r in rows)) for key in counts}
    for row in [*rows, {"cells": total}]:
        cells = row["cells"]
        for key in counts:
            cells[key] = number(cells.get(key))
        for column in section.columns:
            if column.ratio:
                ratio = average if column.average else percent
                cells[column.key] = ratio(cells[column.ratio[0]], cells[column.ratio[1]])
    return {
        "key": section.key,
        "title": section.title,
        "row_header": section.row_header,
        "columns": [{"key": c.key, "label": c.label, "percent": c.ratio is not None} for c in section.columns],
        "rows": rows,
        "total": total,
    }


def add_up(section: TableSection, tables: list[dict]) -> dict:
    """The sum of the same table from several snapshots, row by row (rows matched on their key)."""
    merged: dict[str, dict] = {}
    counts = [c.key for c in section.columns if c.ratio is None]
    for table in tables:
        for row in table.get("rows", []):
            target = merged.get(row["key"])
            if target is None:
                target = merged[row["key"]] = {"key": row["key"], "label": row["label"], "cells": dict.fromkeys(counts, 0)}
            for key in counts:
                target["cells"][key] += number(row["cells"].get(key))
    return finish(section, list(merged.values()))
