"""How wide a line of text can be at most, from the advance widths in the serif font's files.

A layout that only has to adapt when a value is long (a certificate's details shrink when
they would wrap onto the signature) can skip typst's measuring pass for all the ordinary
pages: the sum of the glyph advances is the width of the unbroken line before kerning and
ligatures, which only ever take a little away, and a small margin covers the rest. Text with
a character the font lacks (typst would take the glyph from a fallback font) has no bound.

Only the tables needed are read: head (units per em), hhea and hmtx (advances) and cmap
(characters to glyphs, formats 4 and 12), from a TrueType/OpenType file or a collection.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from unicodedata import normalize

from core.documents.engine import main_serif_family, typst_fonts

MARGIN = 1.03  # kerning, ligatures and rounding never add more than this to a line


def _tables(data: bytes, index: int) -> dict[bytes, int]:
    start = 0
    if data[:4] == b"ttcf":
        start = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    count = struct.unpack_from(">H", data, start + 4)[0]
    tables = {}
    for number in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, start + 12 + 16 * number)
        tables[tag] = offset
    return tables


def _glyphs(data: bytes, cmap: int) -> dict[int, int]:
    """Character code -> glyph id from the best Unicode subtable (format 12, else 4)."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for number in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * number)
        subtables[(platform, encoding)] = cmap + offset
    by_format = {}
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables:
            fmt = struct.unpack_from(">H", data, subtables[key])[0]
            by_format.setdefault(fmt, subtables[key])
    glyphs: dict[int, int] = {}
    if 12 in by_format:
        table = by_format[12]
        groups = struct.unpack_from(">I", data, table + 12)[0]
        for number in range(groups):
            first, last, glyph = struct.unpack_from(">III", data, table + 16 + 12 * number)
            for code in range(first, last + 1):
                glyphs[code] = glyph + code - first
        return glyphs
    if 4 not in by_format:
        raise ValueError("the font has no Unicode character map of format 4 or 12")
    table = by_format[4]
    segments = struct.unpack_from(">H", data, table + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, table + 14)
    starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, table + 16 + 4 * segments)
    range_at = table + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for number in range(segments):
        for code in range(starts[number], ends[number] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[number] == 0:
                glyph = (code + deltas[number]) & 0xFFFF
            else:
                at = range_at + 2 * number + range_offsets[number] + 2 * (code - starts[number])
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[number]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


@functools.lru_cache(maxsize=8)
def advances(path: str, index: int = 0) -> dict[str, float]:
    """Character -> advance width in ems, for every character the font maps to a glyph."""
    data = Path(path).read_bytes()
    tables = _tables(data, index)
    units = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"] + 34)[0]
    widths = struct.unpack_from(f">{2 * metrics}H", data, tables[b"hmtx"])[::2]
    return {chr(code): widths[min(glyph, metrics - 1)] / units for code, glyph in _glyphs(data, tables[b"cmap"]).items()}


@dataclass(frozen=True)
class SerifWidths:
    """The advances of the upright regular and bold faces of the main serif family."""

    regular: dict[str, float]
    bold: dict[str, float]

    def line(self, pieces: Iterable[tuple[str, float, bool]]) -> float | None:
        """At most how wide, in points, the unbroken line of (text, size in pt, bold) pieces is;
        None when a character is not in the font (typst would set it in a fallback font)."""
        total = 0.0
        for text, size, bold in pieces:
            try:
                total += size * sum(map((self.bold if bold else self.regular).__getitem__, normalize("NFC", text)))
            except KeyError:
                return None
        return total * MARGIN


def serif_widths() -> SerifWidths | None:
    """The widths of the family documents are set in, or None when its files cannot be read
    (the fallback embedded in typst has none)."""
    family = main_serif_family().lower()
    paths = {}
    for font in typst_fonts().fonts():
        if font.family.lower() == family and font.style == "normal" and font.weight in (400, 700) and font.path:
            paths.setdefault(font.weight, (str(font.path), font.index))
    if len(paths) < 2:
        return None
    try:
        return SerifWidths(regular=advances(*paths[400]), bold=advances(*paths[700]))
    except (OSError, ValueError, KeyError, IndexError, struct.error):
        return None
