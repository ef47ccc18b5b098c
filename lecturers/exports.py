"""Excel workbooks of the lecturers app (statements, load tables, training needs, survey results)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

MONEY_FORMAT = "#,##0"
BOLD = Font(bold=True)


def _bold_row(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _money(sheet, value):
    cell = WriteOnlyCell(sheet, value=int(value))
    cell.number_format = MONEY_FORMAT
    return cell


def workbook(title: str, header: list, rows, *, heading: str = "", money_columns=()) -> bytes:
    """A one-sheet workbook: an optional heading line, a bold header row, the rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    if heading:
        sheet.append(_bold_row(sheet, [heading]))
    sheet.append(_bold_row(sheet, header))
    for row in rows:
        sheet.append([_money(sheet, v) if i in money_columns and v is not None else v for i, v in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statement_workbook(lecturer, statement) -> bytes:
    header = [_("No."), _("Class code"), _("Class"), _("Centre"), _("Start date"), _("Sessions"), _("Periods"),
              _("Fee per session (đồng)"), _("Amount (đồng)"), _("Payment sheet final")]
    rows = [[i, line.code, line.name, line.centre, line.start_date, line.sessions, line.periods, line.rate,
             line.amount, _("yes") if line.final else _("no")] for i, line in enumerate(statement.lines, start=1)]
    rows.append(["", _("Total"), "", "", None, statement.sessions, statement.periods, None, statement.total, ""])
    heading = _("Yearly statement of %(name)s, %(year)s") % {"name": lecturer.person.full_name, "year": statement.year}
    return workbook(_("Statement"), header, rows, heading=heading, money_columns=(7, 8))
