"""Render an OfficialDocument to an editable Word file (python-docx).

Offices finish and sign documents in Word, so the layout uses real Word structures: the
two-column header and the closing block are borderless tables, body text uses the Normal style
(Times New Roman), learner lists are a "Table Grid" table whose header row repeats on each page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from core.documents.model import DocumentTable, Heading, OfficialDocument
from core.documents.typst_text import CODE_PATTERN

FONT = "Times New Roman"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _setup(word: DocxDocument, size: float, *, landscape: bool = False) -> None:
    section = word.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
        section.top_margin, section.bottom_margin = Mm(15), Mm(15)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
    else:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    # Word picks the font per script; without these, some Vietnamese letters fall back to the
    # theme font (Calibri / Cambria) on machines where the complex-script slot is used.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    # Word rejects files whose elements are out of schema order, so insert rather than append.
    normal.element.get_or_add_rPr().insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    # Page number at the top centre from page 2 on.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    placeholder = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # Word replaces it with the real number when it lays out the page
    placeholder.append(text)
    field.append(placeholder)
    number._p.append(field)


def _para(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: str = "left",
    indent: bool = False,
    after: float = 0,
    reuse_first: bool = False,
) -> Paragraph:
    paragraph = container.paragraphs[0] if reuse_first else container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align == "justify" else _ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Mm(10)
    if text:
        add_text(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
             underline: bool = False, size: float | None = None) -> None:
    """Runs of `text`; the hyphens of document numbers and codes become Word's non-breaking hyphen,
    so "12-QĐ/TTCT" never splits across lines."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in CODE_PATTERN.finditer(text):
        pieces.append((text[last:match.start()], False))
        pieces.append((match.group(), True))
        last = match.end()
    pieces.append((text[last:], False))
    for piece, is_code in pieces:
        if not piece:
            continue
        run = paragraph.add_run()
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        if not is_code:
            run.text = piece
            continue
        for index, part in enumerate(piece.split("-")):
            if index:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            if part:
                element = OxmlElement("w:t")
                element.text = part
                element.set(qn("xml:space"), "preserve")
                run._r.append(element)


def _borderless(table: Table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
    _widths(table, widths_mm)


def _widths(table: Table, widths_mm: list[float]) -> None:
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _text_width(doc: OfficialDocument) -> float:
    return PAGE_HEIGHT_MM - 35 if doc.landscape else TEXT_WIDTH_MM


def _header(word: DocxDocument, doc: OfficialDocument) -> None:
    size = doc.font_size
    if doc.draft:
        _para(word, "DỰ THẢO", bold=True, align="right", after=6)
    table = word.add_table(rows=2, cols=2)
    width = _text_width(doc)
    _borderless(table, [width * 0.45, width * 0.55])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for body in doc.parent_bodies:
        _para(left, body, align="center", reuse_first=first)
        first = False
    _para(left, doc.issuer, bold=True, align="center", reuse_first=first)
    _para(left, "*", align="center")
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=size + 1, align="center", reuse_first=True)
    _para(table.cell(1, 0), doc.number_line, align="center", reuse_first=True)
    _para(table.cell(1, 1), doc.place_date_line, italic=True, align="center", reuse_first=True)


def _table(word: DocxDocument, data: DocumentTable, text_width: float = TEXT_WIDTH_MM) -> None:
    if data.title:
        _para(word, data.title, bold=True, align="center", after=6)
    table = word.add_table(rows=1 + len(data.rows), cols=len(data.columns))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fixed = sum(c.width_mm or 0 for c in data.columns)
    flexible = [c for c in data.columns if not c.width_mm]
    share = max(text_width - fixed, 20) / len(flexible) if flexible else 0
    _widths(table, [c.width_mm or share for c in data.columns])
    header = table.rows[0]
    # Repeat the header row on every page of a long list.
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for cell, column in zip(header.cells, data.columns, strict=True):
        _para(cell, column.header, bold=True, size=data.font_size, align="center", reuse_first=True)
    for row, values in zip(table.rows[1:], data.rows, strict=True):
        if data.row_height_mm:
            row.height = Mm(data.row_height_mm)
        for cell, column, value in zip(row.cells, data.columns, values, strict=True):
            _para(cell, value, size=data.font_size, align=column.align, reuse_first=True)
    _para(word)


def _closing(word: DocxDocument, doc: OfficialDocument) -> None:
    table = word.add_table(rows=1, cols=2)
    width = _text_width(doc)
    _borderless(table, [width * 0.45, width * 0.55])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if doc.recipients:
        _para(left, "Nơi nhận:", underline=True, reuse_first=True)
        for recipient in doc.recipients:
            _para(left, f"- {recipient}", size=doc.font_size - 2)
    first = True
    for line in doc.signature.capacity:
        _para(right, line, bold=True, align="center", reuse_first=first)
        first = False
    _para(right, doc.signature.title, bold=True, align="center", reuse_first=first)
    for _ in range(4):  # room for the signature and the seal
        _para(right, align="center")
    _para(right, doc.signature.name, bold=True, align="center")


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a .docx file (A4 portrait, Party layout, Times New Roman)."""
    word = Document()
    _setup(word, doc.font_size, landscape=doc.landscape)
    _header(word, doc)
    _para(word)
    _para(word, doc.doc_type, bold=True, size=doc.font_size + 1, align="center")
    if doc.title:
        _para(word, doc.summary_line, bold=True, align="center")
    _para(word, "-----", align="center", after=6)
    if doc.authority:
        _para(word, doc.authority, bold=True, align="center", after=6)
    for ground in doc.grounds:
        _para(word, f"- {ground}", align="justify", indent=True, after=6)
    if doc.articles and doc.enacting_word:
        _para(word, doc.enacting_word, bold=True, align="center", after=6)
    for number, article in enumerate(doc.articles, start=1):
        first, *rest = article.paragraphs or ("",)
        paragraph = _para(word, align="justify", indent=True, after=6)
        paragraph.add_run(f"Điều {number}. ").bold = True
        paragraph.add_run(first)
        for text in rest:
            _para(word, text, align="justify", indent=True, after=6)
    for text in doc.paragraphs:
        _para(word, text, align="justify", indent=True, after=6)
    for block in doc.body:
        if isinstance(block, DocumentTable):
            _table(word, block, _text_width(doc))
        elif isinstance(block, Heading):
            _para(word, block.text, bold=True, align="justify", after=6)
        else:
            _para(word, block, align="justify", indent=True, after=6)
    if doc.table is not None:
        _table(word, doc.table, _text_width(doc))
    _closing(word, doc)
    for annex in doc.annexes:
        _para(word).add_run().add_break(WD_BREAK.PAGE)
        _para(word, annex.title, bold=True, align="center")
        _para(word, doc.annex_reference, italic=True, align="center", after=6)
        _table(word, annex.table, _text_width(doc))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
