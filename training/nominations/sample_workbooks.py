"""Nomination workbooks as sending organisations really send them, for the import tests and the benchmarks.

Each builder returns the .xlsx as bytes. Rows are placed at fixed sheet row numbers so tests can
assert the row numbers the user will see.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import unicodedata
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from people.national_id import make_valid_id
from training.nominations.importers.template import EXAMPLE_ROW, build_template

TODAY = dt.date(2026, 3, 12)  # the day the tests judge ages and future dates on


def nfd(text: str) -> str:
    """Text as some Mac and web tools save it: letters and their marks as separate code points."""
    return unicodedata.normalize("NFD", text)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(sheet, rows: dict[int, list], merges: tuple[str, ...] = ()) -> None:
    for number, values in rows.items():
        for index, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(number, index, value)
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
    for cell_range in merges:
        sheet.merge_cells(cell_range)


def build(rows: dict[int, list], *, merges: tuple[str, ...] = (), title: str = "Sheet1", extra_sheets=()) -> bytes:
    """A one-table workbook from {sheet row: [cell values from column A]}."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    _put(sheet, rows, merges)
    for name, extra_rows in extra_sheets:
        _put(book.create_sheet(name), extra_rows)
    return _save(book)


# IDs used across the tests (valid structure; province 001, 008 and 026 exist).
AN_ID = make_valid_id("001", "male", 1990, 12345)  # 001090012345
HUONG_ID = make_valid_id("001", "female", 1992, 123)  # 001192000123
BINH_ID = make_valid_id("008", "male", 1988, 1234)  # 008088001234
CUONG_ID = make_valid_id("026", "male", 1991, 777)  # 026091000777
DUNG_ID = make_valid_id("001", "female", 1985, 4321)  # 001185004321


def party_list() -> bytes:
    """The list a party committee sends: Party header, title, two-row merged header with the birth
    date under "Nam" / "Nữ", a column-number row, blank rows, a "Tổng cộng" line and a signature.

    Data rows: 10 (ok-ish), 11 (NFD name, ID with spaces), 13 (year-only date), 14 (31/02),
    15 (same ID as row 10), 16 (ID says female, column says male). Row 12 is blank.
    """
    rows = {
        1: ["ĐẢNG BỘ XÃ YÊN SƠN", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        2: ["CHI BỘ THÔN 3", None, None, None, None, "Yên Sơn, ngày 12 tháng 3 năm 2026"],
        4: ["DANH SÁCH CỬ ĐI HỌC"],
        5: ["Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới, khóa 1 năm 2026"],
        7: ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Số CCCD", "Dân tộc", "Tôn giáo", "Đảng viên", None,
            "Chức vụ, đơn vị công tác", "Ghi chú"],
        8: [None, None, "Nam", "Nữ", None, None, None, "Ngày vào Đảng", "Ngày chính thức"],
        9: ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
        10: [1, "Nguyễn Văn An", dt.date(1990, 5, 17), None, int(AN_ID), "Kinh", "Không", dt.date(2025, 6, 1), None,
             "Bí thư Chi đoàn\nThôn 3, xã Yên Sơn"],
        11: [2, nfd("Nguyễn Thị Hường"), None, "17/05/1992", "001 192 000 123", nfd("Tày"), None, "01-06-2025", None,
             nfd("Phó Chủ tịch Hội Phụ nữ xã")],
        13: [3, "TRẦN VĂN BÌNH", "1988", None, BINH_ID, "Kinh", None, None, None, "Trưởng thôn", "nhập học muộn"],
        14: [4, "Lê Văn Cường", "31/02/1991", None, CUONG_ID, "Kinh"],
        15: [5, "Nguyễn Văn An", dt.date(1990, 5, 17), None, float(AN_ID), "Kinh"],
        16: [6, "Phạm Thị Dung", "20.11.1985", None, DUNG_ID, "Kinh"],
        17: ["Tổng cộng: 6 người"],
        19: [None, "NGƯỜI LẬP BIỂU", None, None, None, "T/M CHI BỘ"],
        20: [None, None, None, None, None, "BÍ THƯ"],
        23: [None, "Hoàng Văn Lập", None, None, None, "Nguyễn Văn Thư"],
    }
    merges = ("A1:E1", "F1:K1", "A2:E2", "F2:K2", "A4:K4", "A5:K5", "A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8",
              "G7:G8", "H7:I7", "J7:J8", "K7:K8", "A17:B17", "F19:K19", "F20:K20")
    return build(rows, merges=merges, title="DS cu di hoc", extra_sheets=[("Ghi chú", {1: ["Gửi Trung tâm trước 15/3"]})])


