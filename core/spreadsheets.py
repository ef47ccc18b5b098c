"""Reading a table out of a workbook as offices really write it: domain-free.

Lists kept in Excel sit among title rows ("ĐẢNG BỘ …", "DANH SÁCH …"), their header may span two rows
with merged cells ("Nguồn gốc" over "Năm" and "Nguồn kinh phí"), a "(1) (2) (3)" numbering row may
follow it, and a "Tổng cộng" line or a signature block ends them. The caller says which columns it
knows and the words their headers are written with (`HeaderSpec`); this module finds the header row by
how many known columns it names, and hands back the data rows by field with their column letters, so
the caller's messages can name the row and column ("dòng 7, cột D").

Workbooks are opened read-only (fast, little memory). Read-only sheets do not expose merged ranges, so
a merged header is recognised as it is stored: the text in the first cell, blanks to its right, and
sub-headers below.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.text import nfc, search_key

SCAN_ROWS = 40
MAX_BLANK_RUN = 200
_PUNCTUATION = re.compile(r"[^\w ]+")
_TOTAL = re.compile(r"(tong cong|tong so|cong)\b.*")
_FOOTER = re.compile(
    r"(t m|tm|k t|kt|nguoi lap( bieu| danh sach)?|thu truong( don vi| co quan)?|xac nhan( cua)?|noi nhan)\b.*"
    r"|.*\bky (ghi ro )?(ho )?ten\b.*|.*\bngay\b.*\bthang\b.*\bnam\b.*"
)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


class WorkbookError(ValueError):
    """The file cannot be read as the expected table; the message says why, in the user's language."""


def header_key(value) -> str:
    """A header as compared: no diacritics, no punctuation, single spaces ("Số lượng (bộ)" -> "so luong bo")."""
    return " ".join(_PUNCTUATION.sub(" ", search_key(str(value))).split())


@dataclass(frozen=True)
class HeaderSpec:
    """The known columns: field name -> the header wordings that name it (any case, any diacritics).

    A header names a field when it equals one of the wordings or starts with one followed by more words
    ("Số lượng (bộ)" names the field written "Số lượng"). `required` fields must all be found.
    """

    headers: dict[str, tuple[str, ...]]
    required: frozenset[str] = frozenset()

    def field_for(self, value) -> str | None:
        if value is None or isinstance(value, int | float):
            return None
        key = header_key(value)
        if not key:
            return None
        best, best_length = None, 0
        for name, wordings in self.headers.items():
            for wording in wordings:
                wanted = header_key(wording)
                if (key == wanted or key.startswith(wanted + " ")) and len(wanted) > best_length:
                    best, best_length = name, len(wanted)
        return best


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    field: str
    header: str  # as written (a parent and its sub-header joined with " – ")

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass
class SheetRow:
    row: int  # 1-based row number in the sheet
    cells: dict[str, tuple[object, str]]  # field -> (value, column letter); blank cells left out

    def value(self, name: str):
        return self.cells.get(name, (None, ""))[0]

    def letter(self, name: str, columns: dict[str, Column]) -> str:
        column = columns.get(name)
        return column.letter if column else ""


@dataclass
class Table:
    sheet: str
    header_row: int  # 1-based, the first header row
    header_rows: int
    columns: dict[str, Column]
    rows: list[SheetRow] = field(default_factory=list)
    end_row: int | None = None  # the "Tổng cộng" line or signature block, when there is one


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(row: tuple, index: int):
    return row[index] if index < len(row) else None


def _one_row(spec: HeaderSpec, row: tuple) -> list[Column]:
    return [Column(i, name, nfc(str(v))) for i, v in enumerate(row)
            if not _blank(v) and (name := spec.field_for(v))]


def _is_sub_header(spec: HeaderSpec, top: tuple, sub: tuple) -> bool:
    """A second header row: text only, at least one known wording, some of it under a blank (merged) cell."""
    cells = [(i, v) for i, v in enumerate(sub) if not _blank(v)]
    if not cells or any(not isinstance(v, str) for _, v in cells):
        return False
    if not any(spec.field_for(v) for _, v in cells):
        return False
    return any(_blank(_cell(top, i)) for i, _ in cells)


