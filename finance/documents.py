"""A class's estimate or settlement as the usual Excel table and as a Party-format document (PDF, Word).

Documents are issued in Vietnamese whatever the interface language, so their texts are not routed
through gettext (as with the other official documents).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from core.documents import Column, DocumentTable, OfficialDocument, Signature, render_docx, render_pdf
from core.money import amount_in_words, format_money
from core.text import short_date
from finance.costing import total
from finance.models import CostSheet
from people.models import StaffAssignment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_UNIT_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
TITLES = {CostSheet.Kind.ESTIMATE: "DỰ TOÁN", CostSheet.Kind.SETTLEMENT: "QUYẾT TOÁN"}


def _quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _class_words(klass) -> str:
    """ "lớp Bồi dưỡng …": the class's name after the word "lớp", which some names already begin with."""
    name = klass.name.strip()
    return f"lớp {name[4:]}" if name.lower().startswith("lớp ") else f"lớp {name}"


def _context(sheet: CostSheet):
    klass = sheet.klass
    centre = klass.centre
    on = sheet.document_date or klass.start_date
    host = centre.hosts.filter(unit__isnull=False).select_related("unit").order_by("-valid_from").first()
    place = _UNIT_PREFIX.sub("", host.unit.name if host else centre.province.name).strip()
    committee = host.committee_name if host else ""
    director = (StaffAssignment.objects.filter(centre=centre, position=StaffAssignment.Position.DIRECTOR)
                .current(on).select_related("person").first())
    return klass, centre, place, committee, director.person.full_name if director else ""


def cost_document(sheet: CostSheet, lines, estimate_total: Decimal | None = None) -> OfficialDocument:
    klass, centre, place, committee, director = _context(sheet)
    amount = total(lines)
    word = "dự toán" if sheet.kind == CostSheet.Kind.ESTIMATE else "quyết toán"
    paragraphs = [
        f"L{_class_words(klass)[1:]} (mã lớp {klass.code}), từ ngày {short_date(klass.start_date)} đến ngày "
        f"{short_date(klass.end_date)}, tại {klass.venue or centre.name}; số học viên: {sheet.learners}; "
        f"số ngày học: {sheet.days}.",
        f"Tổng kinh phí {word}: {format_money(amount, unit='')} đồng (Bằng chữ: {amount_in_words(amount)}), "
        "chi tiết như sau:",
    ]
    if estimate_total is not None:
        difference = amount - estimate_total
        paragraphs.append(f"So với dự toán ({format_money(estimate_total, unit='')} đồng): "
                          f"{'tăng' if difference > 0 else 'giảm' if difference < 0 else 'bằng'}"
                          f"{' ' + format_money(abs(difference), unit='') + ' đồng' if difference else ''}.")
    rows = [(str(n), line.label, line.unit, _quantity(line.quantity), format_money(line.rate, unit=''),
             format_money(line.amount, unit='')) for n, line in enumerate(lines, start=1)]
    rows.append(("", "Tổng cộng", "", "", "", format_money(amount, unit='')))
    table = DocumentTable(
        columns=(Column("STT", 12, "center"), Column("Nội dung"), Column("Đơn vị tính", 26, "center"),
                 Column("Số lượng", 20, "right"), Column("Đơn giá (đồng)", 28, "right"),
                 Column("Thành tiền (đồng)", 30, "right")),
        rows=tuple(rows), font_size=12,
    )
    parents = [f"ĐẢNG BỘ {centre.province.name.upper()}"] + ([committee.upper()] if committee else [])
    return OfficialDocument(
        issuer="TRUNG TÂM CHÍNH TRỊ", parent_bodies=tuple(parents), number=sheet.document_number, place=place,
        date=sheet.document_date, doc_type=TITLES[sheet.kind],
        title=f"Kinh phí tổ chức {_class_words(klass)}", paragraphs=tuple(paragraphs), table=table,
        recipients=("Bộ phận kế toán,", "Lưu Trung tâm."), signature=Signature(title="GIÁM ĐỐC", name=director),
    )


def cost_document_file(sheet: CostSheet, lines, fmt: str, estimate_total=None) -> tuple[bytes, str, str]:
    doc = cost_document(sheet, lines, estimate_total)
    name = f"{'du-toan' if sheet.kind == CostSheet.Kind.ESTIMATE else 'quyet-toan'}-{sheet.klass.code}"
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", DOCX


def cost_workbook(sheet: CostSheet, lines, estimate_by_item: dict | None = None) -> bytes:
    """The sheet as the usual Excel table: title rows, one row per line, the total and the total in words.
    A settlement also shows the estimate and the difference per item."""
    klass = sheet.klass
    book = Workbook()
    ws = book.active
    ws.title = TITLES[sheet.kind].title()
    bold = Font(bold=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([klass.centre.name.upper()])
    ws.append([f"{TITLES[sheet.kind]} KINH PHÍ TỔ CHỨC {_class_words(klass).upper()}"])
    ws.append([f"Mã lớp {klass.code}; từ {short_date(klass.start_date)} đến {short_date(klass.end_date)}; "
               f"{sheet.learners} học viên; {sheet.days} ngày học"])
    ws.append([])
    for row in (1, 2):
        ws.cell(row=row, column=1).font = bold
    headers = ["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)"]
    if estimate_by_item is not None:
        headers += ["Dự toán (đồng)", "Chênh lệch (đồng)"]
    ws.append(headers)
    header_row = ws.max_row
    amount = total(lines)
    shown_items: set[str] = set()
    for n, line in enumerate(lines, start=1):
        values = [n, line.label, line.unit, float(line.quantity) if line.quantity % 1 else int(line.quantity),
                  int(line.rate), int(line.amount)]
        if estimate_by_item is not None:
            first = line.item not in shown_items
            shown_items.add(line.item)
            estimate = estimate_by_item.get(line.item) if first else None
            settled = sum((ln.amount for ln in lines if ln.item == line.item), Decimal(0))
            values += [int(estimate) if estimate is not None else None,
                       int(settled - estimate) if estimate is not None else None]
        ws.append(values)
    total_row = ["", "Tổng cộng", "", "", "", int(amount)]
    if estimate_by_item is not None:
        estimated = sum(estimate_by_item.values(), Decimal(0))
        total_row += [int(estimated), int(amount - estimated)]
    ws.append(total_row)
    last = ws.max_row
    for row in ws.iter_rows(min_row=header_row, max_row=last):
        for cell in row:
            cell.border = border
            if cell.column >= 4:
                cell.number_format = "#,##0"
    for cell in ws[header_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for cell in ws[last]:
        cell.font = bold
    ws.append([])
    ws.append(["", f"Bằng chữ: {amount_in_words(amount)}"])
    for letter, width in zip("ABCDEFGH", (6, 44, 14, 12, 16, 18, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
