"""Reading documents back in tests: PDF text and fonts (poppler-utils), Word text, Excel cells."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zlib

import docx
import pytest
from openpyxl import load_workbook

BIRTH_DATE = re.compile(r"\b\d{2}/\d{2}/(19|20)\d{2}\b")


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # ttct.sh test installs poppler-utils
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, in reading order (pdftotext -layout keeps the columns apart)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        done = subprocess.run([_poppler("pdftotext"), "-layout", handle.name, "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1] or [""]


def pdf_text(pdf: bytes) -> str:
    """All text, with runs of white space folded to one space."""
    return re.sub(r"\s+", " ", " ".join(pdf_pages(pdf)))


def pdf_fonts(pdf: bytes) -> set[str]:
    """The base names of the embedded fonts, without the subset prefix ("LiberationSerif-Bold")."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        done = subprocess.run([_poppler("pdffonts"), handle.name], capture_output=True, check=True)
    names = set()
    for line in done.stdout.decode().splitlines()[2:]:
        name = line.split()[0] if line.split() else ""
        names.add(name.split("+", 1)[-1])
    return names


def assert_times_family(pdf: bytes) -> None:
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts), fonts


_OPS = re.compile(rb"(?:(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) cm)|(?:([\d.]+) Tf)|(?<![\w/])([qQ])(?![\w])")


def pdf_font_sizes(pdf: bytes) -> list[float]:
    """The size every text run is printed at: its Tf size times the scaling of the graphics state
    (so a page shrunk to fit shows its real, smaller size)."""
    sizes: list[float] = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        scale, stack = 1.0, []
        for op in _OPS.finditer(content):
            if op.group(8) == b"q":
                stack.append(scale)
            elif op.group(8) == b"Q":
                scale = stack.pop() if stack else 1.0
            elif op.group(7):
                sizes.append(round(float(op.group(7)) * scale, 2))
            elif op.group(1):
                a, b = float(op.group(1)), float(op.group(2))
                scale *= (a * a + b * b) ** 0.5
    return sizes


def _paragraph_text(p) -> str:
    return "".join(
        "-" if t.tag.endswith("}noBreakHyphen") else (t.text or "")
        for t in p.iter() if t.tag.endswith(("}t", "}noBreakHyphen"))
    )


def docx_paragraphs(content: bytes) -> list[str]:
    """Every paragraph's text, body and table cells, in document order."""
    body = docx.Document(io.BytesIO(content)).element.body
    found = [_paragraph_text(p) for p in body.iter() if p.tag.endswith("}p")]
    return [text for text in found if text]


def xlsx_rows(content: bytes, sheet: int = 0) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    return [tuple(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


def xlsx_text(content: bytes) -> str:
    return " ".join(str(v) for row in xlsx_rows(content) for v in row if v is not None)
