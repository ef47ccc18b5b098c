"""Party-format documents: typst escaping, the PDF and the Word file."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess

import docx
import pytest
import typst
from docx.shared import Pt

from core.documents import Article, Column, DocumentTable, OfficialDocument, Signature, engine, render_docx, render_pdf
from core.documents import typst_text as tt

VIETNAMESE = "Nguyễn Thị Hường, Đặng Quốc Việt, Trịnh Thị Ngọc Ẩn, ỷ ỹ ỵ"
TRICKY = [
    "Lê Văn *Tám* _Chín_",
    "#set page(width: 1cm) #sys.inputs",
    "$x^2$ and `raw` ~ nbsp",
    "[K12] <label> @ref",
    r"back\slash \u{41} \\ end",
    "\"double\" and 'single' quotes",
    "-- em --- dash ... dots",
    "// not a comment /* nor this */",
    "https://ttct.vn/xac-minh/AB_12#frag",
    "= not a heading",
    "- not a list",
    "+ not an enum",
    "/ term: not a term",
    VIETNAMESE,
]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def _plain(node: dict) -> str:
    """Flatten typst's content JSON, refusing anything but literal text."""
    kind = node["func"]
    if kind == "sequence":
        return "".join(_plain(child) for child in node["children"])
    assert kind in {"text", "symbol", "space"}, f"text was interpreted as {kind}"
    return " " if kind == "space" else node["text"]


@pytest.mark.parametrize("text", TRICKY)
def test_markup_escape_renders_text_literally(text):
    source = f"#box[{tt.markup(text)}]<probe>"
    (body,) = json.loads(typst.query(source.encode(), "<probe>", field="body"))
    assert _plain(body) == text


@pytest.mark.parametrize("text", TRICKY)
def test_string_literal_round_trips(text):
    source = f"#metadata({tt.string(text)})<probe>"
    assert json.loads(typst.query(source.encode(), "<probe>", field="value")) == [text]


def test_line_breaks_and_control_characters_cannot_break_out():
    text = "Dòng một\n\n= Tiêu đề\r\n#pagebreak()\x00\x07 hết"
    assert tt.string(text) == '"Dòng một  = Tiêu đề  #pagebreak() hết"'
    source = f"#box[{tt.markup(text)}]<probe>"
    (body,) = json.loads(typst.query(source.encode(), "<probe>", field="body"))
    assert _plain(body) == "Dòng một = Tiêu đề #pagebreak() hết"


def test_arrays_keep_one_element_an_array():
    assert tt.strings([]) == "()"
    assert json.loads(typst.eval(b"", f"{tt.strings(['a'])}.len()")) == 1
    assert json.loads(typst.eval(b"", tt.strings(["a", '"b"']))) == ["a", '"b"']


def learners(count: int) -> DocumentTable:
    names = ["Nguyễn Thị Hường", "Đặng Quốc Việt", "Trịnh Thị Ngọc Ẩn", "Lê *Văn* #Tám [A] <b>"]
    rows = tuple(
        (str(i), names[(i - 1) % len(names)], "12/03/1990", "Đảng ủy xã Yên Sơn", "Khá") for i in range(1, count + 1)
    )
    columns = (
        Column("STT", 12, "center"),
        Column("Họ và tên"),
        Column("Ngày sinh", 26, "center"),
        Column("Đơn vị", 50),
        Column("Xếp loại", 22, "center"),
    )
    return DocumentTable(columns=columns, rows=rows, title="DANH SÁCH HỌC VIÊN")


def decision(rows: int = 4, **changes) -> OfficialDocument:
    values = dict(
        parent_bodies=("ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN SƠN"),
        issuer="TRUNG TÂM CHÍNH TRỊ",
        number="12-QĐ/TTCT",
        place="Yên Sơn",
        date=dt.date(2026, 11, 24),
        doc_type="QUYẾT ĐỊNH",
        title="Về việc mở lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới",
        authority="GIÁM ĐỐC TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN",
        grounds=("Căn cứ Quy định số 360-QĐ/TW của Ban Bí thư;", "Xét đề nghị của bộ phận đào tạo,"),
        articles=(
            Article.of("Mở lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới, mã lớp ĐVM-2026-03."),
            Article.of("Danh sách học viên kèm theo.", "Quyết định có hiệu lực từ ngày ký."),
        ),
        table=learners(rows) if rows else None,
        recipients=("Như Điều 2,", "Lưu VP."),
        signature=Signature(title="GIÁM ĐỐC", name=VIETNAMESE.split(", ")[1], capacity=("K/T BAN GIÁM ĐỐC",)),
    )
    values.update(changes)
    return OfficialDocument(**values)


def test_table_rows_must_match_the_columns():
    with pytest.raises(ValueError, match="row 2 has 2 cells"):
        DocumentTable(columns=(Column("A"), Column("B"), Column("C")), rows=(("1", "2", "3"), ("1", "2")))


def test_place_and_date_line():
    assert decision().place_date_line == "Yên Sơn, ngày 24 tháng 11 năm 2026"
    assert decision(date=dt.date(2027, 2, 3)).place_date_line == "Yên Sơn, ngày 03 tháng 02 năm 2027"
    assert decision(date=None).place_date_line.startswith("Yên Sơn, ngày ")