def office_list() -> bytes:
    """An office's list: separate "Họ" / "Tên đệm" / "Tên", a "Giới tính" column, dates typed as text in
    every form offices use, "Số định danh", qualifications, and group headings ("I. Đảng bộ ...").
    """
    rows = {
        1: ["UBND XÃ HÀM YÊN"],
        2: ["DANH SÁCH CÁN BỘ CỬ ĐI BỒI DƯỠNG"],
        4: ["TT", "Họ", "Tên đệm", "Tên", "Ngày sinh", "Giới tính", "Số định danh", "Chức vụ", "Đơn vị công tác",
            "Trình độ học vấn", "Trình độ chuyên môn", "Trình độ LLCT", "Số điện thoại", "Đơn vị cử"],
        5: ["I", "Đảng bộ xã Hàm Yên"],
        6: [1, "Hoàng", "Văn", "Hải", "17-5-1990", "Nam", make_valid_id("008", "male", 1990, 1), "Chuyên viên",
            "Văn phòng Đảng ủy", "12/12", "Đại học Luật", "Trung cấp", 912345678, None],
        7: [2, "Đỗ", "Thị", "Lan", "17.05.1991", "Nữ", make_valid_id("008", "female", 1991, 2), "Kế toán",
            "UBND xã", "12/12", "Cao đẳng Kế toán", "Sơ cấp", "0987 654 321", "UBND xã Hàm Yên"],
        8: ["II", "Khối đoàn thể"],
        9: [3, "Vũ", "Minh", "Đức", "1992-05-17", "nam", make_valid_id("008", "male", 1992, 3), "Chủ tịch Hội Nông dân",
            "Hội Nông dân xã", "10/10", "Thạc sĩ Quản lý công", "Cao cấp", None, None],
        10: [4, "Ngô", "", "Mai", "33740", "Nữ", make_valid_id("008", "female", 1992, 4), None, None, "11/12",
             "Kỹ thuật viên", "Không", None, None],
        11: [5, "Bùi", "Văn", "Nam", "17/05/90", "Nam", make_valid_id("008", "male", 1990, 5)],
        12: [6, "Đinh", "Văn", "Tú", "05/1993", "Nam", make_valid_id("008", "male", 1993, 6)],
        13: [7, "Lý", "Thị", "Hoa", "ngày 2 tháng 9 năm 1994", "Nữ", make_valid_id("008", "female", 1994, 7)],
    }
    return build(rows, merges=("A1:D1", "A2:N2", "B5:N5", "B8:N8"), title="Danh sach")


def front_list() -> bytes:
    """The Front's list: "Họ và tên đệm" + "Tên", "CCCD/CMND" (one old 9-digit number), birth dates as
    Excel serial numbers in general-formatted cells, gender marked with "x" under "Giới tính" → "Nam" /
    "Nữ", impossible ages and a future date; no title rows at all, a dimension tag that lies.
    """
    rows = {
        1: ["Số TT", "Họ và tên đệm", "Tên", "Năm sinh", "Giới tính", None, "CCCD/CMND", "Ngày vào Đảng"],
        2: [None, None, None, None, "Nam", "Nữ"],
        3: [1, "Trương Văn", "Hùng", 32980, "x", None, "123456789", None],
        4: [2, "Mai Thị", "Thu", 1995, None, "x", make_valid_id("001", "female", 1995, 9)],
        5: [3, "Tạ Văn", "Trẻ", dt.date(2015, 1, 1), "x", None, make_valid_id("001", "male", 2015, 10)],
        6: [4, "Hà Văn", "Cụ", dt.date(1920, 1, 1), "x", None, make_valid_id("001", "male", 1920, 11)],
        7: [5, "Lò Thị", "Mai", dt.date(1990, 1, 1), "x", "x", make_valid_id("001", "female", 1990, 12)],
        8: [6, "Kim Văn", "Sơn", dt.date(1990, 1, 1), "x", None, make_valid_id("001", "male", 1990, 13),
            "15/08/2026"],
        9: [7, "Sầm Văn", "Lâm", dt.date(1990, 1, 1), "x", None, "1,23457E+11"],
        10: [8, "Lưu Văn", "Khang", dt.date(1990, 1, 1), None, None, None],
        11: [9, "Ninh Văn", "Bảo", "không rõ", "x", None, make_valid_id("001", "male", 1990, 14), "01/01/2000"],
    }
    return with_wrong_dimension(build(rows, merges=("E1:F1",), title="MTTQ"))


