"""Where typst runs: in-process for small documents, in a child process for big batches."""

from __future__ import annotations

import re

import pytest

from core.documents import engine


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


SOURCE = engine.font_setup() + "Trang một\n#pagebreak()\nTrang hai, Nguyễn Thị Hường\n"


@pytest.mark.parametrize("isolated", [False, True])
def test_compiles_in_process_and_in_a_child(isolated):
    first, second = engine.compile_many([SOURCE, SOURCE + "#pagebreak()\nba"], isolated=isolated)
    assert first.startswith(b"%PDF-") and pages(first) == 2
    assert pages(second) == 3


@pytest.mark.parametrize("isolated", [False, True])
def test_typst_errors_become_document_render_errors(isolated):
    with pytest.raises(engine.DocumentRenderError, match="unknown variable"):
        engine.compile_pdf("#no-such-function()", isolated=isolated)


def test_big_sources_go_to_a_child(monkeypatch):
    calls = []
    monkeypatch.setattr(engine, "_compile_in_child", lambda sources, dirs: calls.append(len(sources)) or [b"%PDF-"])
    engine.compile_pdf("x" * (engine.ISOLATE_ABOVE_CHARS + 1))
    engine.compile_pdf(SOURCE)
    assert calls == [1]


def test_the_child_uses_the_same_fonts(settings):
    family = engine.main_serif_family().replace(" ", "")
    in_child = engine.compile_pdf(SOURCE, isolated=True)
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+" + family.encode(), in_child)


def test_font_setup_names_only_available_families():
    families = re.findall(r'"([^"]+)"', re.search(r"font: \((.*?)\)", engine.font_setup()).group(1))
    assert families and families[0] == engine.main_serif_family()
    available = {f.lower() for f in engine.typst_fonts().families()}
    assert all(f.lower() in available for f in families)


def test_without_installed_fonts_the_embedded_serif_still_renders_vietnamese(settings):
    from core.documents import Signature, render_pdf
    from core.documents.model import OfficialDocument

    settings.TTCT_FONT_DIRS = []
    engine.reset_fonts()
    try:
        assert engine.main_serif_family() == engine.EMBEDDED_SERIF
        doc = OfficialDocument(
            issuer="TRUNG TÂM CHÍNH TRỊ",
            number="1-QĐ/TTCT",
            place="Yên Sơn",
            date=None,
            doc_type="QUYẾT ĐỊNH",
            title="Thử phông chữ",
            paragraphs=("Nguyễn Thị Hường, Đặng Quốc Việt, Trịnh Thị Ngọc Ẩn, ỷ ỹ ỵ",),
            signature=Signature(title="GIÁM ĐỐC", name="Đặng Quốc Việt"),
        )
        pdf = render_pdf(doc)
        names = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf))
        assert names and all(n.startswith(b"LibertinusSerif") for n in names)
    finally:
        settings.TTCT_FONT_DIRS = None
        engine.reset_fonts()
