"""Wording of the Party format (Hướng dẫn 36-HD/VPTW) shared by every document builder.

Pure text: a citation of another document ("Quyết định số 09-QĐ/BTGTW, ngày 05/02/2025 của Ban
Tuyên giáo Trung ương"), a ground ("- Căn cứ …;"), and what each role may read in a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.text import short_date

# The type part of a Party document number and the name the type is cited by.
DOCUMENT_KINDS = {
    "QĐ": "Quyết định",
    "QyĐ": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "CTr": "Chương trình",
}


def kind_of_number(number: str) -> str:
    """ "Quyết định" for "09-QĐ/BTGTW" (and for state numbers like "1853/QĐ-BTGTW"); "Văn bản" else."""
    code = number.replace("/", "-").split("-")
    for part in code[1:]:
        if part in DOCUMENT_KINDS:
            return DOCUMENT_KINDS[part]
    return "Văn bản"


def citation(number: str, date: dt.date | None = None, issuer: str = "", kind: str = "") -> str:
    """ "Quyết định số 09-QĐ/BTGTW, ngày 05/02/2025 của Ban Tuyên giáo Trung ương"."""
    text = f"{kind or kind_of_number(number)} số {number}"
    if date:
        text += f", ngày {short_date(date)}"
    if issuer:
        text += f" của {issuer}"
    return text


def ground(cited: str, about: str = "") -> str:
    """ "Căn cứ Quyết định số …, ngày … của … về việc …;" (the dash is printed by the renderer)."""
    return f"Căn cứ {cited}{(' ' + about) if about else ''};"


@dataclass(frozen=True)
class Audience:
    """What the reader of a document may see: birth dates and citizen IDs only with `personal_data`
    (accounts' Scope.sees_personal_data). Every builder of a document that names people takes one."""

    personal_data: bool = False

    @classmethod
    def of(cls, scope) -> Audience:
        return cls(personal_data=bool(scope.sees_personal_data))


EVERYTHING = Audience(personal_data=True)
