"""The cell values of an .xlsx workbook's sheets, row by row, as openpyxl's read-only mode gives them.

openpyxl reads a workbook in three steps that matter here: the package parts (workbook, relations,
styles), the shared strings, and each sheet's rows. The first is small and is left to openpyxl, so the
sheets, their order and visibility, the date styles and the 1900/1904 calendar are its own. The strings
and the rows are most of the file: openpyxl parses them through defusedxml's pure-Python XML parser
and builds an object per rich-text cell, which makes reading a 5,000-row list cost more than checking
its rows. Here they are parsed with the C ElementTree parser, and each row becomes the tuple of values
`ReadOnlyWorksheet.iter_rows(values_only=True)` yields for it (tests/test_import_xlsx.py compares both
on every sample workbook).

Safety is kept as defusedxml keeps it: a part holding a DOCTYPE or ENTITY declaration anywhere is
refused before it is parsed (core.upload_guard has already refused one in the first bytes, and bounded
the inflated size of every part); without a DTD the parser expands no entity and fetches nothing, and an
undefined entity is a parse error.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import XMLPullParser

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

CHUNK = 256 * 1024
_NS = f"{{{SHEET_MAIN_NS}}}"
_ROW, _VALUE, _INLINE, _SI = _NS + "row", _NS + "v", _NS + "is", _NS + "si"
_T, _RUN = _NS + "t", _NS + "r"
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXml(ValueError):
    """A part declares a DTD or an entity; nothing of it was parsed."""


@dataclass(frozen=True)
class SheetSource:
    title: str
    state: str  # "visible", "hidden" or "veryHidden"
    path: str  # the part in the archive


def _read_part(archive: zipfile.ZipFile, path: str) -> bytes:
    data = archive.read(path)
    if _DECLARATION.search(data):
        raise UnsafeXml(path)
    return data


def _events(data: bytes) -> Iterator:
    """("end", element) for every element of `data`, parsed a chunk at a time so a caller that stops
    early (the first rows of a sheet) pays for no more than it read."""
    parser = XMLPullParser(events=("end",))
    for start in range(0, len(data), CHUNK):
        parser.feed(data[start:start + CHUNK])
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _text(node) -> str:
    """The text of an <si> or <is> element without formatting: its <t>, then the <t> of each run
    (phonetic runs left out), as openpyxl's Text.content."""
    plain = None
    parts = []
    for child in node:
        if child.tag == _T:
            plain = child.text
        elif child.tag == _RUN:
            text = None
            for part in child:
                if part.tag == _T:
                    text = part.text
            if text is not None:
                parts.append(text)
    if plain is not None:
        parts.insert(0, plain)
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    if path is None:
        return []
    strings = []
    for _event, node in _events(_read_part(archive, path)):
        if node.tag == _SI:
            strings.append(_text(node).replace("x005F_", ""))
            node.clear()
    return strings


def _cast_number(value: str):
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


class Workbook:
    """An opened workbook: its sheets in order, and their rows on demand. Close it when done."""

    def __init__(self, source):
        reader = ExcelReader(source, read_only=True, data_only=True)
        self._archive = reader.archive
        try:
            reader.read_manifest()
            part = reader.package.find(SHARED_STRINGS)
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            self.epoch = reader.wb.epoch
            self._dates = set(reader.wb._date_formats)
            self._durations = set(reader.wb._timedelta_formats)
            self.sheets = [
                SheetSource(sheet.name, sheet.state, rel.target)
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ]
            self._strings = _shared_strings(self._archive, part.PartName[1:] if part is not None else None)
        except Exception:
            self._archive.close()
            raise

    def close(self) -> None:
        self._archive.close()

    def rows(self, sheet: SheetSource) -> Iterator[tuple]:
        """Every row from the first, as iter_rows(values_only=True) on a sheet whose dimensions were
        reset: a missing row is empty, a row holds its cells up to its last one, gaps are None."""
        strings, dates, durations, epoch = self._strings, self._dates, self._durations, self.epoch
        counter = 0  # the last row number given
        number = 0
        for _event, element in _events(_read_part(self._archive, sheet.path)):
            if element.tag != _ROW:
                continue
            ref = element.get("r")
            if ref is None:
                number += 1
            else:
                try:
                    number = int(ref)
                except ValueError:
                    as_float = float(ref)
                    if not as_float.is_integer():
                        raise ValueError(f"{ref} is not a valid row number") from None
                    number = int(as_float)
            cells = []
            column = 0
            for cell in element:  # every child is taken for a cell, as openpyxl does
                coordinate = cell.get("r")
                if coordinate:
                    column = coordinate_to_tuple(coordinate)[1]
                else:
                    column += 1
                kind = cell.get("t", "n")
                if kind == "inlineStr":
                    child = cell.find(_INLINE)
                    value = _text(child) if child is not None else None
                else:
                    value = cell.findtext(_VALUE) or None
                    if value is not None:
                        if kind == "n":
                            value = _cast_number(value)
                            style = cell.get("s")
                            style = int(style) if style else 0
                            if style in dates:
                                try:
                                    value = from_excel(value, epoch, timedelta=style in durations)
                                except (OverflowError, ValueError):
                                    value = "#VALUE!"
                        elif kind == "s":
                            value = strings[int(value)]
                        elif kind == "b":
                            value = bool(int(value))
                        elif kind == "d":
                            value = from_ISO8601(value)
                cells.append((column, value))
            element.clear()
            while counter + 1 < number:
                counter += 1
                yield ()
            if counter < number:
                counter = number
                if not cells:
                    yield ()
                    continue
                width = cells[-1][0]
                values = [None] * width
                for index, value in cells:
                    if 1 <= index <= width:
                        values[index - 1] = value
                yield tuple(values)
