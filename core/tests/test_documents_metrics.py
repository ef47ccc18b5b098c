"""Line width bounds from the serif font's own advance widths, checked against typst's layout."""

from __future__ import annotations

import json

import pytest
import typst

from core.documents import metrics
from core.documents import typst_text as tt
from core.documents.engine import font_setup, has_times_compatible_font, typst_fonts

TEXTS = [
    "Nguyễn Thị Hường",
    "Trịnh Thị Ngọc Ẩn",
    "Lý luận chính trị dành cho đảng viên mới",
    "AVAWAYATAVWAV To Ty Yo fifl ffi",  # kerning pairs and ligatures
    "WWWWMMMMƯỜNG ĐẶNG QUỐC VIỆT",
    "Lớp bồi dưỡng cán bộ cơ sở (QPAN-ĐT4-2026-01)",
]


@pytest.fixture
def widths():
    found = metrics.serif_widths()
    if found is None or not has_times_compatible_font():
        pytest.skip("needs Liberation Serif 2 (fonts-liberation2) or Times New Roman")
    return found


def typst_widths(pieces) -> list[float]:
    lines = "".join(
        f'#context [#metadata(measure(text(size: {size}pt, weight: "{"bold" if bold else "regular"}", '
        f"{tt.string(text)})).width.pt()) <w>]\n"
        for text, size, bold in pieces
    )
    found = typst.query(f"{font_setup()}{lines}".encode(), "<w>", field="value", font_paths=typst_fonts(),
                        ignore_system_fonts=True)
    return json.loads(found)


def test_the_bound_holds_and_stays_close(widths):
    pieces = [(text, size, bold) for text in TEXTS for size in (17, 20) for bold in (False, True)]
    for piece, actual in zip(pieces, typst_widths(pieces), strict=True):
        bound = widths.line([piece])
        assert actual <= bound, piece
        if not piece[0].startswith("AVAW"):  # ordinary words are barely kerned: the bound is close
            assert bound <= actual * 1.05, piece


def test_pieces_add_up(widths):
    one = widths.line([("Chứng nhận đồng chí: ", 17, False)])
    two = widths.line([("Nguyễn Thị Hường", 20, True)])
    assert widths.line([("Chứng nhận đồng chí: ", 17, False), ("Nguyễn Thị Hường", 20, True)]) == pytest.approx(one + two)


def test_a_character_missing_from_the_font_has_no_bound(widths):
    assert widths.line([("Nguyễn 李", 17, False)]) is None
    assert widths.line([("Nguyễn", 17, False), ("😀", 17, True)]) is None


def test_decomposed_vietnamese_is_measured_as_printed(widths):
    composed = widths.line([("Hường", 17, False)])
    assert widths.line([("Hu\u031b\u0300o\u031bng", 17, False)]) == pytest.approx(composed)


def test_no_bound_without_readable_font_files(monkeypatch):
    monkeypatch.setattr(metrics, "main_serif_family", lambda: "Libertinus Serif")  # embedded in typst: no file
    assert metrics.serif_widths() is None
