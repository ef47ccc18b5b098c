"""Bounds on an uploaded .xlsx checked before anything parses it.

An .xlsx is a zip of XML files, and both layers can be made to explode: a 1 MB file whose shared
strings inflate to a gigabyte, a sheet of millions of cells, XML entity declarations that expand
without end. `check_workbook` reads only the zip directory and the first bytes of each XML part:

- at most MAX_PARTS parts and MAX_UNCOMPRESSED bytes once inflated (as the zip directory declares;
  the reader never inflates a part past its declared size, so a lying directory only truncates it);
- no part inflating more than MAX_RATIO times unless it is small (a real sheet compresses ~10×);
- no DOCTYPE or ENTITY declaration in any XML part (openpyxl also parses through defusedxml);
- no sheet declaring more than MAX_DECLARED_ROWS rows or MAX_DECLARED_COLUMNS columns;
- no sheet holding more rows with values than settings.IMPORT_MAX_ROWS plus room for titles and
  signatures, counted on the inflated XML in chunks (openpyxl would otherwise walk a sheet without
  a dimension tag to its end before reading a row).

Every refusal is an `UnsafeWorkbook` with a message for the user; nothing is parsed.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

MAX_PARTS = 2000
MAX_RATIO = 200
SMALL_PART = 1024 * 1024  # parts under this size may compress as well as they like
MAX_DECLARED_ROWS = 100_000
MAX_DECLARED_COLUMNS = 1000
HEAD_BYTES = 64 * 1024  # a DOCTYPE must come before the root element, so within the first bytes

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
ROOM_FOR_TITLES = 200
CHUNK = 4 * 1024 * 1024
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)"')


class UnsafeWorkbook(ValueError):
    """The upload is refused before parsing; the message says why, in the user's language."""


def max_uncompressed() -> int:
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", 64 * 1024 * 1024)


def _zip(source) -> zipfile.ZipFile:
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    return zipfile.ZipFile(source)


def check_workbook(source) -> None:
    """Refuse `source` (a path, bytes or a seekable file) when it is beyond the bounds above.

    A file that is not a zip at all is left to the reader, which says it is not a workbook.
    """
    try:
        archive = _zip(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    try:
        _check(archive)
    finally:
        archive.close()
        if hasattr(source, "seek"):
            source.seek(0)


def _check(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    limit_mb = max_uncompressed() // (1024 * 1024)
    if len(parts) > MAX_PARTS:
        raise UnsafeWorkbook(_("The workbook has too many parts to be a nomination list."))
    total = sum(part.file_size for part in parts)
    if total > max_uncompressed():
        raise UnsafeWorkbook(_("The workbook holds %(size)d MB once unpacked; at most %(limit)d MB are read. "
                               "Remove unused sheets or split the list.")
                             % {"size": total // (1024 * 1024), "limit": limit_mb})
    for part in parts:
        if part.file_size > SMALL_PART and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise UnsafeWorkbook(_("The workbook is packed in a way no spreadsheet program writes (a part "
                                   "inflates %(ratio)d times); it is not read.")
                                 % {"ratio": part.file_size // max(part.compress_size, 1)})
    for part in parts:
        if not part.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(part) as stream:
            head = stream.read(HEAD_BYTES)
        if _DECLARATION.search(head):
            raise UnsafeWorkbook(_("The workbook contains XML declarations (DOCTYPE or ENTITY) that spreadsheet "
                                   "programs do not write; it is not read."))
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            _check_dimension(head)
            with archive.open(part) as stream:
                _check_rows(stream)


def _check_rows(stream) -> None:
    """Count the rows holding a value, reading the inflated sheet a chunk at a time."""
    limit = settings.IMPORT_MAX_ROWS + ROOM_FOR_TITLES
    rows, carry = 0, b""
    while True:
        chunk = stream.read(CHUNK)
        data = carry + chunk
        end = 0
        for found in _ROW.finditer(data):
            if found.group(1) and _VALUE.search(found.group(1)):
                rows += 1
            end = found.end()
        if rows > limit:
            raise UnsafeWorkbook(_("The list has more than %(limit)d rows; one import takes at most %(limit)d. "
                                   "Split the list into several files.") % {"limit": settings.IMPORT_MAX_ROWS})
        if not chunk:
            return
        carry = data[end:]


def _check_dimension(head: bytes) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return
    ref = found.group(1).decode()
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    except ValueError:
        return
    rows, columns = (max_row or 1) - (min_row or 1) + 1, (max_col or 1) - (min_col or 1) + 1
    if rows > MAX_DECLARED_ROWS or columns > MAX_DECLARED_COLUMNS:
        raise UnsafeWorkbook(_("A sheet of the workbook declares %(rows)d rows and %(columns)d columns; a nomination "
                               "list has at most %(limit)d rows. Delete the empty rows and columns or split the list.")
                             % {"rows": rows, "columns": columns, "limit": settings.IMPORT_MAX_ROWS})
