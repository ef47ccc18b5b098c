"""A framework as an Excel workbook and back: one sheet of properties, one of levels, one of indicators.

The headers are fixed Vietnamese labels (the file is an exchange format between provinces); reading
gives the same plain data as the JSON export, which `validate_data` then checks row by row.
"""

from __future__ import annotations

import io
import json

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from standards.models import Framework
from standards.services.framework_data import FORMAT, framework_data

PROPERTIES = [
    ("code", "Mã bộ tiêu chí"), ("version", "Phiên bản"), ("name", "Tên"), ("issuer", "Cơ quan ban hành"),
    ("document_number", "Số văn bản"), ("document_date", "Ngày văn bản"), ("effective_from", "Hiệu lực từ"),
    ("effective_to", "Hiệu lực đến"), ("provisional", "Giá trị mặc định có thể sửa"), ("notes", "Ghi chú"),
]
COLUMNS = [
    ("group_code", "Mã nhóm"), ("group_name", "Nhóm tiêu chí"), ("criterion_code", "Mã tiêu chí"),
    ("criterion_name", "Tiêu chí"), ("code", "Mã chỉ tiêu"), ("text", "Chỉ tiêu"), ("unit", "Đơn vị"),
    ("comparator", "So sánh"), ("kind", "Loại"), ("computation", "Phép tính"), ("parameters", "Tham số"),
    ("guidance", "Hướng dẫn"),
]
TARGET_PREFIX = "Chỉ tiêu mức "


def framework_workbook(framework: Framework) -> bytes:
    data = framework_data(framework)
    book = openpyxl.Workbook()
    props = book.active
    props.title = "Bộ tiêu chí"
    props.append(["Định dạng", FORMAT])
    for key, label in PROPERTIES:
        value = data.get(key)
        props.append([label, "có" if value is True else "không" if value is False else value])
    levels = book.create_sheet("Mức")
    levels.append(["Mã mức", "Tên mức"])
    for level in data["levels"]:
        levels.append([level["code"], level["name"]])
    sheet = book.create_sheet("Chỉ tiêu")
    codes = [lv["code"] for lv in data["levels"]]
    sheet.append([label for _, label in COLUMNS] + [TARGET_PREFIX + c for c in codes])
    for group in data["groups"]:
        for criterion in group["criteria"]:
            for i in criterion["indicators"]:
                sheet.append([group["code"], group["name"], criterion["code"], criterion["name"], i["code"], i["text"],
                              i["unit"], i["comparator"], i["kind"], i["computation"],
                              json.dumps(i["parameters"], ensure_ascii=False) if i["parameters"] else "",
                              i["guidance"]] + [i["targets"].get(c, "") for c in codes])
    for ws, widths in ((props, [28, 80]), (sheet, [8, 40, 10, 40, 10, 70, 10, 8, 10, 28, 14, 60])):
        for n, width in enumerate(widths):
            ws.column_dimensions[openpyxl.utils.get_column_letter(n + 1)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def read_workbook(file) -> dict:
    """The plain framework data held in a workbook made by `framework_workbook` (or by hand in its shape)."""
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from error
    missing = [name for name in ("Bộ tiêu chí", "Mức", "Chỉ tiêu") if name not in book.sheetnames]
    if missing:
        raise ValidationError(_("The workbook lacks the sheet(s): %(names)s.") % {"names": ", ".join(missing)})
    by_label = {label: key for key, label in PROPERTIES}
    data: dict = {}
    for row in book["Bộ tiêu chí"].iter_rows(values_only=True):
        if row and _text(row[0]) in by_label:
            value = row[1] if len(row) > 1 else None
            key = by_label[_text(row[0])]
            data[key] = (_text(value).lower() in ("có", "yes", "true", "1")) if key == "provisional" else value
    data["levels"] = [{"code": _text(r[0]), "name": _text(r[1])}
                      for r in list(book["Mức"].iter_rows(values_only=True))[1:] if r and _text(r[0])]
    rows = list(book["Chỉ tiêu"].iter_rows(values_only=True))
    if not rows:
        raise ValidationError(_("The sheet “Chỉ tiêu” is empty."))
    header = [_text(h) for h in rows[0]]
    labels = {label: key for key, label in COLUMNS}
    index = {labels[h]: n for n, h in enumerate(header) if h in labels}
    lacking = [label for key, label in COLUMNS if key not in index and key not in ("parameters", "guidance")]
    if lacking:
        raise ValidationError(_("The sheet “Chỉ tiêu” lacks the column(s): %(names)s.") % {"names": ", ".join(lacking)})
    target_columns = {h[len(TARGET_PREFIX):]: n for n, h in enumerate(header) if h.startswith(TARGET_PREFIX)}
    groups: dict[str, dict] = {}
    errors = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(_text(v) for v in row):
            continue
        values = {key: _text(row[n]) if n < len(row) else "" for key, n in index.items()}
        cell = values.get
        group = groups.setdefault(cell("group_code"), {"code": cell("group_code"), "name": cell("group_name"),
                                                       "criteria": {}})
        criterion = group["criteria"].setdefault(cell("criterion_code"), {
            "code": cell("criterion_code"), "name": cell("criterion_name"), "indicators": []})
        try:
            parameters = json.loads(values.get("parameters", "")) if values.get("parameters") else {}
        except json.JSONDecodeError:
            errors.append(_("Row %(row)s: the parameters are not valid JSON.") % {"row": number})
            parameters = {}
        criterion["indicators"].append({
            "code": cell("code"), "text": cell("text"), "unit": cell("unit"), "comparator": cell("comparator"),
            "kind": cell("kind"), "computation": cell("computation"), "parameters": parameters,
            "guidance": values.get("guidance", ""),
            "targets": {code: row[n] for code, n in target_columns.items() if n < len(row) and _text(row[n])},
        })
    if errors:
        raise ValidationError(errors)
    data["groups"] = [{**g, "criteria": list(g["criteria"].values())} for g in groups.values()]
    return data
