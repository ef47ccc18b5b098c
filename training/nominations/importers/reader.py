"""Reading a nomination workbook as sending organisations really write it.

The table sits among title rows ("ĐẢNG BỘ ...", "DANH SÁCH CỬ ĐI HỌC", the class name) and a
signature block; its header may span two rows with merged cells, and its wording varies. The header
row is found by scoring the first rows by how many cells name a known column (fields.py); a second
header row is taken when it holds only sub-headers (e.g. "Nam" / "Nữ" under a merged "Ngày sinh",
where the column the date is written in encodes the gender).

The rows are read as openpyxl's read-only mode gives them, by the C-parser reader in xlsx.py (a third
of the time). Read-only sheets do not expose merged ranges, so a merged header is recognised the way it
is stored: the text in the first cell, empty cells to its right, and the sub-headers below.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice

from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.text import nfc
from core.upload_guard import UnsafeWorkbook, check_workbook
from training.nominations.importers import fields as F
from training.nominations.importers.xlsx import UnsafeXml, Workbook

SCAN_ROWS = 40  # the header is within the first rows; title blocks are rarely longer than 10
MAX_BLANK_RUN = 500  # sheets formatted down to row 1,048,576 would otherwise be walked to the end
NAME_FIELDS = {F.FULL_NAME, F.GIVEN_NAME, F.FAMILY_MIDDLE}

_TOTAL = re.compile(r"(tong cong|tong so|cong)\b.*")
_GRAND_TOTAL = re.compile(r"(tong cong|tong so)\b.*")
_FOOTER = re.compile(
    r"(t m|tm|k t|kt|tl|tuq|nguoi lap( bieu| danh sach)?|thu truong( don vi| co quan)?|xac nhan( cua)?"
    r"|an dinh danh sach|danh sach (nay )?(co|gom)|noi nhan)\b.*"
    r"|.*\bky (ghi ro )?(ho )?ten\b.*"
    r"|.*\bngay\b.*\bthang\b.*\bnam\b.*"
)
# Family names never start like these, so a lone cell that does is a group heading, not a person.
_HEADING = re.compile(r"(dang bo|chi bo|dang uy|khoi|xa|phuong|thi tran|dac khu|don vi|co quan)\b.*")
_ROMAN_OR_LETTER = re.compile(r"[ivxlc]+|[a-z]")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
_EXAMPLE = {"vi du", "vd", "mau", "example"}


class WorkbookError(ValueError):
    """The file cannot be read as a nomination list; the message says why, in the user's language."""


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the sheet row
    field: str
    header: str  # the header as written in the file (parent and sub-header joined)

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass
class RawRow:
    """One data row: the non-blank cells of the recognised columns, by field, with their columns."""

    row: int
    cells: dict[str, tuple[object, str]]  # field -> (cell value, column letter)
    section: str = ""  # the last heading row above it ("Chi bộ thôn 3"), if the list is grouped


@dataclass
class SheetTable:
    sheet: str
    header_row: int  # 1-based; the first of one or two header rows
    header_rows: int
    columns: list[Column]
    rows: list[RawRow] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)  # blank, heading and example rows
    end_row: int | None = None  # where a "Tổng cộng" line or the signature block starts
    cache_key: str = ""  # set by store.table_of for a kept upload; its parsed rows are kept beside it

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns}

    # Kept in the cache between the preview and the confirm (store.table_of): each row as a tuple of
    # its values in column order, not a RawRow with a dict of (value, letter) pairs, which pickles to
    # less than half the bytes and loads faster. A table whose rows do not fit that form (cells
    # outside the columns, or a letter other than their column's) is kept as it is.
    def __getstate__(self) -> dict:
        letters = {c.field: c.letter for c in self.columns}
        names = list(letters)
        rows = []
        for raw in self.rows:
            cells = raw.cells
            values = tuple(cells[name][0] if name in cells else None for name in names)
            if len(cells) != len(values) - values.count(None) or any(
                    letters.get(name) != letter for name, (_value, letter) in cells.items()):
                return dict(self.__dict__)
            rows.append((raw.row, raw.section, values))
        return {**self.__dict__, "rows": rows, "_compact": names}

    def __setstate__(self, state: dict) -> None:
        names = state.pop("_compact", None)
        if names is not None:
            letters = {c.field: c.letter for c in state["columns"]}
            state["rows"] = [
                RawRow(number, {name: (value, letters[name]) for name, value in zip(names, values, strict=True)
                                if value is not None}, section)
                for number, section, values in state["rows"]
            ]
        self.__dict__.update(state)

    def column_for(self, field_name: str) -> Column | None:
        return next((c for c in self.columns if c.field == field_name), None)


