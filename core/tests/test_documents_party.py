"""The Party format as printed: fonts, the heading line, numbers that never break, drafts, annexes."""

from __future__ import annotations

import datetime as dt

import pytest

from core.documents import Annex, Column, DocumentTable, Signature, engine, render_docx, render_pdf
from core.documents import typst_text as tt
from core.tests.test_documents import decision
from tests.documents import assert_times_family, docx_paragraphs, pdf_pages, pdf_text


def _annexed(**changes):
    table = DocumentTable(columns=(Column("STT", 12, "center"), Column("Họ và tên")),
                          rows=tuple((str(i), f"Nguyễn Văn {i}") for i in range(1, 4)))
    values = dict(rows=0, annexes=(Annex("DANH SÁCH HỌC VIÊN", table),))
    values.update(changes)
    return decision(**values)


def test_unset_font_folders_mean_the_debian_liberation_folder(settings):
    settings.TTCT_FONT_DIRS = None
    engine.reset_fonts()
    assert engine.font_dirs() == [d for d in engine.DEFAULT_FONT_DIRS if __import__("os").path.isdir(d)]
    assert engine.has_times_compatible_font()
    assert_times_family(render_pdf(decision()))


def test_the_project_setting_is_none_when_the_variable_is_unset(monkeypatch):
    from ttct import settings as project

    assert project.env_list("TTCT_NO_SUCH_VARIABLE") == []
    assert (project.env_list("TTCT_NO_SUCH_VARIABLE") or None) is None


@pytest.mark.django_db
def test_healthz_warns_without_a_times_compatible_font(client, settings):
    assert "warnings" not in client.get("/healthz").json()
    settings.TTCT_FONT_DIRS = []
    engine.reset_fonts()
    try:
        body = client.get("/healthz").json()
        assert body["warnings"] == ["documents-font"] and body["status"] == "ok"
    finally:
        settings.TTCT_FONT_DIRS = None
        engine.reset_fonts()


def test_numbers_and_codes_are_boxed_so_they_never_break():
    source = tt.markup_nobreak("Mở lớp (mã lớp QPAN-ĐT4-2026-01) theo Quyết định số 12-QĐ/TTCT, ngày 05/02/2025.")
    assert "#box[\\(mã" not in source
    assert "#box[QPAN\\-ĐT4\\-2026\\-01\\)]" in source
    assert "#box[12\\-QĐ\\/TTCT\\,]" in source
    # A narrow page: the number still comes out whole on one line.
    doc = decision(rows=0, paragraphs=("x " * 38 + "theo Quyết định số 112-QĐ/TTCT ngày 05/02/2025",))
    assert any("112-QĐ/TTCT" in line for page in pdf_pages(render_pdf(doc)) for line in page.splitlines())


def test_heading_line_is_drawn_not_underlined():
    from core.documents.pdf import document_source

    source = document_source(decision())
    assert "#party-header(" in source and "underline(offset: 3pt" not in source
    assert "line(length: width" in source


def test_summary_line_starts_in_lower_case():
    assert decision().summary_line.startswith("về việc mở lớp")
    assert "QUYẾT ĐỊNH về việc mở lớp" in pdf_text(render_pdf(decision()))


def test_a_draft_keeps_the_symbol_and_carries_the_mark():
    draft = decision(number="", number_symbol="QĐ/TTCT", draft=True, date=None)
    text = pdf_text(render_pdf(draft))
    assert "DỰ THẢO" in text
    assert "Số -QĐ/TTCT" in text.replace("\u00a0", " ").replace("  ", " ")
    assert "ngày tháng năm" in text.replace("\u00a0", " ").replace("  ", " ")
    word = docx_paragraphs(render_docx(draft))
    assert word[0] == "DỰ THẢO"
    assert any(" ".join(p.replace("\u00a0", " ").split()) == "Số -QĐ/TTCT" for p in word)
    assert "DỰ THẢO" not in pdf_text(render_pdf(decision()))


def test_annex_comes_after_the_signature_with_its_reference():
    doc = _annexed(date=dt.date(2026, 2, 5))
    pages = pdf_pages(render_pdf(doc))
    assert len(pages) == 2
    assert "Đặng Quốc Việt" in pages[0] and "Nơi nhận" in pages[0] and "Nguyễn Văn 1" not in pages[0]
    annex = " ".join(pages[1].split())
    assert "DANH SÁCH HỌC VIÊN" in annex
    assert "(Kèm theo Quyết định số 12-QĐ/TTCT, ngày 05/02/2026)" in annex
    assert annex.index("DANH SÁCH HỌC VIÊN") < annex.index("Nguyễn Văn 1")
    word = docx_paragraphs(render_docx(doc))
    assert word.index("Đặng Quốc Việt") < word.index("DANH SÁCH HỌC VIÊN") < word.index("Nguyễn Văn 1")
    assert "(Kèm theo Quyết định số 12-QĐ/TTCT, ngày 05/02/2026)" in word


def test_deputy_signs_for_the_director():
    doc = decision(signature=Signature(title="PHÓ GIÁM ĐỐC", name="Hà Văn Phó", capacity=("K/T GIÁM ĐỐC",)))
    text = pdf_text(render_pdf(doc))
    assert text.index("K/T GIÁM ĐỐC") < text.index("PHÓ GIÁM ĐỐC") < text.index("Hà Văn Phó")
    word = docx_paragraphs(render_docx(doc))
    assert word.index("K/T GIÁM ĐỐC") + 1 == word.index("PHÓ GIÁM ĐỐC")