def header_variant(headers: list[str], row: list) -> bytes:
    """One header row and one data row below it, for the header-wording tests."""
    return build({3: headers, 4: row})


def template_filled(rows: list[list]) -> bytes:
    """The downloadable template with rows typed in below the example row."""
    book = load_workbook(io.BytesIO(build_template(class_name="Lớp Đảng viên mới 01/2026")))
    sheet = book.worksheets[0]
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            sheet.cell(EXAMPLE_ROW + offset, index, value)
    return _save(book)


_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Ngọc", "Hữu", "Thanh", "Quang", "Thị Kim"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hường", "Lan", "Long", "Mai", "Nam", "Phương", "Tâm", "Yến"]


def large_list_people(count: int, *, serial_start: int = 500_000, seed: int = 7) -> list[dict]:
    """The people large_list writes, in order: name, gender, date of birth, citizen ID."""
    rng = random.Random(seed)
    people = []
    for index in range(count):
        gender = rng.choice(["male", "female"])
        year = rng.randint(1966, 2004)
        people.append({
            "name": f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}",
            "gender": gender,
            "date_of_birth": dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            "national_id": make_valid_id("001", gender, year, serial_start + index),
        })
    return people


def large_list(count: int, *, serial_start: int = 500_000, seed: int = 7) -> bytes:
    """A party-style list of `count` people with every kind of mess a real one has, all rows valid.

    Title rows, a two-row merged header with the birth date under Nam / Nữ, IDs as numbers (leading
    zeros lost) or with spaces, dates as Excel dates or text in several forms, NFD names, a blank row
    every 50 rows, a "Tổng cộng" line and a signature block. Built in write-only mode, so a
    5,000-row list takes well under a second.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sach")
    lines: list[list] = [
        ["ĐẢNG BỘ XÃ YÊN SƠN", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        [],
        ["DANH SÁCH CỬ ĐI HỌC"],
        [],
        # Write-only sheets cannot merge cells; a merged header is stored exactly like this anyway:
        # the text in the first cell of the range and empty cells after it.
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Số định danh cá nhân", "Dân tộc",
         "Chức vụ, đơn vị công tác", "Trình độ LLCT", "Ghi chú"],
        [None, None, "Nam", "Nữ"],
    ]
    for index, person in enumerate(large_list_people(count, serial_start=serial_start, seed=seed)):
        if index and index % 50 == 0:
            lines.append([])
        style = index % 4
        born, national = person["date_of_birth"], person["national_id"]
        born_cell = (born, born.strftime("%d/%m/%Y"), born.strftime("%d-%m-%Y"), born.isoformat())[style]
        id_cell = (int(national), national, " ".join((national[:3], national[3:6], national[6:])), national)[style]
        row = [index + 1, nfd(person["name"]) if style == 2 else person["name"], None, None, id_cell, "Kinh",
               f"Đảng viên\nChi bộ thôn {index % 30 + 1}, xã Yên Sơn", ("Sơ cấp", "", "Trung cấp", "")[style], None]
        row[2 if person["gender"] == "male" else 3] = born_cell
        lines.append(row)
    lines += [["Tổng cộng", f"{count} người"], [], [None, "NGƯỜI LẬP BIỂU", None, None, None, "T/M ĐẢNG ỦY"]]
    for line in lines:
        sheet.append(line)
    return _save(book)


def column_letter(index: int) -> str:
    return get_column_letter(index)


def with_wrong_dimension(data: bytes) -> bytes:
    """Rewrite each sheet's <dimension> to "A1", as some generators do; readers must not trust it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', content)
            target.writestr(item, content)
    return buffer.getvalue()