@dataclass
class _Layout:
    score: int
    row_index: int  # 0-based within the scanned rows
    header_rows: int
    columns: list[Column]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(row: tuple, index: int):
    return row[index] if index < len(row) else None


def _single_row_columns(row: tuple) -> list[Column]:
    columns = []
    for index, value in enumerate(row):
        if _blank(value):
            continue
        name = F.field_for_header(value)
        if name is None:
            gender = F.gender_word(value)
            name = {"male": F.GENDER_MALE_MARK, "female": F.GENDER_FEMALE_MARK}.get(gender or "")
        if name:
            columns.append(Column(index, name, nfc(str(value))))
    return columns


def _is_sub_header(top: tuple, sub: tuple) -> bool:
    """A second header row holds only header words, at least one under a merged (empty) top cell."""
    cells = [(i, v) for i, v in enumerate(sub) if not _blank(v)]
    if len(cells) < 2:
        return False
    for _index, value in cells:
        if isinstance(value, int | float) or (F.field_for_header(value) is None and F.gender_word(value) is None):
            return False
    if not any(F.field_for_header(v) for v in top if not _blank(v)):
        return False
    return any(_blank(_cell(top, i)) for i, _v in cells)


def _two_row_columns(top: tuple, sub: tuple) -> list[Column]:
    columns = []
    parent = None
    for index in range(max(len(top), len(sub))):
        upper, lower = _cell(top, index), _cell(sub, index)
        if not _blank(upper):
            parent = upper
        elif _blank(lower):
            parent = None
        if parent is None and _blank(lower):
            continue
        parent_field = F.field_for_header(parent) if parent is not None else None
        name = None
        if not _blank(lower):
            gender = F.gender_word(lower)
            if gender and parent_field == F.DATE_OF_BIRTH:
                name = F.DOB_MALE if gender == "male" else F.DOB_FEMALE
            elif gender and parent_field in (F.GENDER, None):
                name = F.GENDER_MALE_MARK if gender == "male" else F.GENDER_FEMALE_MARK
            else:
                name = F.field_for_header(lower) or (parent_field if not _blank(upper) else None)
        elif not _blank(upper):
            name = parent_field
        if name:
            header = " – ".join(nfc(str(v)) for v in (parent, lower) if not _blank(v))
            columns.append(Column(index, name, header))
    return columns


def _finish(columns: list[Column]) -> list[Column]:
    """Keep the first column of each field; a lone "Tên" column holds the whole name."""
    seen: set[str] = set()
    kept = []
    for column in columns:
        if column.field not in seen:
            seen.add(column.field)
            kept.append(column)
    names = {c.field for c in kept}
    if F.GIVEN_NAME in names and not names & {F.FAMILY_NAME, F.FAMILY_MIDDLE, F.FULL_NAME}:
        kept = [Column(c.index, F.FULL_NAME, c.header) if c.field == F.GIVEN_NAME else c for c in kept]
    return kept


def _score(columns: list[Column]) -> int:
    names = {c.field for c in columns}
    if not names & NAME_FIELDS:
        return 0
    # Paired sub-columns (Nam/Nữ) count once.
    names = {n.replace("_male_mark", "").replace("_female_mark", "") for n in names}
    names = {F.DATE_OF_BIRTH if n in (F.DOB_MALE, F.DOB_FEMALE) else n for n in names}
    return len(names)


def find_header(head: list[tuple]) -> _Layout | None:
    best: _Layout | None = None
    for index, row in enumerate(head):
        # A sub-header row, when there is one, is part of the header even where it adds no field.
        options = [(1, _finish(_single_row_columns(row)))]
        if index + 1 < len(head) and _is_sub_header(row, head[index + 1]):
            options.insert(0, (2, _finish(_two_row_columns(row, head[index + 1]))))
        for rows_used, columns in options:
            score = _score(columns)
            if score >= 2 and (best is None or score > best.score):
                best = _Layout(score, index, rows_used, columns)
    return best


def _is_numbering_row(row: tuple) -> bool:
    """The "(1) (2) (3) ..." row some lists put under the header."""
    values = [v for v in row if not _blank(v)]
    if len(values) < 3:
        return False
    return all(
        (isinstance(v, int | float) and float(v).is_integer() and 0 < v < 100)
        or (isinstance(v, str) and _COLUMN_NUMBER.fullmatch(v.strip()))
        for v in values
    )


def _open(source):
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    try:
        check_workbook(source)  # sizes, ratios, declarations and dimensions, before any parsing
    except UnsafeWorkbook as exc:
        raise WorkbookError(str(exc)) from exc
    try:
        return Workbook(source)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and try again.")) from exc


