"""Reading nomination workbooks as they really arrive: layout, header wording, cell values."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from training.nominations import sample_workbooks as W
from training.nominations.importers import WorkbookError, build_template, read_workbook
from training.nominations.importers import fields as F
from training.nominations.importers.rows import RowParser


@pytest.fixture(autouse=True)
def english():
    # Exact message assertions use the English msgids; the Vietnamese catalogue has its own test.
    with translation.override("en"):
        yield


def parse_all(data: bytes):
    table = read_workbook(data)
    parser = RowParser(today=W.TODAY, columns={c.field: c.letter for c in table.columns})
    return table, {raw.row: parser.parse(raw) for raw in table.rows}


def messages(row) -> list[str]:
    return [m.display for m in row.messages]


# Layout -------------------------------------------------------------------------------------------

def test_party_list_table_is_found_between_title_rows_and_signature():
    table = read_workbook(W.party_list())
    assert table.sheet == "DS cu di hoc"
    assert (table.header_row, table.header_rows) == (7, 2)
    assert [(c.letter, c.field) for c in table.columns] == [
        ("A", F.SEQ), ("B", F.FULL_NAME), ("C", F.DOB_MALE), ("D", F.DOB_FEMALE), ("E", F.NATIONAL_ID),
        ("F", F.ETHNICITY), ("G", F.RELIGION), ("H", F.PARTY_ADMISSION), ("I", F.PARTY_FULL),
        ("J", F.POSITION_WORKPLACE), ("K", F.NOTES),
    ]
    # Row 9 is the "(1) (2) ..." row, row 12 is blank, row 17 is "Tổng cộng": nothing below it is read.
    assert [r.row for r in table.rows] == [10, 11, 13, 14, 15, 16]
    assert table.skipped_rows == [9]
    assert table.end_row == 17


def test_party_list_rows():
    _table, rows = parse_all(W.party_list())

    an = rows[10]
    assert an.values == {
        "family_name": "Nguyễn", "middle_name": "Văn", "given_name": "An", "gender": "male",
        "date_of_birth": dt.date(1990, 5, 17), "national_id": "001090012345", "legacy_id": False,
        "ethnicity": "Kinh", "religion": "", "party_admission_date": dt.date(2025, 6, 1), "is_party_member": True,
        "position": "Bí thư Chi đoàn", "workplace": "Thôn 3, xã Yên Sơn",
    }
    assert str(an.status) == "warning"
    assert messages(an) == [
        "Row 10, column E (Citizen ID): The citizen ID was stored as a number and lost its leading zero; "
        "it was restored as 001090012345."
    ]

    huong = rows[11]  # typed in decomposed Unicode, date under "Nữ", ID with spaces
    assert huong.full_name == "Nguyễn Thị Hường"
    assert unicodedata.is_normalized("NFC", huong.full_name)
    assert huong.values["ethnicity"] == "Tày"
    assert huong.values["position"] == "Phó Chủ tịch Hội Phụ nữ xã"
    assert (huong.values["gender"], huong.date_of_birth, huong.national_id) == ("female", dt.date(1992, 5, 17),
                                                                                  "001192000123")
    assert huong.values["party_admission_date"] == dt.date(2025, 6, 1)
    assert (str(huong.status), huong.messages) == ("ok", [])

    binh = rows[13]  # name in capitals, only the birth year
    assert binh.full_name == "Trần Văn Bình"
    assert binh.date_of_birth == dt.date(1988, 1, 1)
    assert messages(binh) == ["Row 13, column B (Family name): The name “TRẦN VĂN BÌNH” is recorded as "
                              "“Trần Văn Bình”.",
                              "Row 13, column C (Date of birth): Only the year is known (1988); "
                              "it is recorded as 01/01/1988."]
    assert binh.values["notes"] == "nhập học muộn"

    assert str(rows[14].status) == "error"
    assert messages(rows[14]) == [
        "Row 14, column C (Date of birth): 31/02/1991 is not a valid date: month 2/1991 has no day 31."
    ]
    assert rows[15].national_id == "001090012345"  # a float cell: the same ID as row 10
    assert messages(rows[16]) == [
        "Row 16, column E (Citizen ID): The citizen ID encodes a female person, but the record says male."
    ]


def test_office_list_separate_name_columns_text_dates_and_groups():
    table, rows = parse_all(W.office_list())
    assert (table.header_row, table.header_rows) == (4, 1)
    assert table.skipped_rows == [5, 8]  # the group headings
    assert list(rows) == [6, 7, 9, 10, 11, 12, 13]

    hai = rows[6]
    assert (hai.values["family_name"], hai.values["middle_name"], hai.values["given_name"]) == ("Hoàng", "Văn", "Hải")
    assert hai.date_of_birth == dt.date(1990, 5, 17)  # "17-5-1990"
    assert hai.values["phone"] == "0912345678"  # a number that lost its leading zero
    assert (hai.values["general_education"], hai.values["professional_degree"], hai.values["professional_field"],
            hai.values["theory_level"]) == ("12/12", "dai_hoc", "Luật", "trung_cap")
    assert hai.values["sending_organisation"] == "Đảng bộ xã Hàm Yên"  # from the group heading
    assert hai.messages == []

    lan = rows[7]
    assert lan.date_of_birth == dt.date(1991, 5, 17)  # "17.05.1991"
    assert lan.values["phone"] == "0987654321"
    assert lan.values["sending_organisation"] == "UBND xã Hàm Yên"  # its own column wins over the heading
    assert (lan.values["professional_degree"], lan.values["professional_field"]) == ("cao_dang", "Kế toán")

    duc = rows[9]
    assert duc.date_of_birth == dt.date(1992, 5, 17)  # "1992-05-17"
    assert duc.values["general_education"] == "12/12"  # the old 10/10 school
    assert duc.values["sending_organisation"] == "Khối đoàn thể"
    assert (duc.values["professional_degree"], duc.values["theory_level"]) == ("thac_si", "cao_cap")

    mai = rows[10]
    assert mai.date_of_birth == dt.date(1992, 5, 16)  # the Excel serial 33740, typed as text
    assert mai.values["middle_name"] == ""
    assert mai.values["theory_level"] == ""  # "Không"
    assert str(mai.status) == "warning"
    assert messages(mai) == [
        'Row 10, column J (General education): "11/12" is not a general education level (12/12, 10/12, 9/12). '
        "It is not recorded.",
        'Row 10, column K (Professional qualification): "Kỹ thuật viên" is not a recognised qualification '
        "(trung cấp, cao đẳng, đại học, thạc sĩ, tiến sĩ). It is not recorded.",
    ]

    assert messages(rows[11]) == ["Row 11, column E (Date of birth): 17/05/90: write the year with four digits "
                                  "(dd/mm/yyyy)."]
    assert rows[12].date_of_birth == dt.date(1993, 5, 1)
    assert messages(rows[12]) == ["Row 12, column E (Date of birth): Only the month and year are known; the date is "
                                  "recorded as 01/05/1993."]
    assert rows[13].date_of_birth == dt.date(1994, 9, 2)  # "ngày 2 tháng 9 năm 1994"


def test_front_list_gender_marks_serial_dates_and_impossible_values():
    table, rows = parse_all(W.front_list())  # its dimension tag says "A1": ignored
    assert (table.sheet, table.header_row, table.header_rows) == ("MTTQ", 1, 2)
    assert [(c.letter, c.field) for c in table.columns] == [
        ("A", F.SEQ), ("B", F.FAMILY_MIDDLE), ("C", F.GIVEN_NAME), ("D", F.DATE_OF_BIRTH),
        ("E", F.GENDER_MALE_MARK), ("F", F.GENDER_FEMALE_MARK), ("G", F.NATIONAL_ID), ("H", F.PARTY_ADMISSION),
    ]
    assert list(rows) == [3, 4, 5, 6, 7, 8, 9, 10, 11]

    hung = rows[3]
    assert (hung.full_name, hung.values["gender"], hung.date_of_birth) == ("Trương Văn Hùng", "male",
                                                                           dt.date(1990, 4, 17))
    assert (hung.national_id, hung.values["legacy_id"]) == ("123456789", True)
    assert messages(hung) == ["Row 3, column G (Citizen ID): This is an old 9-digit ID card number; ask for the "
                              "12-digit citizen ID."]
    assert (rows[4].values["gender"], rows[4].date_of_birth) == ("female", dt.date(1995, 1, 1))

    assert messages(rows[5]) == ["Row 5, column D (Date of birth): The person would be 11 years old; "
                                 "a learner is at least 16."]
    assert messages(rows[6]) == ["Row 6, column D (Date of birth): The person would be 106 years old; "
                                 "check the year."]
    assert messages(rows[7]) == ["Row 7, column E (Gender): Both Nam and Nữ are marked; keep one."]
    assert messages(rows[8]) == ["Row 8, column H (Party admission date): 15/08/2026 is in the future."]
    assert messages(rows[9]) == ["Row 9, column G (Citizen ID): Excel shortened the citizen ID to 1,23457E+11 and "
                                 "its last digits are lost; type it again as text."]
    assert messages(rows[10]) == ["Row 10, column G (Citizen ID): No citizen ID; the person is matched by name and "
                                  "date of birth only."]
    assert messages(rows[11]) == ['Row 11, column D (Date of birth): "không rõ" is not a date; write it as '
                                  "dd/mm/yyyy."]
    assert [str(rows[n].status) for n in rows] == ["warning", "warning", "error", "error", "error", "error", "error",
                                                   "warning", "error"]


# Header wording -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("headers", "fields"),
    [
        (["STT", "Họ và tên", "Ngày sinh", "Số CCCD"], [F.SEQ, F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID]),
        (["TT", "Họ tên", "Ngày, tháng, năm sinh", "Số định danh"],
         [F.SEQ, F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID]),
        (["Số TT", "HỌ VÀ TÊN", "NĂM SINH", "CCCD/CMND"], [F.SEQ, F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID]),
        (["Họ và\ntên", "Sinh ngày", "Số CMND", "Giới tính"], [F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID, F.GENDER]),
        (["Họ và tên", "Ngày sinh", "Số định danh cá nhân (12 số)", "Chức vụ, đơn vị công tác"],
         [F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID, F.POSITION_WORKPLACE]),
        (["Họ tên", "Ngày sinh", "Căn cước công dân", "Chức danh", "Cơ quan công tác"],
         [F.FULL_NAME, F.DATE_OF_BIRTH, F.NATIONAL_ID, F.POSITION, F.WORKPLACE]),
        (["Họ", "Tên đệm", "Tên", "Ngày sinh"], [F.FAMILY_NAME, F.MIDDLE_NAME, F.GIVEN_NAME, F.DATE_OF_BIRTH]),
        (["Họ và tên đệm", "Tên", "Ngày sinh"], [F.FAMILY_MIDDLE, F.GIVEN_NAME, F.DATE_OF_BIRTH]),
        (["Họ đệm", "Tên", "Phái", "Dân tộc", "Tôn giáo", "Quê quán"],
         [F.FAMILY_MIDDLE, F.GIVEN_NAME, F.GENDER, F.ETHNICITY, F.RELIGION, F.PLACE_OF_BIRTH]),
        (["Họ và tên", "Ngày vào Đảng", "Ngày chính thức", "Ngày sinh"],
         [F.FULL_NAME, F.PARTY_ADMISSION, F.PARTY_FULL, F.DATE_OF_BIRTH]),
        (["Họ và tên", "Ngày kết nạp Đảng", "Ngày vào Đảng chính thức", "Năm sinh"],
         [F.FULL_NAME, F.PARTY_ADMISSION, F.PARTY_FULL, F.DATE_OF_BIRTH]),
        (["Họ và tên", "Ngày sinh", "Trình độ văn hóa", "Chuyên môn nghiệp vụ", "Lý luận chính trị"],
         [F.FULL_NAME, F.DATE_OF_BIRTH, F.GENERAL_EDUCATION, F.PROFESSIONAL, F.THEORY_LEVEL]),
        (["Họ và tên", "Ngày sinh", "Trình độ LLCT", "SĐT", "Đơn vị cử đi học", "Ghi chú"],
         [F.FULL_NAME, F.DATE_OF_BIRTH, F.THEORY_LEVEL, F.PHONE, F.SENDING_ORGANISATION, F.NOTES]),
        (["No.", "Full name", "Date of birth", "Gender", "Citizen ID"],
         [F.SEQ, F.FULL_NAME, F.DATE_OF_BIRTH, F.GENDER, F.NATIONAL_ID]),
    ],
)
def test_header_wordings(headers, fields):
    table = read_workbook(W.header_variant(headers, ["x"] * len(headers)))
    assert table.header_row == 3
    assert [c.field for c in table.columns] == fields


def test_header_under_merged_group_cells():
    """ "Trình độ" spanning "Học vấn / Chuyên môn / LLCT", "Họ và tên" spanning "Họ / Tên"."""
    data = W.build({
        2: ["STT", "Họ và tên", None, "Ngày sinh", "Trình độ", None, None],
        3: [None, "Họ và tên đệm", "Tên", None, "Học vấn", "Chuyên môn", "LLCT"],
        4: [1, "Đặng Văn", "Phúc", "01/02/1980", "12/12", "Kỹ sư Xây dựng", "Sơ cấp"],
    }, merges=("A2:A3", "B2:C2", "D2:D3", "E2:G2"))
    table, rows = parse_all(data)
    assert [(c.letter, c.field) for c in table.columns] == [
        ("A", F.SEQ), ("B", F.FAMILY_MIDDLE), ("C", F.GIVEN_NAME), ("D", F.DATE_OF_BIRTH),
        ("E", F.GENERAL_EDUCATION), ("F", F.PROFESSIONAL), ("G", F.THEORY_LEVEL),
    ]
    row = rows[4]
    assert (row.full_name, row.values["professional_degree"], row.values["professional_field"],
            row.values["theory_level"]) == ("Đặng Văn Phúc", "dai_hoc", "Xây dựng", "so_cap")


def test_signature_block_without_total_line_ends_the_table():
    data = W.build({
        1: ["STT", "Họ và tên", "Ngày sinh", "Chức vụ"],
        2: [1, "Nguyễn Văn An", "17/05/1990", "Bí thư Chi bộ"],
        3: [2, "Trần Thị Bình", "01/01/1991", "Xác nhận của Đảng ủy"],  # a row that only looks like a footer
        5: [None, "Xác nhận của Đảng ủy", None, "Hà Nội, ngày 2 tháng 3 năm 2026"],
        6: [None, None, None, "Người lập danh sách"],
        9: [None, "Phạm Văn Ký", None, "Nguyễn Thị Lập"],
    })
    table = read_workbook(data)
    assert [r.row for r in table.rows] == [2, 3]
    assert table.end_row == 5


def test_a_name_only_row_is_a_person_in_error_not_a_heading():
    data = W.build({1: ["STT", "Họ và tên", "Ngày sinh"], 2: [1, "Tô Văn Hòa", None]})
    _table, rows = parse_all(data)
    assert messages(rows[2]) == ["Row 2: Neither a citizen ID nor a date of birth is given, so the person cannot "
                                 "be identified."]


def test_text_longer_than_the_registry_holds():
    data = W.build({1: ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"],
                    2: ["Nguyễn Văn An", "17/05/1990", "Nam", "Phó " * 50 + "Chủ tịch"]})
    _table, rows = parse_all(data)
    assert messages(rows[2])[-1] == "Row 2, column D (Position): The text is 208 characters long; at most 200 fit."
    assert "position" not in rows[2].values


def test_rows_are_numbered_as_in_the_sheet_after_many_blank_rows():
    data = W.build({1: ["Họ và tên", "Ngày sinh"], 2: ["An Văn Một", "01/01/1990"], 40: ["Bế Văn Hai", "02/02/1990"]})
    assert [r.row for r in read_workbook(data).rows] == [2, 40]


def test_not_a_workbook_and_no_header(tmp_path):
    with pytest.raises(WorkbookError, match=r"not an Excel workbook \(\.xlsx\)"):
        read_workbook(b"ID;Name\n1;An\n")
    old_excel = tmp_path / "danh_sach.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0 an Excel 97 file")
    with pytest.raises(WorkbookError, match=r"not an Excel workbook \(\.xlsx\)"):
        read_workbook(old_excel)
    with pytest.raises(WorkbookError, match="No header row was found"):
        read_workbook(W.build({1: ["DANH SÁCH"], 2: ["Nguyễn Văn An", "17/05/1990"]}))


# The template -------------------------------------------------------------------------------------

def test_template_reads_back_exactly():
    data = W.template_filled([
        [1, "Nguyễn Văn An", dt.date(1990, 5, 17), "Nam", "001090012345", "Kinh", "Không", dt.date(2015, 2, 3),
         dt.date(2016, 2, 3), "Bí thư Chi bộ", "Thôn 3, xã Yên Sơn", "12/12", "Đại học Luật", "Trung cấp",
         "0912345678", "Học lại"],
        [2, "Lê Thị Hà", "02/09/1995", "Nữ", "008195000001", "Tày", None, None, None, "Công chức", "UBND xã",
         None, None, None, None, None],
    ])
    table, rows = parse_all(data)
    assert (table.header_row, table.header_rows, table.skipped_rows) == (7, 1, [8])  # row 8: the example
    assert [c.field for c in table.columns] == [name for name, _width in __import__(
        "training.nominations.importers.template", fromlist=["COLUMNS"]).COLUMNS]
    assert rows[9].values == {
        "family_name": "Nguyễn", "middle_name": "Văn", "given_name": "An", "gender": "male",
        "date_of_birth": dt.date(1990, 5, 17), "national_id": "001090012345", "legacy_id": False,
        "ethnicity": "Kinh", "religion": "", "party_admission_date": dt.date(2015, 2, 3),
        "party_full_membership_date": dt.date(2016, 2, 3), "is_party_member": True, "position": "Bí thư Chi bộ",
        "workplace": "Thôn 3, xã Yên Sơn", "general_education": "12/12", "professional_degree": "dai_hoc",
        "professional_field": "Luật", "theory_level": "trung_cap", "phone": "0912345678", "notes": "Học lại",
    }
    assert rows[9].messages == []
    assert rows[10].values == {
        "family_name": "Lê", "middle_name": "Thị", "given_name": "Hà", "gender": "female",
        "date_of_birth": dt.date(1995, 9, 2), "national_id": "008195000001", "legacy_id": False, "ethnicity": "Tày",
        "position": "Công chức", "workplace": "UBND xã",
    }
    assert rows[10].messages == []


def test_empty_template_has_no_rows_and_is_formatted_for_typing():
    from openpyxl import load_workbook

    data = build_template(class_name="Lớp A", sending_organisation="Đảng ủy xã Yên Sơn")
    table = read_workbook(data)
    assert (table.rows, table.skipped_rows) == ([], [8])
    sheet = load_workbook(__import__("io").BytesIO(data)).worksheets[0]
    assert sheet["A1"].value == "ĐẢNG ỦY XÃ YÊN SƠN"
    assert sheet["A5"].value == "Class: Lớp A"
    assert (sheet["E9"].number_format, sheet["C9"].number_format) == ("@", "dd/mm/yyyy")
    [validation] = sheet.data_validations.dataValidation
    assert (validation.formula1, str(validation.sqref)) == ('"Nam,Nữ"', "D8:D508")


# Vietnamese ---------------------------------------------------------------------------------------

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.mo"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the vi catalogue is not compiled (manage.py compilemessages)")
def test_messages_in_vietnamese():
    with translation.override("vi"):
        _table, rows = parse_all(W.party_list())
        assert messages(rows[14]) == [
            "Dòng 14, cột C (Ngày sinh): 31/02/1991 không phải là ngày hợp lệ: tháng 2/1991 không có ngày 31."
        ]
        assert messages(rows[13]) == ["Dòng 13, cột B (Họ): Họ tên “TRẦN VĂN BÌNH” được ghi thành “Trần Văn Bình”.",
                                      "Dòng 13, cột C (Ngày sinh): Chỉ biết năm (1988); ghi nhận là 01/01/1988."]


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the vi catalogue is not compiled (manage.py compilemessages)")
def test_vietnamese_template_reads_back():
    with translation.override("vi"):
        data = build_template(class_name="Lớp A")
        table = read_workbook(data)
        from openpyxl import load_workbook

        sheet = load_workbook(__import__("io").BytesIO(data)).worksheets[0]
    assert sheet.title == "Danh sách cử đi học"
    assert [sheet.cell(7, i).value for i in range(1, 6)] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính",
                                                              "Số định danh cá nhân/CCCD"]
    assert (sheet["A4"].value, sheet["A5"].value) == ("DANH SÁCH CỬ ĐI HỌC", "Lớp: Lớp A")
    assert len(table.columns) == 16 and table.header_row == 7


def test_a_total_line_with_its_count_in_the_number_column_ends_the_table():
    data = W.build({
        1: ["STT", "Họ và tên", "Ngày sinh", "Chức vụ"],
        2: [1, "Nguyễn Văn An", "17/05/1990", "Bí thư Chi bộ"],
        3: [2, "Lê Văn Cộng", "01/01/1991", "Đảng viên"],  # "Cộng" as a name stays a person
        4: ["2", "Tổng cộng: 2 đồng chí", None, None],
        6: [None, None, None, "Người lập danh sách"],
    })
    table = read_workbook(data)
    assert [r.row for r in table.rows] == [2, 3]
    assert table.end_row == 4
