"""Importing an existing inventory list (Excel) and exporting the equipment as one.

The import reads the workbook with core.spreadsheets (title rows, merged two-row headers, varied
wordings), checks every row and shows a preview with row-level messages; nothing is written until the
user confirms, and then only the rows without errors are added, in one transaction. The export writes
the same columns, so an exported list can be edited and imported elsewhere.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.audit import record_many
from core.models import AuditEvent
from core.services import require
from core.spreadsheets import HeaderSpec, Table, WorkbookError, read_table
from core.text import search_key
from facilities.models import Condition, Equipment, EquipmentCategory, FundingSource, InventoryUpload, Room
from facilities.permissions import manages_facilities

MAX_BYTES = 5 * 1024 * 1024
SPEC = HeaderSpec(
    headers={
        "seq": ("STT", "TT", "Số TT", "Số thứ tự"),
        "name": ("Tên thiết bị", "Tên tài sản", "Tên trang thiết bị", "Tên thiết bị, tài sản", "Thiết bị", "Tên"),
        "category": ("Loại thiết bị", "Loại", "Nhóm", "Chủng loại", "Danh mục"),
        "quantity": ("Số lượng", "SL"),
        "unit": ("Đơn vị tính", "ĐVT", "Đơn vị"),
        "year": ("Năm đưa vào sử dụng", "Năm sử dụng", "Năm mua", "Năm trang bị", "Năm"),
        "funding": ("Nguồn kinh phí", "Nguồn vốn", "Nguồn"),
        "condition": ("Tình trạng", "Hiện trạng", "Tình trạng sử dụng"),
        "room": ("Phòng", "Vị trí", "Nơi đặt", "Phòng đặt"),
        "note": ("Ghi chú",),
    },
    required=frozenset({"name", "quantity"}),
)
EXPORT_HEADERS = ["STT", "Tên thiết bị", "Loại thiết bị", "Số lượng", "Đơn vị tính", "Năm đưa vào sử dụng",
                  "Nguồn kinh phí", "Tình trạng", "Phòng", "Ghi chú"]
_QUANTITY = re.compile(r"(\d+)\s*([^\d\s].*)?")
_CONDITION_WORDS = [  # checked in this order: "hỏng nhẹ" needs repair, "hỏng" alone is broken
    (Condition.NEEDS_REPAIR, ("can sua", "hong nhe", "sua chua", "xuong cap", "can bao duong", "trung binh")),
    (Condition.BROKEN, ("hong", "hu", "khong su dung duoc", "thanh ly")),
    (Condition.GOOD, ("tot", "binh thuong", "dang su dung", "su dung tot", "con tot", "moi")),
]
_FUNDING_WORDS = [
    (FundingSource.PROVINCIAL_PROGRAMME, ("tinh", "chuong trinh", "de an", "muc tieu")),
    (FundingSource.CO_ORGANISER, ("phoi hop", "tai tro", "dong gop", "ho tro")),
    (FundingSource.LOCAL_BUDGET, ("ngan sach", "xa", "phuong", "huyen", "dia phuong", "nsnn", "ns")),
    (FundingSource.OTHER, ("khac",)),
]
ERROR, WARNING = "error", "warning"


@dataclass
class InventoryRow:
    row: int
    name: str = ""
    category: EquipmentCategory | None = None
    quantity: int | None = None
    unit: str = ""
    year: int | None = None
    funding: str = FundingSource.LOCAL_BUDGET
    condition: str = Condition.GOOD
    room: Room | None = None
    note: str = ""
    messages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def condition_label(self) -> str:
        return str(Condition(self.condition).label)

    @property
    def ok(self) -> bool:
        return not any(level == ERROR for level, _text in self.messages)

    def error(self, text: str) -> None:
        self.messages.append((ERROR, text))

    def warn(self, text: str) -> None:
        self.messages.append((WARNING, text))


@dataclass
class InventoryPreview:
    table: Table
    rows: list[InventoryRow]

    @property
    def valid(self) -> list[InventoryRow]:
        return [r for r in self.rows if r.ok]

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if not r.ok)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _at(line: InventoryRow, table: Table, name: str) -> str:
    column = table.columns.get(name)
    return _("row %(row)s, column %(column)s") % {"row": line.row, "column": column.letter if column else "?"}


def _matcher(categories: list[EquipmentCategory]):
    wordings = sorted(((search_key(w), c) for c in categories for w in c.wordings()), key=lambda p: -len(p[0]))

    def exact(text: str) -> EquipmentCategory | None:
        key = search_key(text)
        return next((c for w, c in wordings if w == key), None)

    def within(text: str) -> EquipmentCategory | None:
        key = f" {search_key(text)} "
        return next((c for w, c in wordings if f" {w} " in key), None)

    return exact, within


def _words(value, table) -> str | None:
    key = f" {search_key(_text(value))} "
    for choice, words in table:
        if any(f" {w} " in key for w in words):
            return choice
    return None


def _quantity(line: InventoryRow, value, where: str) -> None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 1:
            line.quantity = int(value)
        else:
            line.error(_("%(where)s: the quantity “%(value)s” must be a whole number of at least 1.")
                       % {"where": where, "value": _text(value)})
        return
    text = _text(value)
    match = _QUANTITY.fullmatch(text)
    if not match or int(match.group(1)) < 1:
        line.error(_("%(where)s: the quantity “%(value)s” is not a number.") % {"where": where, "value": text})
        return
    line.quantity = int(match.group(1))
    if match.group(2):
        unit = match.group(2).strip(" ().")
        if re.search(r"\d", unit):
            line.quantity = None
            line.error(_("%(where)s: the quantity “%(value)s” is not a number.") % {"where": where, "value": text})
            return
        line.unit = line.unit or unit
        line.warn(_("%(where)s: the quantity “%(value)s” was read as %(number)s, unit “%(unit)s”.")
                  % {"where": where, "value": text, "number": line.quantity, "unit": unit})


def _year(line: InventoryRow, value, where: str) -> None:
    if hasattr(value, "year"):
        line.year = value.year
        return
    text = _text(value)
    this_year = timezone.localdate().year
    if text.isdigit() and 1950 <= int(text) <= this_year:
        line.year = int(text)
    else:
        line.error(_("%(where)s: “%(value)s” is not a year between 1950 and %(year)s.")
                   % {"where": where, "value": text, "year": this_year})


def check_rows(table: Table, centre) -> list[InventoryRow]:
    """Every data row with its values and messages; two queries whatever the number of rows."""
    exact, within = _matcher(list(EquipmentCategory.objects.filter(active=True)))
    rooms = {search_key(r.name): r for r in Room.objects.filter(centre=centre)}
    lines = []
    for raw in table.rows:
        line = InventoryRow(raw.row)
        cells = {name: raw.value(name) for name in raw.cells}
        if set(cells) <= {"seq"}:
            continue
        line.name = _text(cells.get("name"))
        line.unit = _text(cells.get("unit"))[:30]
        line.note = _text(cells.get("note"))[:300]
        if not line.name:
            line.error(_("%(where)s: the name of the item is missing.") % {"where": _at(line, table, "name")})
        if "category" in cells:
            line.category = exact(_text(cells["category"])) or within(_text(cells["category"]))
            if line.category is None:
                line.error(_("%(where)s: the category “%(value)s” is not in the list of equipment categories.")
                           % {"where": _at(line, table, "category"), "value": _text(cells["category"])})
        elif line.name:
            line.category = within(line.name)
            if line.category is None:
                line.error(_("%(where)s: no category; the name “%(value)s” does not say which one either.")
                           % {"where": _at(line, table, "name"), "value": line.name})
        if "quantity" in cells:
            _quantity(line, cells["quantity"], _at(line, table, "quantity"))
        else:
            line.error(_("%(where)s: the quantity is missing.") % {"where": _at(line, table, "quantity")})
        if "year" in cells:
            _year(line, cells["year"], _at(line, table, "year"))
        if "funding" in cells:
            found = _words(cells["funding"], _FUNDING_WORDS)
            line.funding = found or FundingSource.OTHER
            if found is None:
                line.warn(_("%(where)s: the funding source “%(value)s” was read as “other”.")
                          % {"where": _at(line, table, "funding"), "value": _text(cells["funding"])})
        if "condition" in cells:
            found = _words(cells["condition"], _CONDITION_WORDS)
            if found is None:
                line.error(_("%(where)s: the condition “%(value)s” is not one of: good, needs repair, broken.")
                           % {"where": _at(line, table, "condition"), "value": _text(cells["condition"])})
            else:
                line.condition = found
        if "room" in cells:
            line.room = rooms.get(search_key(_text(cells["room"])))
            if line.room is None:
                line.warn(_("%(where)s: the centre has no room “%(value)s”; the item is added without a room.")
                          % {"where": _at(line, table, "room"), "value": _text(cells["room"])})
        lines.append(line)
    return lines


def preview_inventory(data: bytes, centre) -> InventoryPreview:
    try:
        table = read_table(data, SPEC)
    except WorkbookError as error:
        raise ValidationError(str(error))
    return InventoryPreview(table, check_rows(table, centre))


@transaction.atomic
def store_inventory_upload(*, actor, centre, data: bytes, filename: str) -> tuple[InventoryUpload, InventoryPreview]:
    """Keep the workbook for its confirmation and return its preview; no equipment is written."""
    require(manages_facilities(actor, centre.pk))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    preview = preview_inventory(data, centre)
    upload = InventoryUpload.objects.create(token=secrets.token_hex(16), centre=centre, uploaded_by=actor,
                                            filename=filename[:255], content=data)
    return upload, preview


@transaction.atomic
def import_inventory(*, actor, upload: InventoryUpload) -> list[Equipment]:
    """Add the rows without errors of a previewed workbook, in one transaction, and log each item."""
    require(manages_facilities(actor, upload.centre_id) and upload.uploaded_by_id == actor.pk)
    preview = preview_inventory(bytes(upload.content), upload.centre)
    items = [
        Equipment(centre_id=upload.centre_id, category=row.category, name=row.name[:200], quantity=row.quantity,
                  unit=row.unit, year_acquired=row.year, funding_source=row.funding, condition=row.condition,
                  room=row.room, note=row.note)
        for row in preview.valid
    ]
    if not items:
        raise ValidationError(_("No row of the list can be imported; correct the file and upload it again."))
    for item in items:
        item.search_text = search_key(f"{item.name} {item.note}")[:400]
    created = Equipment.objects.bulk_create(items)
    record_many(actor=actor, action=AuditEvent.Action.CREATE, objects=created, reason=_("inventory import: %(file)s")
                % {"file": upload.filename})
    upload.delete()
    return created


def export_inventory(items) -> bytes:
    """The equipment as an Excel list with a title row and the import's own column headers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Thiết bị")
    bold = Font(bold=True)
    def cells(values, font=None):
        row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if font:
                cell.font = font
            row.append(cell)
        return row

    sheet.append(cells(["DANH MỤC TRANG THIẾT BỊ"], bold))
    sheet.append([])
    sheet.append(cells(EXPORT_HEADERS, bold))
    for number, item in enumerate(items, start=1):
        sheet.append([number, item.name, item.category.name, item.quantity, item.unit, item.year_acquired,
                      item.get_funding_source_display(), item.get_condition_display(),
                      item.room.name if item.room_id else "", item.note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
