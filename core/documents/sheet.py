"""An OfficialDocument list as an Excel workbook that prints like its PDF.

The Party heading sits above the table (superior and issuing body on the left, "ĐẢNG CỘNG SẢN
VIỆT NAM" and the place and date on the right), the table's header row repeats on every printed
page, the sheet fits the page width and the footer numbers the pages. Cells that hold a date, a
whole number or a decimal-comma score are stored as such, so an office can sort and sum them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.documents.model import DocumentTable, OfficialDocument

FONT = "Times New Roman"
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_INT = re.compile(r"^[1-9]\d{0,5}$|^0$")
_DECIMAL = re.compile(r"^\d{1,3},\d{1,2}$")
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def cell_value(text: str) -> object:
    """ "05/02/2026" → a date, "12" → 12, "7,5" → 7.5; anything else stays text (codes, phones)."""
    if not isinstance(text, str):
        return text
    if match := _DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return text
    if _INT.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text.replace(",", "."))
    return text


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a document whose `table` is the list (each sign-in sheet is one)."""

    title: str  # the tab's name, at most 31 characters
    doc: OfficialDocument


def _excel_width(width_mm: float | None) -> float:
    return round(width_mm / 1.9, 1) if width_mm else 32


def _write(workbook: Workbook, sheet: Sheet, styles: dict) -> None:
    doc = sheet.doc
    table: DocumentTable = doc.table or DocumentTable(columns=(), rows=())
    ws = workbook.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", sheet.title)[:31] or "Sheet")
    width = max(len(table.columns), 4)
    last = get_column_letter(width)
    split = max(width // 2, 1)  # left block: heading; right block: the Party name and the date
    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _excel_width(column.width_mm)
    ws.page_setup.orientation = "landscape" if doc.landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.font = FONT

    def cell(value: object, *, bold=False, italic=False, size=12, align="center", border=False, wrap=False):
        c = WriteOnlyCell(ws, value=value)
        number_format = "DD/MM/YYYY" if isinstance(value, dt.date) else "0.0" if isinstance(value, float) else ""
        key = (bold, italic, size, align, border, wrap, number_format)
        # Assigning a style object makes openpyxl hash it into the workbook's tables: done once per
        # combination, then the resulting style indices are copied (a sheet of 60 sign-in pages has
        # tens of thousands of cells and a handful of styles).
        if key in styles:
            c._style = copy(styles[key])
            return c
        c.font = Font(name=FONT, bold=bold, italic=italic, size=size)
        c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if border:
            c.border = BORDER
        if number_format:
            c.number_format = number_format
        styles[key] = copy(c._style)
        return c

    rows: list[list] = []
    merges: list[str] = []

    def pair(left: object, right: object) -> None:
        row_no = len(rows) + 1
        left_cells = [left] + [None] * (split - 1)
        right_cells = [right] + [None] * (width - split - 1)
        rows.append(left_cells + right_cells)
        merges.append(f"A{row_no}:{get_column_letter(split)}{row_no}")
        merges.append(f"{get_column_letter(split + 1)}{row_no}:{last}{row_no}")

    def wide(value: object) -> None:
        row_no = len(rows) + 1
        rows.append([value] + [None] * (width - 1))
        merges.append(f"A{row_no}:{last}{row_no}")

    lefts = [cell(p) for p in doc.parent_bodies] + [cell(doc.issuer, bold=True), cell("*")]
    rights = [cell("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=13)]
    if doc.draft:
        wide(cell("DỰ THẢO", bold=True, align="right"))
    for index, left in enumerate(lefts):
        pair(left, rights[index] if index < len(rights) else None)
    # The number and the place-and-date line share a row, as on the printed page.
    pair(cell(doc.number_line) if doc.number_line else None,
         cell(doc.place_date_line, italic=True) if doc.place else None)
    wide(None)
    wide(cell(doc.doc_type, bold=True, size=14))
    if doc.title:
        wide(cell(doc.summary_line, bold=True))
    for paragraph in doc.paragraphs:
        wide(cell(paragraph, align="left", wrap=True))
    wide(None)
    header_row = len(rows) + 1
    rows.append([cell(c.header, bold=True, border=True, wrap=True) for c in table.columns])
    for values in table.rows:
        rows.append([
            cell(cell_value(v), align=c.align, border=True, wrap=True, size=12)
            for c, v in zip(table.columns, values, strict=True)
        ])
    wide(None)
    signature = doc.signature
    for line in (*signature.capacity, signature.title):
        pair(None, cell(line, bold=True))
    for _ in range(3):
        rows.append([])
    if signature.name:
        pair(None, cell(signature.name, bold=True))
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = f"A{header_row + 1}"
    for merge in merges:
        ws.merged_cells.add(merge)
    for row in rows:
        ws.append([c if c is not None else None for c in row])


def render_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per Sheet, streamed (write-only) so long lists stay light."""
    workbook = Workbook(write_only=True)
    styles: dict = {}
    for sheet in sheets:
        _write(workbook, sheet, styles)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