def read_workbook(source) -> SheetTable:
    """Find the nomination table in the workbook (a path, bytes or a file object) and read its rows."""
    workbook = _open(source)
    try:
        best = None
        for sheet in workbook.sheets:
            if sheet.state != "visible":
                continue
            # Every row as it is in the sheet: a dimension tag, right or wrong, is never read.
            layout = find_header(list(islice(workbook.rows(sheet), SCAN_ROWS)))
            if layout and (best is None or layout.score > best[1].score):
                best = (sheet, layout)
        if best is None:
            raise WorkbookError(
                _("No header row was found. The table needs at least a full name column and one of: date of birth, citizen ID, gender.")
            )
        return _read_rows(workbook, *best)
    except (DefusedXmlException, UnsafeXml, SyntaxError) as exc:  # ElementTree's ParseError is a SyntaxError
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and try again.")) from exc
    finally:
        workbook.close()


def _read_rows(workbook: Workbook, sheet, layout: _Layout) -> SheetTable:
    table = SheetTable(
        sheet=sheet.title, header_row=layout.row_index + 1, header_rows=layout.header_rows, columns=layout.columns
    )
    positions = [(c.index, c.field, c.letter) for c in layout.columns]
    id_columns = [c.index for c in layout.columns if c.field in (F.NATIONAL_ID, F.DATE_OF_BIRTH, F.DOB_MALE, F.DOB_FEMALE)]
    seq_column = next((c.index for c in layout.columns if c.field == F.SEQ), None)
    first_data = layout.row_index + layout.header_rows  # the sheet row number of the last header row
    section = ""
    blank_run = 0
    for number, row in enumerate(workbook.rows(sheet), start=1):
        if number <= first_data:
            continue
        if number == first_data + 1 and _is_numbering_row(row):
            table.skipped_rows.append(number)
            continue
        cells = {}
        for index, name, letter in positions:
            value = row[index] if index < len(row) else None
            if not _blank(value):
                cells[name] = (value.strip() if isinstance(value, str) else value, letter)
        has_identity = any(not _blank(_cell(row, i)) for i in id_columns)
        if not has_identity and _ends_table(row, seq_column):
            table.end_row = number
            break
        content = {k: v for k, v in cells.items() if k != F.SEQ}
        if not content:
            blank_run += 1
            if any(not _blank(v) for v in row) or F.SEQ in cells:
                table.skipped_rows.append(number)
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        seq = cells.get(F.SEQ, (None, ""))[0]
        if isinstance(seq, str) and F.header_key(seq) in _EXAMPLE:
            table.skipped_rows.append(number)
            continue
        heading = _heading_text(content, seq, has_identity)
        if heading:
            section = heading
            table.skipped_rows.append(number)
            continue
        table.rows.append(RawRow(number, cells, section))
        if len(table.rows) > settings.IMPORT_MAX_ROWS:
            raise WorkbookError(_("The list has more than %(limit)d rows; one import takes at most %(limit)d. Split "
                                  "the list into several files.") % {"limit": settings.IMPORT_MAX_ROWS})
    return table


def _ends_table(row: tuple, seq_column: int | None) -> bool:
    seq = _cell(row, seq_column) if seq_column is not None else None
    if isinstance(seq, int | float) or (isinstance(seq, str) and seq.strip().isdigit()):
        # A numbered row is a person, unless it reads "Tổng cộng"/"Tổng số" (the count sometimes sits in
        # the number column); a bare "Cộng" could be a given name and is kept.
        rest = [F.header_key(v) for i, v in enumerate(row) if i != seq_column and isinstance(v, str) and v.strip()]
        return bool(rest) and bool(_GRAND_TOTAL.fullmatch(rest[0]))
    texts = [F.header_key(v) for v in row if isinstance(v, str) and v.strip()]
    if not texts:
        return False
    if _TOTAL.fullmatch(texts[0]):
        return True
    return any(_FOOTER.fullmatch(t) for t in texts)


def _heading_text(content: dict, seq, has_identity: bool) -> str:
    """A row with one text cell that names a group ("II. Đảng bộ xã Yên Sơn"), not a person."""
    if has_identity or len(content) != 1:
        return ""
    value = next(iter(content.values()))[0]
    if not isinstance(value, str):
        return ""
    text = nfc(value)
    key = F.header_key(text)
    key_without_number = re.sub(r"^([ivxlc]+|[a-z]|\d+)\b\s*", "", key)
    seq_is_group = isinstance(seq, str) and bool(_ROMAN_OR_LETTER.fullmatch(F.header_key(seq)))
    if seq_is_group or _HEADING.fullmatch(key_without_number):
        return text
    return ""
