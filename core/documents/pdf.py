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
    rows = tt.array(tt.strings(row) for row in table.rows)
    return (
        f"#party-table(columns: {columns}, rows: {rows}, "
        f"title: {tt.string(table.title)}, size: {_pt(table.font_size)})\n"
    )


def _paragraph(text: str) -> str:
    return tt.markup(text) + "\n\n"


def document_source(doc: OfficialDocument) -> str:
    """The complete typst source of a document (exposed for tests and previews)."""
    size = _pt(doc.font_size)
    out = [font_setup(), party_prelude(), f"#show: party-page.with(size: {size})\n"]
    out.append(
        f"#party-header(parents: {tt.strings(doc.parent_bodies)}, issuer: {tt.string(doc.issuer)}, "
        f"number-line: {tt.string(doc.number_line)}, place-date: {tt.string(doc.place_date_line)}, size: {size})\n"
    )
    out.append(f"#party-title(doc-type: {tt.string(doc.doc_type)}, title: {tt.string(doc.title)}, size: {size})\n")
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
    return "".join(out)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes (A4 portrait, Party layout)."""
    return compile_pdf(document_source(doc))
