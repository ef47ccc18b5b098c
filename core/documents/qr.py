"""QR codes for verification links, fast enough for a thousand certificates in one PDF.

segno takes about 0,6 ms per code here (pure Python, general: every mode, micro codes, mask
search). A certificate batch needs one narrow case many times over: a URL in byte mode, error
correction level M, a fixed mask, versions 1-10 (up to 213 bytes). This encoder precomputes,
per version, everything that does not depend on the data (function patterns, the order of the
data modules, the mask) and does the per-code work with big-integer and bytes operations,
about ten times faster. Longer data falls back to segno with the same settings. The tests
check the layout, placement, mask and error correction against segno's symbols and decode
the printed codes with zbar. (segno adds one extra 0x00 codeword after the terminator when the
data ends on a byte boundary; this encoder follows ISO 18004 and does not, so the two symbols
differ in their padding while decoding to the same text.)

The mask is fixed (pattern 0) instead of searched: the search is most of segno's time, every
decoder reads any mask, and the printed code is large enough to scan without the optimum.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re

# Level M, versions 1-10: (error correction codewords per block, data codewords of each block).
_BLOCKS: dict[int, tuple[int, tuple[int, ...]]] = {
    1: (10, (16,)),
    2: (16, (28,)),
    3: (26, (44,)),
    4: (18, (32, 32)),
    5: (24, (43, 43)),
    6: (16, (27, 27, 27, 27)),
    7: (18, (31, 31, 31, 31)),
    8: (22, (38, 38, 39, 39)),
    9: (22, (36, 36, 36, 37, 37)),
    10: (26, (43, 43, 43, 43, 44)),
}
_ALIGNMENT: dict[int, tuple[int, ...]] = {
    1: (),
    2: (6, 18),
    3: (6, 22),
    4: (6, 26),
    5: (6, 30),
    6: (6, 34),
    7: (6, 22, 38),
    8: (6, 24, 42),
    9: (6, 26, 46),
    10: (6, 28, 50),
}
MAX_VERSION = max(_BLOCKS)
_FORMAT_M_MASK0 = 0b101010000010010  # level M (00), mask 000, BCH code, XOR 0x5412

# Arithmetic in GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _gf_mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.cache
def _ecc_table(degree: int) -> tuple[int, ...]:
    """For each leading factor, the generator polynomial times it, packed into one integer."""
    generator = [1]
    for power in range(degree):  # multiply by (x + a^power)
        product = generator + [0]
        for index, coefficient in enumerate(generator):
            product[index + 1] ^= _gf_mul(coefficient, _EXP[power])
        generator = product
    tail = generator[1:]  # the leading 1 cancels out in the division
    return tuple(int.from_bytes(bytes(_gf_mul(factor, c) for c in tail), "big") for factor in range(256))


def _ecc(data: bytes, degree: int) -> bytes:
    """Reed-Solomon remainder, the whole register held in one integer."""
    table = _ecc_table(degree)
    shift, keep = 8 * (degree - 1), (1 << (8 * degree)) - 1
    remainder = 0
    for byte in data:
        factor = (remainder >> shift) ^ byte
        remainder = ((remainder << 8) & keep) ^ table[factor]
    return remainder.to_bytes(degree, "big")


def _version_bits(version: int) -> int:
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    return version << 12 | remainder


@functools.cache
def _layout(version: int) -> tuple[int, bytes, tuple[int, ...], int, int]:
    """(size, function modules, gather order, mask, data module count) for one version.

    The symbol is built by one gather from `function modules + data bits`: for every module
    the gather order names its source, so a code is assembled in C by operator.itemgetter.
    """
    size = 17 + 4 * version
    value = [[0] * size for _ in range(size)]
    reserved = [[False] * size for _ in range(size)]

    def put(row: int, column: int, dark: int) -> None:
        value[row][column], reserved[row][column] = dark, True

    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):  # finders and their separators
        for dr in range(-1, 8):
            for dc in range(-1, 8):
                row, column = top + dr, left + dc
                if 0 <= row < size and 0 <= column < size:
                    ring = max(abs(dr - 3), abs(dc - 3))
                    put(row, column, 1 if ring in (0, 1, 3) else 0)
    for row in _ALIGNMENT[version]:
        for column in _ALIGNMENT[version]:
            if reserved[row][column]:  # the three corners hold finders
                continue
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    put(row + dr, column + dc, 0 if max(abs(dr), abs(dc)) == 1 else 1)
    for index in range(8, size - 8):  # timing patterns
        put(6, index, (index + 1) % 2)
        put(index, 6, (index + 1) % 2)
    put(size - 8, 8, 1)  # the dark module

    bits = _FORMAT_M_MASK0
    for i in range(15):
        bit = (bits >> i) & 1
        if i < 6:
            put(i, 8, bit)
        elif i < 8:
            put(i + 1, 8, bit)
        else:
            put(8, 14 - i if i > 8 else 7, bit)
        if i < 8:
            put(8, size - 1 - i, bit)
        else:
            put(size - 15 + i, 8, bit)
    if version >= 7:
        bits = _version_bits(version)
        for i in range(18):
            bit = (bits >> i) & 1
            put(size - 11 + i % 3, i // 3, bit)
            put(i // 3, size - 11 + i % 3, bit)

    # Data modules in placement order: two-module columns from the right, zig-zagging up and
    # down, skipping the vertical timing column.
    order: list[tuple[int, int]] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = ((right + 1) & 2) == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            for column in (right, right - 1):
                if not reserved[row][column]:
                    order.append((row, column))
        right -= 2

    functions = bytes(value[r][c] for r in range(size) for c in range(size))
    slot = {position: index for index, position in enumerate(order)}
    base = size * size
    gather = tuple(base + slot[(r, c)] if (r, c) in slot else r * size + c for r in range(size) for c in range(size))
    # Mask pattern 0, one byte per data module like the data bits, so one XOR applies it.
    mask = int.from_bytes(bytes(1 if (r + c) % 2 == 0 else 0 for r, c in order), "big")
    return size, functions, gather, mask, len(order)


def _version_for(length: int) -> int | None:
    for version, (_, blocks) in _BLOCKS.items():
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * length <= 8 * sum(blocks):
            return version
    return None


_BYTE_BITS = tuple(bytes((byte >> (7 - i)) & 1 for i in range(8)) for byte in range(256))


def _codewords(data: bytes, version: int) -> bytes:
    degree, blocks = _BLOCKS[version]
    capacity = sum(blocks)
    count_bits = 8 if version < 10 else 16
    stream = (0b0100 << count_bits | len(data)) << (8 * len(data)) | int.from_bytes(data, "big")
    used = 4 + count_bits + 8 * len(data)
    terminator = min(4, 8 * capacity - used)
    used += terminator
    stream <<= terminator + (-used % 8)
    message = stream.to_bytes((used + 7) // 8, "big")
    message += (b"\xec\x11" * capacity)[: capacity - len(message)]
    pieces, start = [], 0
    for length in blocks:
        pieces.append(message[start : start + length])
        start += length
    ecc = [_ecc(piece, degree) for piece in pieces]
    # Column by column: the blocks differ by at most one codeword, the longer ones coming last.
    shortest = min(blocks)
    extra = bytes(piece[shortest] for piece in pieces if len(piece) > shortest)
    columns = itertools.chain.from_iterable(zip(*pieces, strict=False))  # stops at the shortest block
    return bytes(columns) + extra + bytes(itertools.chain.from_iterable(zip(*ecc, strict=True)))


_ROW_END = b"\x02"  # put between the rows for the path builder


@functools.cache
def _gatherer(version: int, rows_apart: bool) -> operator.itemgetter:
    """The gather of `_layout` as one C call; with `rows_apart`, a _ROW_END between the rows."""
    size, _functions, gather, _mask, slots = _layout(version)
    if not rows_apart:
        return operator.itemgetter(*gather)
    row_end = size * size + slots  # _ROW_END follows the function modules and the data bits
    order: list[int] = []
    for start in range(0, size * size, size):
        if start:
            order.append(row_end)
        order.extend(gather[start : start + size])
    return operator.itemgetter(*order)


def _modules(text: str, rows_apart: bool) -> tuple[int, bytes]:
    data = text.encode("utf-8")
    version = _version_for(len(data))
    if version is None:
        size, modules = _encode_with_segno(data)
        if rows_apart:
            modules = _ROW_END.join(modules[start : start + size] for start in range(0, size * size, size))
        return size, modules
    size, functions, _gather, mask, slots = _layout(version)
    bits = b"".join(map(_BYTE_BITS.__getitem__, _codewords(data, version))).ljust(slots, b"\0")  # + remainder bits
    masked = (int.from_bytes(bits, "big") ^ mask).to_bytes(slots, "big")
    return size, bytes(_gatherer(version, rows_apart)(functions + masked + _ROW_END))


def encode(text: str) -> tuple[int, bytes]:
    """(size, modules row by row, 1 = dark) of the QR code of `text` (UTF-8, byte mode, level M)."""
    return _modules(text, rows_apart=False)


def _encode_with_segno(data: bytes) -> tuple[int, bytes]:
    import segno

    code = segno.make_qr(data, error="m", mask=0, boost_error=False, mode="byte")
    return len(code.matrix), b"".join(bytes(row) for row in code.matrix)


# The path is built from runs of modules, row by row: each dark run is one command, a stroke to
# the right after the move over the light modules before it ("m2 0h3", "h3" right after a dark
# run or at the start of a row); the end of a row (_ROW_END, put between the rows) is a move back
# to the start of the next one. Every command comes from a table made once per symbol size, so a
# code's path is one regex scan, one map and one join, all in C; the strokes are one module
# thick, centred on the row. Light modules at the end of the symbol match nothing.
_RUNS = re.compile(rb"\x00*(?:\x01+|\x02)")


@functools.cache
def _path_commands(size: int) -> dict[bytes, str]:
    commands = {}
    for light in range(size + 1):
        commands[b"\x00" * light + _ROW_END] = f"m{light - size} 1"
        for dark in range(1, size + 1 - light):
            commands[b"\x00" * light + b"\x01" * dark] = f"m{light} 0h{dark}" if light else f"h{dark}"
    return commands


def svg(text: str) -> str:
    """The QR code as a small SVG: one path of horizontal strokes, single quotes, no quiet zone."""
    size, rows = _modules(text, rows_apart=True)
    path = "".join(map(_path_commands(size).__getitem__, _RUNS.findall(rows)))
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {size} {size}'>"
        f"<path stroke='#000' d='M0 .5{path}'/></svg>"
    )


_COMMAND = re.compile(r"([Mmh])(-?\d*\.?\d+)(?: (-?\d*\.?\d+))?")


def matrix_from_svg(image: str) -> list[list[int]]:
    """Read the dark modules back from `svg` output (for tests and checks)."""
    found = re.search(r"viewBox='0 0 (\d+) \d+'>.*? d='([^']*)'", image)
    if found is None:
        raise ValueError("not a QR code made by core.documents.qr.svg")
    size = int(found.group(1))
    matrix = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, first, second in _COMMAND.findall(found.group(2)):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            for column in range(int(x), int(x + float(first))):
                matrix[int(y)][column] = 1
            x += float(first)
    return matrix
