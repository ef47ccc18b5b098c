"""Render an OfficialDocument to PDF with typst."""

from __future__ import annotations

import functools
from pathlib import Path

from core.documents import typst_text as tt
from core.documents.engine import compile_pdf, font_setup
from core.documents.model import DocumentTable, Heading, OfficialDocument

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"


@functools.cache
def party_prelude() -> str:
    """The typst functions of the Party format, for any document that needs the header."""
    return (TEMPLATE_DIR / "party.typ").read_text(encoding="utf-8")


def _pt(size: float) -> str:
    return f"{size:g}pt"


def table_source(table: DocumentTable) -> str:
    """A `party-table(...)` call for a DocumentTable."""
    columns = tt.array(
        f"({tt.string(c.header)}, {f'{c.width_mm:g}mm' if c.width_mm else '1fr'}, {tt.string(c.align)})"
        for c in table.columns
    )
    # Cells are content, so that numbers and codes in them never break across lines.
    rows = tt.array(tt.array(f"[{tt.markup_nobreak(cell)}]" for cell in row) for row in table.rows)
    return (
        f"#party-table(columns: {columns}, rows: {rows}, "
        f"title: {tt.string(table.title)}, size: {_pt(table.font_size)}, "
        f"row-height: {f'{table.row_height_mm:g}mm' if table.row_height_mm else 'auto'})\n"
    )


def _paragraph(text: str) -> str:
    return tt.markup_nobreak(text) + "\n\n"


def _content(text: str) -> str:
    return "[" + tt.markup_nobreak(text) + "]" if text else "none"


def document_source(doc: OfficialDocument) -> str:
    """The complete typst source of a document (exposed for tests and previews)."""
    return font_setup() + party_prelude() + _body(doc)


def sections_source(docs: list[OfficialDocument]) -> str:
    """Several documents in one PDF, each from a new page with its own page numbers (e.g. the
    sign-in sheets of every session of a class)."""
    parts = []
    for index, doc in enumerate(docs):
        if index:
            parts.append("#pagebreak()\n#counter(page).update(1)\n")
        parts.append("#[\n" + _body(doc) + "]\n")
    return font_setup() + party_prelude() + "".join(parts)


def _body(doc: OfficialDocument) -> str:
    size = _pt(doc.font_size)
    page = f"size: {size}"
    if doc.landscape:
        page += ", flipped: true, margin: (top: 15mm, bottom: 15mm, left: 20mm, right: 15mm)"
    out = [f"#show: party-page.with({page})\n"]
    out.append(
        f"#party-header(parents: {tt.strings(doc.parent_bodies)}, issuer: {tt.string(doc.issuer)}, "
        f"number-line: {tt.string(doc.number_line)}, place-date: {tt.string(doc.place_date_line)}, size: {size}, "
        f"draft: {'true' if doc.draft else 'false'}{', left: 40%' if doc.landscape else ''})\n"
    )
    out.append(
        f"#party-title(doc-type: {tt.string(doc.doc_type)}, title: {_content(doc.summary_line)}, size: {size})\n"
    )
    out.append("#set par(justify: true, first-line-indent: (amount: 1cm, all: true))\n")
    if doc.authority:
        out.append(f"#centred-bold({tt.string(doc.authority)})\n")
    for ground in doc.grounds:
        out.append(_paragraph(f"- {ground}"))
    if doc.articles and doc.enacting_word:
        out.append(f"#centred-bold({tt.string(doc.enacting_word)})\n")
    for number, article in enumerate(doc.articles, start=1):
        first, *rest = article.paragraphs or ("",)
        out.append(f"*Điều {number}.* " + _paragraph(first))
        out.extend(_paragraph(p) for p in rest)
    out.extend(_paragraph(p) for p in doc.paragraphs)
    for block in doc.body:
        if isinstance(block, DocumentTable):
            out.append(table_source(block))
        elif isinstance(block, Heading):
            out.append("#block(par(first-line-indent: 0pt, strong(" + tt.string(block.text) + ")))\n")
        else:
            out.append(_paragraph(block))
    if doc.table is not None:
        out.append(table_source(doc.table))
    sig = doc.signature
    out.append(
        f"#party-closing(recipients: {tt.strings(doc.recipients)}, capacity: {tt.strings(sig.capacity)}, "
        f"title: {tt.string(sig.title)}, name: {tt.string(sig.name)}, size: {size})\n"
    )
    for annex in doc.annexes:
        out.append(
            f"#party-annex(title: {tt.string(annex.title)}, reference: {_content(doc.annex_reference)}, size: {size})\n"
        )
        out.append(table_source(annex.table))
    return "".join(out)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes (A4 portrait, Party layout)."""
    return compile_pdf(document_source(doc))


def render_pdf_sections(docs: list[OfficialDocument]) -> bytes:
    """Several documents in one PDF (see sections_source)."""
    if not docs:
        raise ValueError("no documents to render")
    return compile_pdf(sections_source(docs))
