"""Certificates and the certificate register book as PDF, ZIP and Excel.

Pure functions over dataclasses: the class lifecycle (issue_certificates, the register pages)
turns its models into `CertificateData` / `RegisterEntry` and calls these. The wording on the
page is Vietnamese literals in the typst templates: certificates and register books are always
issued in Vietnamese, whatever language the interface runs in.

Speed: every certificate of a batch is one page of ONE typst document, compiled once; the QR
code of each page is a compact single-path SVG (see `qr_svg`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core import excel
from core.documents import metrics, qr
from core.documents import typst_text as tt
from core.documents.engine import compile_many, compile_pdf, font_setup
from core.documents.pdf import party_prelude
from core.text import long_date, short_date

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
PageSize = Literal["A4", "A5"]
PASSED = "Đạt"  # printed when a programme grades only đạt / không đạt


@dataclass(frozen=True)
class CertificateData:
    centre_name: str  # "TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN"
    host_line: str  # the hosting party committee: "ĐẢNG ỦY XÃ YÊN SƠN"
    learner_name: str
    date_of_birth: dt.date | None
    programme_name: str
    class_code: str
    class_name: str  # may be blank: the class code is printed alone
    date_from: dt.date
    date_to: dt.date
    number: str  # the register number, e.g. "125/GCN-TTCT"
    register_year: int  # the year of the register book the number was entered in
    place: str
    issue_date: dt.date
    signer_title: str  # "GIÁM ĐỐC"
    signer_name: str
    verification_url: str
    classification: str = ""  # "Khá", "Giỏi" …; blank prints "Đạt"
    signer_capacity: tuple[str, ...] = ()  # lines above the title, e.g. ("K/T GIÁM ĐỐC",)


# --- QR codes ---------------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """The verification QR code as a compact SVG (see core.documents.qr for why it is fast).

    The white margin inside the certificate frame serves as the quiet zone. Nothing is kept
    between calls: every certificate has its own code, so a batch would never hit a cache.
    """
    return qr.svg(url)


# --- certificates -----------------------------------------------------------------------------


@functools.cache
def _certificate_template() -> str:
    return (TEMPLATE_DIR / "certificate.typ").read_text(encoding="utf-8")


def _class_label(name: str, code: str) -> str:
    if name and code:
        return f"{name} ({code})"
    return name or code


# The details block of certificate.typ: its width, and the size and weight of each line's pieces
# (the labels are the template's). When every line fits unbroken, the block has its usual six
# lines and the template lays it out once; otherwise it measures the block first and shrinks it
# to keep clear of the signature, which costs a second layout of the page's text.
DETAILS_WIDTH_PT = 210 * 72 / 25.4
DETAILS_SIZE_PT, NAME_SIZE_PT = 17.0, 20.0


def _details_lines(fields: dict[str, str]) -> tuple[tuple[tuple[str, float, bool], ...], ...]:
    size = DETAILS_SIZE_PT
    lines = [
        (("Chứng nhận đồng chí: ", size, False), (fields["name"], NAME_SIZE_PT, True)),
        (("Đã hoàn thành chương trình: ", size, False), (fields["programme"], size, True)),
        (("Lớp: " + fields["klass"], size, False),),
        ((f"Thời gian học: từ ngày {fields['start']} đến ngày {fields['end']}", size, False),),
        (("Xếp loại: ", size, False), (fields["grade"], size, True)),
    ]
    if fields["dob"]:
        lines.append((("Sinh ngày: " + fields["dob"], size, False),))
    return tuple(lines)


def _details_fit(fields: dict[str, str], widths: metrics.SerifWidths | None) -> bool:
    """Whether every line of the details surely fits the block unbroken (no measuring needed)."""
    if widths is None:
        return False
    for line in _details_lines(fields):
        width = widths.line((tt.clean(text), size, bold) for text, size, bold in line)
        if width is None or width > DETAILS_WIDTH_PT:
            return False
    return True


def _certificate_dict(item: CertificateData, widths: metrics.SerifWidths | None, qr_code: bool = True) -> str:
    fields = {
        "host": item.host_line,
        "centre": item.centre_name,
        "name": item.learner_name,
        "dob": short_date(item.date_of_birth),
        "programme": item.programme_name,
        "klass": _class_label(item.class_name, item.class_code),
        "start": short_date(item.date_from),
        "end": short_date(item.date_to),
        "grade": item.classification or PASSED,
        "number": item.number,
        "year": str(item.register_year),
        "url": item.verification_url,
        "place-date": f"{item.place}, {long_date(item.issue_date)}",
        "title": item.signer_title,
        "signer": item.signer_name,
    }
    pairs = [f"{key}: {tt.string(value)}" for key, value in fields.items()]
    pairs.append(f"capacity: {tt.strings(item.signer_capacity)}")
    pairs.append(f"fits: {'true' if _details_fit(fields, widths) else 'false'}")
    if qr_code:
        pairs.append(f"qr: {tt.string(qr_svg(item.verification_url))}")
    return "(" + ", ".join(pairs) + ")"


def certificates_source(items: Sequence[CertificateData], *, page: PageSize = "A4", qr_codes: bool = True) -> str:
    """The typst source of a batch of certificates, one page each (exposed for tests).

    `qr_codes=False` leaves the QR codes out and nothing else: the benchmark compiles that
    document as the floor to compare the real batch with.
    """
    if page not in ("A4", "A5"):
        raise ValueError(f"unknown page size {page!r}; use A4 or A5")
    widths = metrics.serif_widths()
    body = tt.array(_certificate_dict(item, widths, qr_codes) for item in items)
    return f'{font_setup()}{_certificate_template()}\n#certificates({body}, paper: "{page.lower()}")\n'


def render_certificates_pdf(items: Sequence[CertificateData], *, page: PageSize = "A4") -> bytes:
    """All certificates in one landscape PDF, one page each, in one typst compile."""
    if not items:
        raise ValueError("no certificates to render")
    return compile_pdf(certificates_source(items, page=page))


_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def certificate_filename(number: str) -> str:
    """ "125/GCN-TTCT" -> "125_GCN-TTCT.pdf": a register number as a portable file name."""
    stem = _UNSAFE_NAME.sub("_", number.strip()).strip("._") or "giay-chung-nhan"
    return f"{stem}.pdf"


def render_certificate_zip(items: Sequence[CertificateData], *, page: PageSize = "A4") -> bytes:
    """A ZIP with one single-page PDF per certificate, named by its register number.

    One compile per file (typst cannot split its output); the compiles of a batch run together,
    in a child process when the batch is big, and re-use the parsed template.
    """
    names: list[str] = []
    used: set[str] = set()
    for item in items:
        name = certificate_filename(item.number)
        stem, counter = name[:-4], 2
        while name in used:  # two certificates with the same number must not overwrite
            name, counter = f"{stem}-{counter}.pdf", counter + 1
        used.add(name)
        names.append(name)
    pdfs = compile_many([certificates_source([item], page=page) for item in items])
    out = io.BytesIO()
    # PDFs are already compressed; deflating them again only costs time.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, pdf in zip(names, pdfs, strict=True):
            archive.writestr(name, pdf)
    return out.getvalue()


# --- register book (sổ cấp giấy chứng nhận) ---------------------------------------------------


@dataclass(frozen=True)
class RegisterEntry:
    number: str
    learner_name: str
    date_of_birth: dt.date | None
    class_label: str  # "ĐVM-2026-03 – Lý luận chính trị dành cho đảng viên mới"
    classification: str
    issue_date: dt.date
    receiver: str = ""  # who signed for it, when not the learner; the signature itself is by hand
    revoked_on: dt.date | None = None
    revocation_reason: str = ""
    replaces: str = ""  # number of the certificate this one re-issues
    replaced_by: str = ""  # number of the certificate that re-issued this one
    note: str = ""
    decision: str = ""  # the recognition decision: "15-QĐ/TTCT, 20/03/2026"
    # Tells apart two learners of the same name and birth date: workplace, else place of birth.
    distinguishing: str = ""
    national_id: str = ""  # printed only for roles that see personal data

    @property
    def notes(self) -> str:
        """The "Ghi chú" cell: revocation and re-issue first, then the free note."""
        parts = []
        if self.revoked_on:
            reason = f": {self.revocation_reason}" if self.revocation_reason else ""
            parts.append(f"Đã thu hồi ngày {short_date(self.revoked_on)}{reason}")
        if self.replaced_by:
            parts.append(f"Đã cấp lại bằng GCN số {self.replaced_by}")
        if self.replaces:
            parts.append(f"Cấp lại thay GCN số {self.replaces}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


@dataclass(frozen=True)
class RegisterHeading:
    centre_name: str = "TRUNG TÂM CHÍNH TRỊ"  # the issuing body
    host_line: str = ""  # the superior body
    year: int | None = None
    title: str = "SỔ CẤP GIẤY CHỨNG NHẬN"
    place: str = ""
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    signer_capacity: tuple[str, ...] = ()
    closed_on: dt.date | None = None  # the date of the closing attestation (today when printed)


@dataclass(frozen=True)
class _RegisterColumn:
    key: str
    header: str
    width: str  # a typst track size: fixed in mm, or a share of the rest in fr
    align: str
    excel_width: float
    personal: bool = False  # only for roles that see personal data


REGISTER_COLUMNS: tuple[_RegisterColumn, ...] = (
    _RegisterColumn("index", "STT", "9mm", "center", 6),
    _RegisterColumn("number", "Số hiệu", "21mm", "center", 14),
    _RegisterColumn("name", "Họ và tên", "1fr", "left", 24),
    _RegisterColumn("birth", "Ngày sinh", "20mm", "center", 12, personal=True),
    _RegisterColumn("id", "Số CCCD", "26mm", "center", 15, personal=True),
    _RegisterColumn("where", "Đơn vị công tác / Nơi sinh", "1fr", "left", 26),
    _RegisterColumn("class", "Lớp / Chương trình", "1.2fr", "left", 34),
    _RegisterColumn("decision", "Quyết định công nhận", "27mm", "center", 18),
    _RegisterColumn("grade", "Xếp loại", "16mm", "center", 10),
    _RegisterColumn("issued", "Ngày cấp", "20mm", "center", 12),
    _RegisterColumn("receiver", "Người nhận ký", "22mm", "center", 16),
    _RegisterColumn("notes", "Ghi chú", "28mm", "left", 30),
)


def register_columns(personal_data: bool) -> tuple[_RegisterColumn, ...]:
    return tuple(c for c in REGISTER_COLUMNS if personal_data or not c.personal)


def _register_values(index: int, entry: RegisterEntry) -> dict[str, object]:
    return {
        "index": index, "number": entry.number, "name": entry.learner_name, "birth": entry.date_of_birth,
        "id": entry.national_id, "where": entry.distinguishing, "class": entry.class_label,
        "decision": entry.decision, "grade": entry.classification, "issued": entry.issue_date,
        "receiver": entry.receiver, "notes": entry.notes,
    }


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return short_date(value)
    return "" if value is None else str(value)


def _register_cells(index: int, entry: RegisterEntry, columns=REGISTER_COLUMNS) -> tuple[str, ...]:
    values = _register_values(index, entry)
    return tuple(_text(values[c.key]) for c in columns)


def attestation(entries: Sequence[RegisterEntry]) -> str:
    """The closing line of the book, before the signature (the page count is filled in by typst or by hand)."""
    if not entries:
        return "Sổ chưa ghi giấy chứng nhận nào."
    return (f"Sổ này ghi {len(entries)} giấy chứng nhận, từ số hiệu {entries[0].number} "
            f"đến số hiệu {entries[-1].number}")


def register_book_source(entries: Sequence[RegisterEntry], heading: RegisterHeading | None = None, *,
                         personal_data: bool = True) -> str:
    heading = heading or RegisterHeading()
    columns = register_columns(personal_data)
    track = tt.array(f"({tt.string(c.header)}, {c.width}, {tt.string(c.align)})" for c in columns)
    rows = tt.array(
        tt.array(f"[{tt.markup_nobreak(cell)}]" for cell in _register_cells(i, e, columns))
        for i, e in enumerate(entries, start=1)
    )
    parents = (heading.host_line,) if heading.host_line else ()
    year_line = f"Năm {heading.year}" if heading.year else ""
    closed = heading.closed_on or timezone.localdate()
    place_date = f"{heading.place}, {long_date(closed)}" if heading.place else long_date(closed).capitalize()
    closing = tt.string(attestation(entries))
    return (
        f"{font_setup()}{party_prelude()}\n"
        "#show: party-page.with(size: 13pt, flipped: true, margin: (top: 15mm, bottom: 15mm, left: 20mm, right: 15mm))\n"
        f"#party-header(parents: {tt.strings(parents)}, issuer: {tt.string(heading.centre_name)}, size: 13pt, left: 40%)\n"
        f"#party-title(doc-type: {tt.string(heading.title)}, title: {tt.string(year_line)}, size: 13pt)\n"
        f"#party-table(columns: {track}, rows: {rows}, size: 10pt)\n"
        "#v(0.8em)\n#block(breakable: false)[\n"
        "  #set par(first-line-indent: 0pt)\n"
        f"  #{closing}\\; sổ gồm #context counter(page).final().first() trang, đánh số từ trang 1 "
        "đến trang #context counter(page).final().first().\n"
        f"  #align(right, emph({tt.string(place_date)}))\n"
        f"  #party-closing(recipients: (), capacity: {tt.strings(heading.signer_capacity)}, "
        f"title: {tt.string(heading.signer_title)}, name: {tt.string(heading.signer_name)}, size: 13pt)\n"
        "]\n"
    )


def render_register_book_pdf(entries: Sequence[RegisterEntry], *, heading: RegisterHeading | None = None,
                             personal_data: bool = True) -> bytes:
    """The register book as an A4 landscape PDF with the Party heading and the closing attestation."""
    return compile_pdf(register_book_source(entries, heading, personal_data=personal_data))


def render_register_book_xlsx(entries: Sequence[RegisterEntry], *, heading: RegisterHeading | None = None,
                              personal_data: bool = True) -> bytes:
    """The register book as an Excel file, streamed row by row (write-only) for big books.

    It prints like the PDF: the Party heading, the header row on every page, the width of one page,
    page numbers in the footer, and the closing attestation with the signature under the last row.
    """
    heading = heading or RegisterHeading()
    columns = register_columns(personal_data)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("So cap GCN")
    width = len(columns)
    last = get_column_letter(width)
    split = width // 2
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.excel_width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "Trang &P / &N"
    header_row = 7
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"A{header_row + 1}"

    def text(value: str, *, bold: bool = False, italic: bool = False, size: int = 12):
        return excel.cell(sheet, value, font=Font(name="Times New Roman", bold=bold, italic=italic, size=size),
                          alignment=Alignment(horizontal="center"))

    def pair(left, right) -> list:
        return [left] + [None] * (split - 1) + [right] + [None] * (width - split - 1)

    rows_before = [
        pair(text(heading.host_line), text("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=13)),
        pair(text(heading.centre_name, bold=True), None),
        pair(text("*"), None),
        [],
        [text(heading.title, bold=True, size=14)],
        [text(f"Năm {heading.year}" if heading.year else "")],
    ]
    for row in rows_before:
        sheet.append(row)
    for row in (1, 2, 3):
        sheet.merged_cells.add(f"A{row}:{get_column_letter(split)}{row}")
        sheet.merged_cells.add(f"{get_column_letter(split + 1)}{row}:{last}{row}")
    for row in (5, 6):
        sheet.merged_cells.add(f"A{row}:{last}{row}")

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font, head_font = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    head_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    alignments = {a: Alignment(horizontal=a, vertical="center", wrap_text=True) for a in ("left", "center")}
    header = []
    for column in columns:
        header.append(excel.cell(sheet, column.header, font=head_font, alignment=head_alignment, border=border))
    sheet.append(header)
    for index, entry in enumerate(entries, start=1):
        values = _register_values(index, entry)
        row = []
        for column in columns:
            # Real numbers and dates, so offices can sort and filter the sheet.
            value = values[column.key] or None
            row.append(excel.cell(sheet, value, font=body_font, alignment=alignments[column.align], border=border,
                                  number_format="DD/MM/YYYY" if isinstance(value, dt.date) else None))
        sheet.append(row)
    closed = heading.closed_on or timezone.localdate()
    sheet.append([])
    sheet.append([excel.cell(sheet, f"{attestation(entries)}; sổ gồm ...... trang, đánh số từ trang 1 đến trang ......",
                             font=body_font)])
    place_date = f"{heading.place}, {long_date(closed)}" if heading.place else long_date(closed).capitalize()
    sheet.append(pair(None, text(place_date, italic=True)))
    for capacity in (*heading.signer_capacity, heading.signer_title):
        sheet.append(pair(None, text(capacity, bold=True)))
    for _ in range(3):
        sheet.append([])
    sheet.append(pair(None, text(heading.signer_name, bold=True)))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