def _two_rows(spec: HeaderSpec, top: tuple, sub: tuple) -> list[Column]:
    columns = []
    parent = None
    for index in range(max(len(top), len(sub))):
        upper, lower = _cell(top, index), _cell(sub, index)
        if not _blank(upper):
            parent = upper
        elif _blank(lower):
            parent = None  # a blank top cell with nothing below ends a merged range
        texts = [nfc(str(v)) for v in (parent, lower) if not _blank(v)]
        if not texts:
            continue
        name = None
        if not _blank(lower):
            name = spec.field_for(lower) or spec.field_for(" ".join(texts))
        if name is None and not _blank(upper):
            name = spec.field_for(upper)
        if name:
            columns.append(Column(index, name, " – ".join(texts)))
    return columns


def _first_of_each(columns: list[Column]) -> dict[str, Column]:
    found: dict[str, Column] = {}
    for column in columns:
        found.setdefault(column.field, column)
    return found


def find_header(spec: HeaderSpec, head: list[tuple]) -> tuple[int, int, dict[str, Column]] | None:
    """(0-based row index, header rows, columns) of the best header among the first rows, or None."""
    best = None
    best_score = 0
    for index, row in enumerate(head):
        options = []
        if index + 1 < len(head) and _is_sub_header(spec, row, head[index + 1]):
            options.append((2, _first_of_each(_two_rows(spec, row, head[index + 1]))))
        options.append((1, _first_of_each(_one_row(spec, row))))
        for used, columns in options:
            if not spec.required <= set(columns):
                continue
            if len(columns) >= 2 and len(columns) > best_score:
                best, best_score = (index, used, columns), len(columns)
    return best


def _is_numbering_row(row: tuple) -> bool:
    values = [v for v in row if not _blank(v)]
    return len(values) >= 3 and all(
        (isinstance(v, int | float) and float(v).is_integer() and 0 < v < 100)
        or (isinstance(v, str) and _COLUMN_NUMBER.fullmatch(v.strip()))
        for v in values
    )


def _ends_table(row: tuple) -> bool:
    texts = [header_key(v) for v in row if isinstance(v, str) and v.strip()]
    if not texts or any(isinstance(v, int | float) for v in row[:1]):
        return False
    return bool(_TOTAL.fullmatch(texts[0])) or any(_FOOTER.fullmatch(t) for t in texts)


def open_workbook(source):
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    try:
        return load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and try again.")) from exc


def read_table(source, spec: HeaderSpec) -> Table:
    """Find the table the spec describes in the workbook's visible sheets and read its data rows."""
    workbook = open_workbook(source)
    try:
        best = None
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            sheet.reset_dimensions()
            found = find_header(spec, list(islice(sheet.iter_rows(values_only=True), SCAN_ROWS)))
            if found and (best is None or len(found[2]) > len(best[1][2])):
                best = (sheet, found)
        if best is None:
            raise WorkbookError(_("No header row was found. The table needs these columns: %(columns)s.")
                                % {"columns": ", ".join(spec.headers[name][0] for name in sorted(spec.required))})
        return _rows(*best)
    finally:
        workbook.close()


def _rows(sheet, found) -> Table:
    index, used, columns = found
    table = Table(sheet=sheet.title, header_row=index + 1, header_rows=used, columns=columns)
    last_header = index + used
    positions = [(c.index, c.field, c.letter) for c in columns.values()]
    blank_run = 0
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number <= last_header:
            continue
        if number == last_header + 1 and _is_numbering_row(row):
            continue
        if _ends_table(row):
            table.end_row = number
            break
        cells = {}
        for position, name, letter in positions:
            value = _cell(row, position)
            if not _blank(value):
                cells[name] = (nfc(value.strip()) if isinstance(value, str) else value, letter)
        if not cells:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        table.rows.append(SheetRow(number, cells))
    return table
