"""Hostile .xlsx files, built in code, for the upload tests and the hostile_uploads benchmark.

Each builder returns bytes. The bombs are written with a streaming zip writer, so building one never
holds its inflated content in memory.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

MB = 1024 * 1024

_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chức vụ"]


def _base() -> dict[str, bytes]:
    """The parts of a small, valid workbook with a header row and one person."""
    book = Workbook()
    sheet = book.active
    sheet.append(_HEADER)
    sheet.append([1, "Nguyễn Văn An", "17/05/1990", "Nam", "001090012345", "Bí thư"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return {item.filename: source.read(item.filename) for item in source.infolist()}


def _pack(parts: dict[str, bytes], streamed: dict[str, object] | None = None) -> bytes:
    """A zip of `parts`, plus parts whose content comes from a generator of byte chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if streamed and name in streamed:
                continue
            archive.writestr(name, data)
        for name, chunks in (streamed or {}).items():
            with archive.open(name, "w", force_zip64=True) as target:
                for chunk in chunks:
                    target.write(chunk)
    return buffer.getvalue()


def _with_shared_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Make sure the workbook declares a shared strings part (openpyxl writes inline-free files)."""
    parts = dict(parts)
    types = parts["[Content_Types].xml"].decode()
    if "sharedStrings" not in types:
        types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                              'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["[Content_Types].xml"] = types.encode()
    return parts


def shared_strings_bomb(inflated: int = 1024 * MB) -> bytes:
    """About 1 MB on disk; its shared strings inflate to `inflated` bytes."""
    parts = _with_shared_strings(_base())
    piece = b"<si><t>" + b"A" * 4000 + b"</t></si>"
    count = inflated // len(piece)

    def chunks():
        yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.'
               b'org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count))
        block = piece * 256
        for _ in range(count // 256):
            yield block
        yield b"</sst>"

    return _pack(parts, {"xl/sharedStrings.xml": chunks()})


def sheet_bomb(rows: int = 2_000_000, *, honest_dimension: bool = True) -> bytes:
    """A sheet of `rows` identical rows of 10 numeric cells (rows and cells without their optional
    addresses, as some generators write them), its dimension declared truly or as "A1": generators
    that lie are real, so the reader must not trust it. A few hundred kB on disk, hundreds of MB inflated."""
    parts = _base()
    dimension = f"A1:J{rows}" if honest_dimension else "A1"
    row = b"<row>" + b"<c><v>7</v></c>" * 10 + b"</row>"

    def chunks():
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
               f'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>').encode()
        block = row * 1000
        for _ in range(rows // 1000):
            yield block
        yield row * (rows % 1000) + b"</sheetData></worksheet>"

    return _pack(parts, {"xl/worksheets/sheet1.xml": chunks()})


def many_rows(count: int = 200_000) -> bytes:
    """A plain, valid list of `count` people: far beyond what one import takes."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sach")
    sheet.append(_HEADER)
    for index in range(1, count + 1):
        sheet.append([index, f"Nguyễn Văn An {index}", "17/05/1990", "Nam", None, "Đảng viên"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "AAAAAAAAAA">'
           + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
           + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           b"<si><t>&i;</t></si></sst>")


def entity_expansion() -> bytes:
    """Shared strings with nested entity declarations (a "billion laughs")."""
    parts = _with_shared_strings(_base())
    parts["xl/sharedStrings.xml"] = _LAUGHS
    return _pack(parts)


def external_entity() -> bytes:
    """A sheet whose DOCTYPE names a file on the server."""
    parts = _base()
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<worksheet', 1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    return _pack(parts)


ALL = {
    "shared_strings_bomb": shared_strings_bomb,
    "sheet_bomb": sheet_bomb,
    "sheet_bomb_lying_dimension": lambda: sheet_bomb(honest_dimension=False),
    "many_rows": many_rows,
    "entity_expansion": entity_expansion,
    "external_entity": external_entity,
}