def test_pdf_is_one_a4_page_with_the_party_layout():
    pdf = render_pdf(decision())
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) == 1
    assert re.search(rb"/MediaBox\s*\[0 0 595\.2\d* 841\.8\d*\]", pdf)
    text = pdf_text(pdf)
    for expected in (
        "ĐẢNG BỘ TỈNH TUYÊN QUANG",
        "TRUNG TÂM CHÍNH TRỊ",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 12-QĐ/TTCT",
        "Yên Sơn, ngày 24 tháng 11 năm 2026",
        "QUYẾT ĐỊNH",
        "- Căn cứ Quy định số 360-QĐ/TW",
        "Điều 1. Mở lớp",
        "Điều 2. Danh sách",
        "DANH SÁCH HỌC VIÊN",
        "Trịnh Thị Ngọc Ẩn",
        "Lê *Văn* #Tám [A] <b>",
        "Nơi nhận:",
        "K/T BAN GIÁM ĐỐC GIÁM ĐỐC",
        "Đặng Quốc Việt",
    ):
        assert expected in text


def test_long_lists_flow_onto_more_pages():
    assert pdf_pages(render_pdf(decision(rows=80))) >= 3


def test_every_vietnamese_letter_comes_from_the_main_serif_font():
    family = engine.main_serif_family()
    pdf = render_pdf(
        decision(paragraphs=(VIETNAMESE, "ă â đ ê ô ơ ư ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ ề ể ễ ế ệ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ừ ử ữ ứ ự"))
    )
    embedded = {name.decode() for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf)}
    assert embedded, "no embedded fonts found"
    prefix = family.replace(" ", "")
    # A missing glyph would be patched from another family (e.g. LibertinusSerif).
    assert all(name.startswith(prefix) for name in embedded), embedded
    assert VIETNAMESE in pdf_text(pdf)


def test_font_folders_come_from_settings(settings, tmp_path):
    settings.TTCT_FONT_DIRS = [str(tmp_path), str(tmp_path / "missing")]
    assert engine.font_dirs() == [str(tmp_path)]
    settings.TTCT_FONT_DIRS = []
    assert engine.font_dirs() == []


def _all_paragraphs(document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


def test_docx_page_fonts_and_margins():
    document = docx.Document(io.BytesIO(render_docx(decision())))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    # Word stores twentieths of a point, so compare in whole millimetres.
    assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)


def test_docx_holds_the_document_text():
    document = docx.Document(io.BytesIO(render_docx(decision())))
    header, body_table, closing = document.tables
    left = [p.text for p in header.cell(0, 0).paragraphs]
    assert left == ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN SƠN", "TRUNG TÂM CHÍNH TRỊ", "*"]
    assert header.cell(1, 0).text == "Số 12-QĐ/TTCT"
    party = header.cell(0, 1).paragraphs[0].runs[0]
    assert (party.text, party.bold, party.underline) == ("ĐẢNG CỘNG SẢN VIỆT NAM", True, True)
    date = header.cell(1, 1).paragraphs[0].runs[0]
    assert (date.text, date.italic) == ("Yên Sơn, ngày 24 tháng 11 năm 2026", True)

    body = [p.text for p in document.paragraphs if p.text]
    assert body[:3] == ["QUYẾT ĐỊNH", "về việc mở lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới", "-----"]
    assert "- Căn cứ Quy định số 360-QĐ/TW của Ban Bí thư;" in body
    assert "Điều 1. Mở lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới, mã lớp ĐVM-2026-03." in body
    assert "Quyết định có hiệu lực từ ngày ký." in body
    article = next(p for p in document.paragraphs if p.text.startswith("Điều 2."))
    assert article.runs[0].bold and not article.runs[1].bold

    assert [c.text for c in body_table.rows[0].cells] == ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Xếp loại"]
    assert len(body_table.rows) == 5
    assert body_table.rows[4].cells[1].text == "Lê *Văn* #Tám [A] <b>"

    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert signature == ["K/T BAN GIÁM ĐỐC", "GIÁM ĐỐC", "Đặng Quốc Việt"]
    assert [p.text for p in closing.cell(0, 0).paragraphs] == ["Nơi nhận:", "- Như Điều 2,", "- Lưu VP."]


def test_docx_header_table_has_no_borders_and_the_list_has():
    document = docx.Document(io.BytesIO(render_docx(decision())))
    header, body_table, _closing = document.tables
    borders = header._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert borders is not None and {b.get(borders[0].tag.split("}")[0] + "}val") for b in borders} == {"nil"}
    assert body_table.style.name == "Table Grid"


def test_docx_without_table_or_articles():
    doc = decision(rows=0, articles=(), authority="", grounds=(), paragraphs=("Báo cáo kết quả đào tạo năm 2026.",))
    document = docx.Document(io.BytesIO(render_docx(doc)))
    assert len(document.tables) == 2
    assert "Báo cáo kết quả đào tạo năm 2026." in _all_paragraphs(document)
    assert "QUYẾT ĐỊNH" in [p.text for p in document.paragraphs][:3]
    assert pdf_pages(render_pdf(doc)) == 1
