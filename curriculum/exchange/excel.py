"""A programme version as an Excel workbook: one sheet for the programme and version, one per table."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from core import excel
from core.text import nfc
from curriculum.exchange.common import (
    PROGRAMME_KEYS,
    VERSION_KEYS,
    ParsedVersion,
    build_parsed,
    export_version,
)

# Sheet titles and column headers are fixed (the importer checks them), so they are not translated.
INFO_SHEET = "Chương trình"
INFO_COLUMNS = ["Khóa", "Giá trị"]
TABLES = {
    "topics": ("Chuyên đề", [
        ("code", "Mã"), ("title", "Tên chuyên đề"), ("outline", "Đề cương"), ("keywords", "Từ khóa"),
        ("lecture_periods", "Số tiết lý thuyết"), ("discussion_periods", "Số tiết thảo luận, thực hành"),
        ("fieldwork_periods", "Số tiết thực tế"), ("lineage", "Mã dòng chuyên đề"),
    ]),
    "assessment_components": ("Đánh giá", [
        ("kind", "Loại"), ("name", "Tên"), ("weight", "Trọng số (%)"), ("required", "Bắt buộc"),
    ]),
    "grade_bands": ("Xếp loại", [
        ("classification", "Xếp loại"), ("min_score", "Từ điểm"), ("max_score", "Dưới điểm"), ("passing", "Đạt"),
    ]),
    "prerequisites": ("Điều kiện", [
        ("kind", "Loại"), ("programme_code", "Mã chương trình"), ("within_months", "Trong vòng (tháng)"),
        ("note", "Ghi chú"),
    ]),
}


def dumps(version) -> bytes:
    data = export_version(version)
    book = Workbook()
    info = book.active
    info.title = INFO_SHEET
    excel.append(info, INFO_COLUMNS)
    for key in PROGRAMME_KEYS:
        excel.append(info, [f"programme.{key}", data["programme"][key]])
    for key in VERSION_KEYS:
        excel.append(info, [f"version.{key}", data["version"][key]])
    for section, (title, columns) in TABLES.items():
        sheet = book.create_sheet(title)
        excel.append(sheet, [header for _k, header in columns])
        for item in data[section]:
            excel.append(sheet, [item[k] for k, _h in columns])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(sheet):
    for row in sheet.iter_rows(values_only=True):
        yield [nfc(str(c)) if isinstance(c, str) else c for c in row]


def parse(raw: bytes) -> ParsedVersion | list[str]:
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
        return [_("The file is not an Excel workbook (.xlsx): %(e)s") % {"e": type(exc).__name__}]
    errors: list[str] = []
    wanted = [INFO_SHEET] + [title for title, _c in TABLES.values()]
    missing = [t for t in wanted if t not in book.sheetnames]
    if missing:
        return [_("The workbook lacks the sheet(s): %(list)s.") % {"list": ", ".join(missing)}]
    programme, version = {}, {}
    info = list(_rows(book[INFO_SHEET]))
    if not info or [str(c or "") for c in info[0][:2]] != INFO_COLUMNS:
        errors.append(_("Sheet “%(sheet)s”, row 1: wrong columns; expected: %(expected)s.")
                      % {"sheet": INFO_SHEET, "expected": ", ".join(INFO_COLUMNS)})
    for number, row in enumerate(info[1:], start=2):
        key = str(row[0] or "").strip()
        value = row[1] if len(row) > 1 else None
        section, _dot, name = key.partition(".")
        if section == "programme" and name in PROGRAMME_KEYS:
            programme[name] = value
        elif section == "version" and name in VERSION_KEYS:
            version[name] = value
        elif key:
            errors.append(_("Sheet “%(sheet)s”, row %(row)s: unknown key “%(key)s”.")
                          % {"sheet": INFO_SHEET, "row": number, "key": key})
    rows = {}
    for section, (title, columns) in TABLES.items():
        sheet_rows = list(_rows(book[title]))
        expected = [header for _k, header in columns]
        found = [str(c).strip() if c is not None else "" for c in (sheet_rows[0] if sheet_rows else [])]
        while found and not found[-1]:
            found.pop()
        if found != expected:
            errors.append(_("Sheet “%(sheet)s”, row 1: wrong columns; expected: %(expected)s; found: %(found)s.")
                          % {"sheet": title, "expected": ", ".join(expected), "found": ", ".join(found) or "—"})
            rows[section] = []
            continue
        rows[section] = [
            (_("Sheet “%(sheet)s”, row %(row)s") % {"sheet": title, "row": number},
             {key: (row[i] if i < len(row) else None) for i, (key, _h) in enumerate(columns)})
            for number, row in enumerate(sheet_rows[1:], start=2)
            if any(c not in (None, "") for c in row)
        ]
    book.close()
    parsed = build_parsed(programme, version, rows["topics"], rows["assessment_components"], rows["grade_bands"],
                          rows["prerequisites"], errors,
                          {"programme": _("Sheet “%(sheet)s”") % {"sheet": INFO_SHEET},
                           "version": _("Sheet “%(sheet)s”") % {"sheet": INFO_SHEET}},
                          {key: header for _t, columns in TABLES.values() for key, header in columns})
    parsed.programme["number"] = version.get("number")
    return parsed
