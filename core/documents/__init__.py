"""Official documents in the Party format (Hướng dẫn 36-HD/VPTW), as Word and PDF.

Pure functions over dataclasses: build an `OfficialDocument`, then call `render_docx(doc)` for an
editable Word file or `render_pdf(doc)` for a PDF.
"""

from core.documents.engine import DocumentRenderError
from core.documents.model import Annex, Article, Column, DocumentTable, Heading, OfficialDocument, Signature
from core.documents.pdf import render_pdf
from core.documents.word import render_docx

__all__ = [
    "Annex",
    "Article",
    "Column",
    "DocumentRenderError",
    "DocumentTable",
    "Heading",
    "OfficialDocument",
    "Signature",
    "render_docx",
    "render_pdf",
]
