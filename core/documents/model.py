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

from core.text import long_date

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
    table: DocumentTable | None = None
    # Reports: headings, paragraphs and tables in their order, after `paragraphs`.
    body: tuple[str | Heading | DocumentTable, ...] = ()
    recipients: tuple[str, ...] = ()
    font_size: float = 14

    @property
    def number_line(self) -> str:
        return f"Số {self.number}" if self.number else "Số"

    @property
    def place_date_line(self) -> str:
        if self.date is None:
            return f"{self.place}, ngày     tháng     năm     "
        return f"{self.place}, {long_date(self.date)}"
