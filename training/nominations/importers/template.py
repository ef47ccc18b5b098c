"""The nomination template a centre sends to sending organisations.

It looks like the lists they already make (Party document header, the title "DANH SÁCH CỬ ĐI HỌC",
the class name), so it is filled in rather than retyped, and it reads back without a single guess:
canonical headers, an example row the reader knows to skip, the ID column stored as text (no lost
leading zeros), date columns formatted dd/mm/yyyy and a Nam/Nữ list for the gender.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import defuse
from training.nominations.importers import fields as F

COLUMNS = [
    (F.SEQ, 6), (F.FULL_NAME, 26), (F.DATE_OF_BIRTH, 13), (F.GENDER, 9), (F.NATIONAL_ID, 17),
    (F.ETHNICITY, 10), (F.RELIGION, 11), (F.PARTY_ADMISSION, 13), (F.PARTY_FULL, 13), (F.POSITION, 22),
    (F.WORKPLACE, 28), (F.GENERAL_EDUCATION, 11), (F.PROFESSIONAL, 20), (F.THEORY_LEVEL, 13), (F.PHONE, 14),
    (F.NOTES, 20),
]
DATE_FIELDS = {F.DATE_OF_BIRTH, F.PARTY_ADMISSION, F.PARTY_FULL}
TEXT_FIELDS = {F.NATIONAL_ID, F.PHONE}
HEADER_ROW = 7
EXAMPLE_ROW = HEADER_ROW + 1
FORMATTED_ROWS = 500  # rows below the example that carry the formats and the gender list
EXAMPLE = {
    F.SEQ: "Ví dụ", F.FULL_NAME: "Nguyễn Văn An", F.DATE_OF_BIRTH: dt.date(1990, 5, 17), F.GENDER: "Nam",
    F.NATIONAL_ID: "001090012345", F.ETHNICITY: "Kinh", F.RELIGION: "Không", F.PARTY_ADMISSION: dt.date(2015, 2, 3),
    F.PARTY_FULL: dt.date(2016, 2, 3), F.POSITION: "Bí thư Chi bộ", F.WORKPLACE: "Thôn 3, xã Yên Sơn",
    F.GENERAL_EDUCATION: "12/12", F.PROFESSIONAL: "Đại học Luật", F.THEORY_LEVEL: "Trung cấp",
    F.PHONE: "0912345678", F.NOTES: "",
}

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def column_letter(field_name: str) -> str:
    return get_column_letter(next(i for i, (name, _w) in enumerate(COLUMNS, start=1) if name == field_name))


def build_template(*, class_name: str = "", sending_organisation: str = "") -> bytes:
    """The .xlsx template as bytes; the class name and organisation are filled in when known."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Nominations")[:31]
    last = get_column_letter(len(COLUMNS))
    half = get_column_letter(len(COLUMNS) // 2)
    right = get_column_letter(len(COLUMNS) // 2 + 1)

    def merged(cell_range: str, value: str, **font) -> None:
        sheet.merge_cells(cell_range)
        cell = sheet[cell_range.split(":")[0]]
        cell.value = value
        defuse(cell)
        cell.font = Font(**{"name": "Times New Roman", "size": 12, **font})
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    merged(f"A1:{half}1", (sending_organisation or _("[NAME OF THE SENDING ORGANISATION]")).upper(), bold=True)
    merged(f"{right}1:{last}1", "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline="single")
    merged(f"A2:{half}2", "*")
    merged(f"{right}2:{last}2", _("…, date … month … year …"), italic=True)
    merged(f"A4:{last}4", _("LIST OF NOMINEES FOR TRAINING"), bold=True, size=14)
    merged(f"A5:{last}5", _("Class: %(name)s") % {"name": class_name or "…………………………………………"}, bold=True)

    for index, (name, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        cell = sheet.cell(HEADER_ROW, index, F.label(name))
        cell.font = Font(name="Times New Roman", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = _BOX
        number_format = "dd/mm/yyyy" if name in DATE_FIELDS else "@" if name in TEXT_FIELDS else None
        for row in range(EXAMPLE_ROW, EXAMPLE_ROW + FORMATTED_ROWS + 1):
            target = sheet.cell(row, index)
            target.border = _BOX
            if number_format:
                target.number_format = number_format
        example = sheet.cell(EXAMPLE_ROW, index, EXAMPLE[name] if EXAMPLE[name] != "" else None)
        example.font = Font(name="Times New Roman", size=11, italic=True, color="808080")
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)

    gender_list = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    gender_list.error = _("Choose Nam or Nữ.")
    gender_list.errorTitle = F.label(F.GENDER)
    sheet.add_data_validation(gender_list)
    gender = column_letter(F.GENDER)
    gender_list.add(f"{gender}{EXAMPLE_ROW}:{gender}{EXAMPLE_ROW + FORMATTED_ROWS}")

    notes = book.create_sheet(_("Instructions")[:31])
    for line, text in enumerate([
        _("Fill in one row per person, below the example row (the example row is ignored)."),
        _("Citizen ID: the 12-digit personal identification number, typed as text."),
        _("Dates: dd/mm/yyyy, for example 17/05/1990."),
        _("Gender: Nam or Nữ."),
        _("Do not change the header row; add rows above the signature if you add one."),
    ], start=1):
        notes.cell(line, 1, text)
    notes.column_dimensions["A"].width = 100

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
