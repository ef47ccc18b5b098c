"""A report as a Party document (BÁO CÁO) in Word and PDF, and as an Excel workbook with a sheet per table.

Built from the report's tables and texts (the frozen snapshot once submitted), so the file says exactly
what the page says. Documents are always Vietnamese, hence no gettext here.
"""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.documents import Column, DocumentTable, Heading, OfficialDocument, Signature, render_docx, render_pdf
from reports.models import Report
from reports.periods import period_phrase_vi
from reports.sections import TEXTS
from reports.selectors import kind_layout, report_tables, summary_line
from training.documents.party import frame_of, signature_for

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def number_text(value) -> str:
    """1.250 for counts, "64" for percentages, "–" where a percentage has no base."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def document_table(table: dict) -> DocumentTable:
    columns = (Column("TT", 10, "center"), Column(table.get("row_header") or "Nội dung"),
               *[Column(c["label"], 18, "right") for c in table["columns"]])
    rows = [(str(i), row["label"], *[number_text(row["cells"].get(c["key"])) for c in table["columns"]])
            for i, row in enumerate(table["rows"], start=1)]
    rows.append(("", "Tổng cộng", *[number_text(table["total"].get(c["key"])) for c in table["columns"]]))
    size = 11 if len(table["columns"]) <= 6 else 9
    return DocumentTable(columns=columns, rows=tuple(rows), font_size=size)


def body_blocks(tables: list[dict], texts: list[tuple[str, str]], summary: str) -> tuple:
    blocks: list = []
    heading = 0
    if tables:
        blocks.append(Heading(f"{ROMAN[heading]}. SỐ LIỆU KẾT QUẢ CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG"))
        heading += 1
        if summary:
            blocks.append(f"Trong kỳ báo cáo: {summary}.")
        for i, table in enumerate(tables, start=1):
            blocks.append(Heading(f"{i}. {table['title']}"))
            blocks.append(document_table(table))
    for title, text in texts:
        blocks.append(Heading(f"{ROMAN[heading]}. {title.upper()}"))
        heading += 1
        paragraphs = [p.strip() for p in (text or "").splitlines() if p.strip()]
        blocks.extend(paragraphs or ["(Không có nội dung.)"])
    return tuple(blocks)


def provincial_committee(province) -> str:
    """"Tỉnh ủy Tuyên Quang", "Thành ủy Hà Nội": the province's party committee."""
    name = province.name
    if name.startswith("Thành phố "):
        return f"Thành ủy {name.removeprefix('Thành phố ')}"
    return f"Tỉnh ủy {name.removeprefix('Tỉnh ')}"


def centre_document(report: Report) -> OfficialDocument:
    centre = report.centre
    on = report.end_date
    tables = report_tables(report)
    _tables, keys, _mandatory = kind_layout(report.kind)
    source = report.snapshot["texts"] if report.is_submitted and report.snapshot else report.texts
    texts = [(TEXTS[key].title, source.get(key, "")) for key in keys]
    frame = frame_of(centre, on)
    host = centre.hosts.current(on).first() or centre.hosts.first()
    committee = host.committee_name if host else ""
    phrase = period_phrase_vi(report.kind.period_type, report.year, report.number, report.start_date, report.end_date)
    submitted = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    title = f"Kết quả công tác đào tạo, bồi dưỡng {phrase}"
    if report.version > 1:
        title += f" (bản điều chỉnh lần {report.version - 1})"
    return OfficialDocument(
        issuer=frame.issuer,
        parent_bodies=frame.parents,
        number=report.doc_label if report.is_submitted else "",
        place=frame.place,
        date=submitted,
        doc_type="BÁO CÁO",
        title=title,
        paragraphs=(f"{centre.name} báo cáo kết quả công tác đào tạo, bồi dưỡng {phrase} "
                    f"(từ ngày {report.start_date:%d/%m/%Y} đến ngày {report.end_date:%d/%m/%Y}) như sau:",),
        body=body_blocks(tables, texts, summary_line(tables)),
        recipients=(f"Thường trực {committee}," if committee else "Cấp ủy,",
                    f"Ban Tuyên giáo và Dân vận {provincial_committee(centre.province)},", "Lưu Trung tâm."),
        signature=signature_for(centre, on),
    )


