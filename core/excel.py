"""The one Excel writer every export uses, so no exported value can become a live formula.

A cell whose text begins with "=", "+", "-", "@", a tab or a carriage return is what a spreadsheet
takes for a formula (or a DDE call) when the file is opened or the cell edited; such text is written
as a text cell with Excel's quote prefix, so it shows exactly as typed and is never evaluated.
Numbers, dates and booleans are written as themselves.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def defuse(cell):
    """Make `cell` hold its text as text if it looks like a formula; return the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def cell(sheet, value, *, font=None, alignment=None, border=None, number_format: str | None = None):
    """A write-only cell with its style, defused."""
    made = WriteOnlyCell(sheet, value=value)
    if font is not None:
        made.font = font
    if alignment is not None:
        made.alignment = alignment
    if border is not None:
        made.border = border
    if number_format:
        made.number_format = number_format
    return defuse(made)


def append(sheet, values: Iterable) -> None:
    """Append one row to a sheet (write-only or not); text that looks like a formula stays text."""
    values = list(values)
    if getattr(sheet, "_ttct_write_only", None) is None:
        sheet._ttct_write_only = type(sheet).__name__ == "WriteOnlyWorksheet"
    if sheet._ttct_write_only:
        sheet.append([defuse(v) if isinstance(v, Cell) else cell(sheet, v) for v in values])
        return
    sheet.append(values)
    for made in sheet[sheet.max_row]:
        defuse(made)


def put(sheet, row: int, column: int, value):
    """Set one cell of an ordinary sheet, defused; return it."""
    return defuse(sheet.cell(row, column, value))


def new_workbook(*, write_only: bool = False) -> Workbook:
    return Workbook(write_only=write_only)


def to_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
