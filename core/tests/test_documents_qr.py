"""The fast QR encoder: checked against segno's symbols and decoded with zbar."""

from __future__ import annotations

import random
import shutil
import string
import subprocess

import pytest
import segno
import typst

from core.documents import qr
from core.documents import typst_text as tt

# Byte lengths that land in each version 1-10 at level M, their upper bounds, and beyond.
LENGTHS = [0, 1, 14, 15, 26, 27, 42, 62, 84, 106, 122, 152, 180, 213, 214, 300]


def text_of(length: int, seed: int = 0) -> str:
    rng = random.Random(length * 1000 + seed)
    prefix = "https://ttct.vn/"[:length]
    return prefix + "".join(
        rng.choice(string.ascii_letters + string.digits + "-_.~") for _ in range(length - len(prefix))
    )


def read_symbol(version: int, modules: bytes) -> bytes:
    """Unmask the data modules of a symbol in placement order and return its codewords."""
    size, _functions, gather, _mask, _slots = qr._layout(version)
    base = size * size
    order = [cell for _, cell in sorted((g - base, cell) for cell, g in enumerate(gather) if g >= base)]
    bits = [modules[cell] ^ (1 if (cell // size + cell % size) % 2 == 0 else 0) for cell in order]
    total = len(bits) // 8
    return bytes(int("".join(map(str, bits[8 * i : 8 * i + 8])), 2) for i in range(total))


def split_blocks(version: int, codewords: bytes) -> list[tuple[bytes, bytes]]:
    degree, blocks = qr._BLOCKS[version]
    data = [bytearray() for _ in blocks]
    position = 0
    for index in range(max(blocks)):
        for number, length in enumerate(blocks):
            if index < length:
                data[number].append(codewords[position])
                position += 1
    ecc = [bytearray() for _ in blocks]
    for _ in range(degree):
        for number in range(len(blocks)):
            ecc[number].append(codewords[position])
            position += 1
    return [(bytes(d), bytes(e)) for d, e in zip(data, ecc, strict=True)]


@pytest.mark.parametrize("version", range(1, 11))
def test_layout_placement_mask_and_error_correction_match_segno(version):
    size, functions, gather, _mask, _slots = qr._layout(version)
    length = next(n for n in range(400) if qr._version_for(n) == version)
    data = text_of(length + 3 if qr._version_for(length + 3) == version else length).encode()
    reference = segno.make_qr(data, error="m", mask=0, boost_error=False, mode="byte")
    assert reference.version == version
    theirs = b"".join(bytes(row) for row in reference.matrix)
    # function patterns, format and version information, module for module
    assert all(theirs[cell] == functions[g] for cell, g in enumerate(gather) if g < size * size)
    # reading segno's symbol with our placement order and mask gives valid Reed-Solomon blocks
    for block, ecc in split_blocks(version, read_symbol(version, theirs)):
        assert qr._ecc(block, len(ecc)) == ecc
    # and our own symbol reads back to the codewords we meant to write
    _, ours = qr.encode(data.decode())
    assert read_symbol(version, ours)[: len(qr._codewords(data, version))] == qr._codewords(data, version)

    # the same mode, length and message in both (segno pads differently after it, see qr.py)
    def message(codewords: bytes) -> bytes:
        return b"".join(block for block, _ in split_blocks(version, codewords))[: len(data) + 2]

    assert message(read_symbol(version, theirs)) == message(qr._codewords(data, version))


def test_version_choice_at_the_boundaries():
    assert [qr._version_for(n) for n in (0, 14, 15, 26, 27, 213, 214)] == [1, 1, 2, 2, 3, 10, None]


def test_long_data_falls_back_to_segno():
    text = text_of(300)
    size, modules = qr.encode(text)
    reference = segno.make_qr(text.encode(), error="m", mask=0, boost_error=False, mode="byte")
    assert size == len(reference.matrix)
    assert modules == b"".join(bytes(row) for row in reference.matrix)


def test_svg_round_trips_to_the_modules():
    text = text_of(60)
    size, modules = qr.encode(text)
    matrix = qr.matrix_from_svg(qr.svg(text))
    assert b"".join(bytes(row) for row in matrix) == modules and len(matrix) == size


def test_codes_of_every_version_decode_with_zbar(tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    texts = [text_of(n, seed=1) for n in LENGTHS if n]
    images = "\n#pagebreak()\n".join(f'#image(bytes({tt.string(qr.svg(t))}), format: "svg", width: 8cm)' for t in texts)
    pages = typst.compile(
        f"#set page(width: 11cm, height: 11cm, margin: 1.5cm)\n{images}".encode(), format="png", ppi=150
    )
    paths = []
    for number, png in enumerate(pages):
        path = tmp_path / f"{number:02d}.png"
        path.write_bytes(png)
        paths.append(str(path))
    result = subprocess.run(["zbarimg", "--raw", "-q", *paths], capture_output=True, text=True)
    assert result.stdout.split("\n")[:-1] == texts
