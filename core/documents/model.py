"""Plain data for official Party documents (Hướng dẫn 36-HD/VPTW layout).

The renderers in `core.documents.word` and `core.documents.pdf` take these dataclasses and nothing
else, so a decision can be built from models, a form or a test without touching the database.
Texts are Vietnamese by nature: documents are always issued in Vietnamese, so labels such as
"Nơi nhận" live in the templates, not in the gettext catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core.text import long_date, short_date

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Column:
    """A column of a document table; width in millimetres (None shares the remaining width)."""

    header: str
    width_mm: float | None = None
    align: Align = "left"


@dataclass(frozen=True)
class DocumentTable:
    """A bordered table inside a document, e.g. the list of learners a decision names."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""  # a bold centred line above the table, e.g. "DANH SÁCH HỌC VIÊN"
    font_size: float = 12  # lists are set smaller than the body so a name fits on one line
    row_height_mm: float | None = None  # e.g. room to sign on a sign-in sheet

    def __post_init__(self) -> None:
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells, the table has {width} columns")


@dataclass(frozen=True)
class Heading:
    """A bold line heading part of a document's body, e.g. a report's "I. KẾT QUẢ ĐẠT ĐƯỢC"."""

    text: str


@dataclass(frozen=True)
class Article:
    """One "Điều": its paragraphs (the first follows "Điều n." on the same line)."""

    paragraphs: tuple[str, ...]

    @classmethod
    def of(cls, *paragraphs: str) -> Article:
        return cls(tuple(paragraphs))


@dataclass(frozen=True)
class Signature:
    """The signature block: capacity lines ("T/M BAN THƯỜNG VỤ", "K/T GIÁM ĐỐC"), title, name."""

    title: str  # "GIÁM ĐỐC", "BÍ THƯ"
    name: str
    capacity: tuple[str, ...] = ()  # lines printed above the title


@dataclass(frozen=True)
class Annex:
    """A list attached to a document, printed after the signature on a new page.

    Its heading reads "DANH SÁCH …" and, beneath, "(Kèm theo Quyết định số …, ngày …)", which
    `OfficialDocument.annex_reference` writes from the document's own number and date.
    """

    title: str  # "DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN HOÀN THÀNH CHƯƠNG TRÌNH"
    table: DocumentTable


# Blanks for the number of a draft: no-break spaces, so typst and Word keep the room to write in.
NUMBER_BLANK = "\u00a0" * 6


@dataclass(frozen=True)
class OfficialDocument:
    """A Party document: decision, plan, report, list.

    `parent_bodies` are the superior bodies printed in regular type above the issuer
    ("ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN SƠN"); `issuer` is printed in bold
    ("TRUNG TÂM CHÍNH TRỊ"). `authority` is the body that decides ("GIÁM ĐỐC TRUNG TÂM CHÍNH
    TRỊ XÃ YÊN SƠN"), printed before the grounds and followed by `enacting_word`.
    """

    issuer: str
    number: str  # "12-QĐ/TTCT"; printed as "Số 12-QĐ/TTCT"
    place: str  # "Yên Sơn"
    date: dt.date | None  # None for a draft: the date line keeps blanks to fill in by hand
    doc_type: str  # "QUYẾT ĐỊNH", "KẾ HOẠCH", "BÁO CÁO"
    title: str  # "Về việc mở lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới"
    signature: Signature
    parent_bodies: tuple[str, ...] = ()
    authority: str = ""
    grounds: tuple[str, ...] = ()  # "Căn cứ …" paragraphs, each printed with a leading dash
    enacting_word: str = "QUYẾT ĐỊNH"
    articles: tuple[Article, ...] = ()
    paragraphs: tuple[str, ...] = ()  # free body text for documents without articles (reports)
    table: DocumentTable | None = None  # a table inside the body (lists); attached lists are annexes
    # Reports: headings, paragraphs and tables in their order, after `paragraphs`.
    body: tuple[str | Heading | DocumentTable, ...] = ()
    recipients: tuple[str, ...] = ()
    font_size: float = 14
    # "QĐ/TTCT": the type and issuer part of the number, kept on a draft whose number is blank.
    number_symbol: str = ""
    annexes: tuple[Annex, ...] = ()
    draft: bool = False  # printed with "DỰ THẢO" above the header
    landscape: bool = False
    # Lists and sheets have no number line; decisions, plans and reports have one.
    numbered: bool = True

    @property
    def number_line(self) -> str:
        if not self.numbered:
            return ""
        if self.number and not self.draft:
            return f"Số {self.number}"
        symbol = self.number_symbol or self.number.partition("-")[2]
        return f"Số {NUMBER_BLANK}-{symbol}" if symbol else f"Số {NUMBER_BLANK}"

    @property
    def summary_line(self) -> str:
        """The summary under the document type starts in lower case: "về việc …"."""
        title = self.title.strip()
        return "v" + title[1:] if title.startswith("Về ") else title

    @property
    def doc_type_name(self) -> str:
        """ "Quyết định" for "QUYẾT ĐỊNH": the word used in "Kèm theo Quyết định số …"."""
        return self.doc_type[:1] + self.doc_type[1:].lower()

    @property
    def annex_reference(self) -> str:
        """ "(Kèm theo Quyết định số 12-QĐ/TTCT, ngày 05/02/2026)" under an annex's title."""
        number = self.number if self.number and not self.draft else self.number_line.removeprefix("Số ")
        when = short_date(self.date) if self.date and not self.draft else "\u00a0" * 4 + "/" + "\u00a0" * 4 + "/" + "\u00a0" * 8
        return f"(Kèm theo {self.doc_type_name} số {number}, ngày {when})"

    @property
    def place_date_line(self) -> str:
        if self.date is None or self.draft:
            blank = "\u00a0" * 5
            return f"{self.place}, ngày {blank} tháng {blank} năm {blank}"
        return f"{self.place}, {long_date(self.date)}"