def province_document(rollup) -> OfficialDocument:
    province = rollup.province
    phrase = period_phrase_vi(rollup.kind.period_type, rollup.year, rollup.number, rollup.start, rollup.end)
    submitted, expected = len(rollup.counted), len(rollup.expected)
    return OfficialDocument(
        issuer="BAN TUYÊN GIÁO VÀ DÂN VẬN",
        parent_bodies=(provincial_committee(province).upper(),),
        number="",
        place=province.name.replace("Tỉnh ", "").replace("Thành phố ", ""),
        date=None,
        doc_type="BÁO CÁO",
        title=f"Kết quả công tác đào tạo, bồi dưỡng của các trung tâm chính trị {phrase}",
        paragraphs=(f"Tổng hợp từ báo cáo của {submitted}/{expected} trung tâm chính trị đã gửi báo cáo "
                    f"{phrase}, Ban Tuyên giáo và Dân vận báo cáo như sau:",),
        body=body_blocks(rollup.tables, [], summary_line(rollup.tables)),
        recipients=(f"Thường trực {provincial_committee(province)},", "Các trung tâm chính trị,", "Lưu Ban."),
        signature=Signature(title="TRƯỞNG BAN", name="", capacity=()),
    )


def workbook(title_lines: list[str], tables: list[dict], texts: list[tuple[str, str]] = ()) -> bytes:
    """One sheet per table (header row, rows, total), a first sheet naming the report, one for the texts."""
    book = Workbook()
    info = book.active
    info.title = "Thông tin"
    for line in title_lines:
        info.append([line])
    info["A1"].font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 90
    for i, table in enumerate(tables, start=1):
        sheet = book.create_sheet(f"{i}. {table['key']}"[:31])
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True)
        header = ["TT", table.get("row_header") or "Nội dung", *[c["label"] for c in table["columns"]]]
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for n, row in enumerate(table["rows"], start=1):
            sheet.append([n, row["label"], *[row["cells"].get(c["key"]) for c in table["columns"]]])
        sheet.append(["", "Tổng cộng", *[table["total"].get(c["key"]) for c in table["columns"]]])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["B"].width = 55
        sheet.freeze_panes = "C3"
    if texts:
        sheet = book.create_sheet("Nội dung")
        for title, text in texts:
            sheet.append([title, text])
        sheet.column_dimensions["A"].width = 35
        sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def centre_file(report: Report, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the report as "docx", "pdf" or "xlsx"."""
    name = f"BC-{report.centre.code}-{report.kind.code}-{report.start_date:%Y%m%d}-v{report.version}"
    if fmt == "xlsx":
        tables = report_tables(report)
        _tables, keys, _mandatory = kind_layout(report.kind)
        source = report.snapshot["texts"] if report.is_submitted and report.snapshot else report.texts
        lines = [f"{report.centre.name} – {report.kind.name} {report.period_label}",
                 f"Từ ngày {report.start_date:%d/%m/%Y} đến ngày {report.end_date:%d/%m/%Y}",
                 f"Số {report.doc_label}" if report.doc_label else "Dự thảo (chưa gửi)"]
        return workbook(lines, tables, [(TEXTS[k].title, source.get(k, "")) for k in keys]), f"{name}.xlsx", XLSX
    doc = centre_document(report)
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", DOCX


def province_file(rollup, fmt: str) -> tuple[bytes, str, str]:
    name = f"BC-tong-hop-{rollup.province.code}-{rollup.kind.code}-{rollup.start:%Y%m%d}"
    if fmt == "xlsx":
        lines = [f"{rollup.province.name} – tổng hợp {rollup.kind.name} {rollup.period_label}",
                 f"{len(rollup.counted)}/{len(rollup.expected)} trung tâm đã gửi báo cáo",
                 f"Lập ngày {timezone.localdate():%d/%m/%Y}"]
        return workbook(lines, [*rollup.tables, *rollup.breakdown_tables()]), f"{name}.xlsx", XLSX
    doc = province_document(rollup)
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", DOCX
