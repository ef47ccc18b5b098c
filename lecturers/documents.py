"""The payment sheet (bảng thanh toán thù lao giảng viên) as an Excel workbook and a Party document.

Documents are issued in Vietnamese whatever the interface language, so their wording is literal here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from core.documents import Column, DocumentTable, OfficialDocument, Signature, render_docx, render_pdf
from core.money import amount_in_words, format_money
from core.text import short_date
from lecturers.pay import class_fee_sheet
from training.results.documents import director_name, host_committee, place_name, vn_upper

PRINTED_RANK = {"central": "Trung ương", "provincial": "Tỉnh", "centre": "Cơ sở"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MONEY_FORMAT = "#,##0"


@dataclass(frozen=True)
class SheetRow:
    name: str
    rank: str
    sessions: int
    periods: int
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PaymentData:
    klass: object
    rows: tuple[SheetRow, ...]
    total: Decimal
    final: bool
    number: str
    table_name: str
    estimate: bool

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.total)


def payment_data(klass, *, estimate: bool = False) -> PaymentData:
    """The final sheet's frozen lines when it is final, else the lines computed now."""
    sheet = getattr(klass, "payment_sheet", None) if not estimate else None
    if sheet is not None and sheet.is_final:
        rows = tuple(SheetRow(line.name, line.rank, line.sessions, line.periods, line.rate, line.amount)
                     for line in sheet.lines.all())
        return PaymentData(klass, rows, sheet.total, True, sheet.number,
                           sheet.fee_table.name if sheet.fee_table_id else "", False)
    computed = class_fee_sheet(klass, held_only=not estimate)
    rows = tuple(SheetRow(line.lecturer.person.full_name, line.rank, line.sessions, line.periods, line.rate,
                          line.amount) for line in computed.lines)
    return PaymentData(klass, rows, computed.total, False, "", computed.table.name if computed.table else "",
                       estimate)


def _title(data: PaymentData) -> str:
    k = data.klass
    return (f"Thanh toán thù lao giảng viên lớp {k.name} ({k.code}), "
            f"từ ngày {short_date(k.start_date)} đến ngày {short_date(k.end_date)}")


def payment_document(data: PaymentData) -> OfficialDocument:
    klass = data.klass
    centre = klass.centre
    host = host_committee(centre)
    rows = [(str(i), r.name, PRINTED_RANK.get(r.rank, r.rank), str(r.sessions), str(r.periods),
             format_money(r.rate, unit="") if r.rate else "–", format_money(r.amount, unit=""), "")
            for i, r in enumerate(data.rows, start=1)]
    rows.append(("", "Tổng cộng", "", str(sum(r.sessions for r in data.rows)), str(sum(r.periods for r in data.rows)),
                 "", format_money(data.total, unit=""), ""))
    paragraphs = [
        f"Căn cứ {data.table_name or 'mức thù lao giảng viên hiện hành'};",
        f"{centre.name} lập bảng thanh toán thù lao giảng viên lớp {klass.name} (mã lớp {klass.code}) "
        "theo số buổi giảng thực tế như sau:" if not data.estimate else
        f"{centre.name} dự kiến thù lao giảng viên lớp {klass.name} (mã lớp {klass.code}) theo lịch học:",
        f"Tổng số tiền: {format_money(data.total)} (Bằng chữ: {data.total_in_words}).",
        "Giảng viên cơ hữu của Trung tâm chỉ được thanh toán phần giờ vượt định mức khi quyết toán năm.",
    ]
    return OfficialDocument(
        parent_bodies=(vn_upper(host),) if host else (),
        issuer=vn_upper(centre.name),
        number=data.number,
        place=place_name(centre),
        date=klass.end_date if data.final else None,
        doc_type="BẢNG THANH TOÁN" if not data.estimate else "DỰ TOÁN",
        title=_title(data),
        paragraphs=tuple(paragraphs),
        table=DocumentTable(
            columns=(Column("STT", 10, "center"), Column("Họ và tên"), Column("Cấp", 20), Column("Số buổi", 14, "center"),
                     Column("Số tiết", 14, "center"), Column("Mức/buổi (đ)", 24, "right"),
                     Column("Thành tiền (đ)", 26, "right"), Column("Ký nhận", 22)),
            rows=tuple(rows), font_size=11,
        ),
        recipients=("Bộ phận kế toán,", "Lưu Trung tâm."),
        signature=Signature(title="GIÁM ĐỐC", name=director_name(centre)),
    )


def payment_file(data: PaymentData, fmt: str) -> tuple[bytes, str, str]:
    name = f"thanh-toan-thu-lao-{data.klass.code}"
    if fmt == "xlsx":
        return payment_workbook(data), f"{name}.xlsx", XLSX
    doc = payment_document(data)
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", DOCX


def payment_workbook(data: PaymentData) -> bytes:
    klass = data.klass
    book = Workbook()
    sheet = book.active
    sheet.title = "Thanh toán"
    bold, thin = Font(bold=True), Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = ["STT", "Họ và tên", "Cấp", "Số buổi", "Số tiết", "Mức/buổi (đ)", "Thành tiền (đ)", "Ký nhận"]
    sheet.append([vn_upper(klass.centre.name)])
    sheet.append(["BẢNG THANH TOÁN THÙ LAO GIẢNG VIÊN" if not data.estimate else "DỰ TOÁN THÙ LAO GIẢNG VIÊN"])
    sheet.append([_title(data)])
    sheet.append([])
    for row in range(1, 4):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(header))
        sheet.cell(row, 1).font = bold
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    sheet.append(header)
    for cell in sheet[5]:
        cell.font, cell.border = bold, border
    for index, r in enumerate(data.rows, start=1):
        sheet.append([index, r.name, PRINTED_RANK.get(r.rank, r.rank), r.sessions, r.periods, int(r.rate),
                      int(r.amount), ""])
    sheet.append(["", "Tổng cộng", "", sum(r.sessions for r in data.rows), sum(r.periods for r in data.rows), "",
                  int(data.total), ""])
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=6, max_row=last):
        for cell in row:
            cell.border = border
        row[5].number_format = row[6].number_format = MONEY_FORMAT
    for cell in sheet[last]:
        cell.font = bold
    sheet.append([f"Bằng chữ: {data.total_in_words}."])
    sheet.append([])
    sheet.append(["", "Người lập biểu", "", "Kế toán", "", "", "Giám đốc"])
    for column, width in zip("ABCDEFGH", (6, 30, 12, 9, 9, 16, 18, 16), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
