"""Certificates, their QR codes and the register book, rendered from plain data."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from certificates import rendering
from certificates.rendering import (
    CertificateData,
    RegisterEntry,
    RegisterHeading,
    certificate_filename,
    certificates_source,
    qr_svg,
    render_certificate_zip,
    render_certificates_pdf,
    render_register_book_pdf,
    render_register_book_xlsx,
)
from core.documents.qr import matrix_from_svg

NAMES = ["Nguyễn Thị Hường", "Đặng Quốc Việt", "Trịnh Thị Ngọc Ẩn", "Lê Văn *Tám* #1 [A] <b> @c $d$"]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)]


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def certificate(index: int = 0, **changes) -> CertificateData:
    values = dict(
        centre_name="TRUNG TÂM CHÍNH TRỊ",
        host_line="ĐẢNG ỦY XÃ YÊN SƠN",
        learner_name=NAMES[index % len(NAMES)],
        date_of_birth=dt.date(1990, 3, 12),
        programme_name="Lý luận chính trị dành cho đảng viên mới",
        class_code="ĐVM-2026-03",
        class_name="Lớp đảng viên mới khóa 3",
        date_from=dt.date(2026, 11, 16),
        date_to=dt.date(2026, 11, 22),
        classification="Khá",
        number=f"{index + 1}/GCN-TTCT",
        register_year=2026,
        place="Yên Sơn",
        issue_date=dt.date(2026, 11, 24),
        signer_title="GIÁM ĐỐC",
        signer_name="Đặng Quốc Việt",
        verification_url=f"https://ttct.tuyenquang.gov.vn/xac-minh/K7Q2M{index:07d}",
    )
    values.update(changes)
    return CertificateData(**values)


def test_qr_svg_is_compact_and_differs_per_url():
    url = "https://ttct.tuyenquang.gov.vn/xac-minh/K7Q2M0000001"
    svg = qr_svg(url)
    assert svg.startswith("<svg ") and "<?xml" not in svg and '"' not in svg
    assert len(matrix_from_svg(svg)) == 33  # version 4 for a URL of this length
    assert matrix_from_svg(qr_svg(url + "2")) != matrix_from_svg(svg)


def test_qr_codes_on_the_pages_decode_to_the_verification_urls(tmp_path):
    """End to end: rasterise the PDF and read every QR code back with zbar."""
    if shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None:
        pytest.skip("pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed")
    items = [certificate(i) for i in range(3)]
    items.append(certificate(3, verification_url='https://ttct.vn/xac-minh/AB_12?x=1&y="2"#z'))
    (tmp_path / "batch.pdf").write_bytes(render_certificates_pdf(items, page="A5"))
    subprocess.run(["pdftoppm", "-png", "-r", "110", "batch.pdf", "page"], cwd=tmp_path, check=True)
    pages = sorted(str(p) for p in tmp_path.glob("page*.png"))
    result = subprocess.run(["zbarimg", "--raw", "-q", *pages], capture_output=True, text=True)
    assert result.stdout.split() == [item.verification_url for item in items]


def test_one_landscape_page_per_certificate_in_one_pdf():
    items = [certificate(i) for i in range(4)]
    pdf = render_certificates_pdf(items)
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(pdf) == 4
    for width, height in media_boxes(pdf):
        assert (round(width), round(height)) == (842, 595)
    # every page carries its own QR code
    source = certificates_source(items)
    assert all(qr_svg(item.verification_url) in source for item in items)


def test_a5_pages():
    pdf = render_certificates_pdf([certificate(0), certificate(1)], page="A5")
    assert pdf_pages(pdf) == 2
    assert {(round(w), round(h)) for w, h in media_boxes(pdf)} == {(595, 420)}


def test_certificate_text():
    items = [certificate(0), certificate(3, classification="", class_name="")]
    text = pdf_text(render_certificates_pdf(items))
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY XÃ YÊN SƠN",
        "Chứng nhận đồng chí: Nguyễn Thị Hường",
        "Chứng nhận đồng chí: Lê Văn *Tám* #1 [A] <b> @c $d$",
        "Sinh ngày: 12/03/1990",
        "Đã hoàn thành chương trình: Lý luận chính trị dành cho đảng viên mới",
        "Lớp: Lớp đảng viên mới khóa 3 (ĐVM-2026-03)",
        "Lớp: ĐVM-2026-03 Thời gian",
        "từ ngày 16/11/2026 đến ngày 22/11/2026",
        "Xếp loại: Khá",
        "Xếp loại: Đạt",
        "Số: 1/GCN-TTCT",
        "Số: 4/GCN-TTCT",
        "Yên Sơn, ngày 24 tháng 11 năm 2026",
        "https://ttct.tuyenquang.gov.vn/xac-minh/K7Q2M0000003",
    ):
        assert expected in text


def test_rejects_an_empty_batch_and_unknown_paper():
    with pytest.raises(ValueError):
        render_certificates_pdf([])
    with pytest.raises(ValueError, match="A3"):
        render_certificates_pdf([certificate()], page="A3")  # type: ignore[arg-type]


def test_zip_holds_one_single_page_pdf_per_certificate():
    items = [certificate(0), certificate(1), certificate(2, number="2/GCN-TTCT")]
    with zipfile.ZipFile(io.BytesIO(render_certificate_zip(items))) as archive:
        names = archive.namelist()
        assert names == ["1_GCN-TTCT.pdf", "2_GCN-TTCT.pdf", "2_GCN-TTCT-2.pdf"]
        for name in names:
            assert pdf_pages(archive.read(name)) == 1
        assert "Trịnh Thị Ngọc Ẩn" in pdf_text(archive.read("2_GCN-TTCT-2.pdf"))


def test_certificate_filenames_are_portable():
    assert certificate_filename("125/GCN-TTCT") == "125_GCN-TTCT.pdf"
    assert certificate_filename("../../etc/passwd") == "etc_passwd.pdf"
    assert certificate_filename(" / ") == "giay-chung-nhan.pdf"


def register(count: int = 3) -> list[RegisterEntry]:
    entries = [
        RegisterEntry(
            number=f"{i + 1}/GCN-TTCT",
            learner_name=NAMES[i % len(NAMES)],
            date_of_birth=dt.date(1990, 3, 12),
            class_label="ĐVM-2026-03 – Lý luận chính trị dành cho đảng viên mới",
            classification="Khá",
            issue_date=dt.date(2026, 11, 24),
        )
        for i in range(count)
    ]
    entries.append(
        RegisterEntry(
            number=f"{count + 1}/GCN-TTCT",
            learner_name="Hoàng Thị Ỷ",
            date_of_birth=None,
            class_label="ĐVM-2026-03",
            classification="Giỏi",
            issue_date=dt.date(2026, 11, 24),
            revoked_on=dt.date(2026, 12, 1),
            revocation_reason="Sai ngày sinh",
            replaced_by=f"{count + 2}/GCN-TTCT",
        )
    )
    entries.append(
        RegisterEntry(
            number=f"{count + 2}/GCN-TTCT",
            learner_name="Hoàng Thị Ỷ",
            date_of_birth=dt.date(1991, 1, 5),
            class_label="ĐVM-2026-03",
            classification="Giỏi",
            issue_date=dt.date(2026, 12, 2),
            replaces=f"{count + 1}/GCN-TTCT",
            receiver="Nguyễn Văn Bình (nhận thay)",
            note="Đã gửi qua bưu điện",
        )
    )
    return entries


HEADING = RegisterHeading(centre_name="TRUNG TÂM CHÍNH TRỊ", host_line="ĐẢNG ỦY XÃ YÊN SƠN", year=2026,
                          place="Yên Sơn", signer_name="Đỗ Minh Trí", closed_on=dt.date(2026, 11, 24))


def test_register_notes_show_revocation_and_reissue():
    revoked, reissued = register(0)
    assert revoked.notes == "Đã thu hồi ngày 01/12/2026: Sai ngày sinh; Đã cấp lại bằng GCN số 2/GCN-TTCT"
    assert reissued.notes == "Cấp lại thay GCN số 1/GCN-TTCT; Đã gửi qua bưu điện"


def test_register_book_pdf():
    entries = [replace(e, decision="15-QĐ/TTCT, 20/03/2026", distinguishing="Chi bộ thôn Đồng Cướm",
                       national_id="008190001234") for e in register(3)]
    pdf = render_register_book_pdf(entries, heading=HEADING)
    assert all(w > h for w, h in media_boxes(pdf))
    text = pdf_text(pdf)
    for expected in ("SỔ CẤP GIẤY CHỨNG NHẬN", "Năm 2026", "Người nhận ký", "Trịnh Thị Ngọc Ẩn", "Sai ngày sinh",
                     "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ YÊN SƠN", "Quyết định", "15-QĐ/TTCT",
                     "Chi bộ thôn Đồng Cướm", "008190001234", "12/03/1990"):
        assert expected in text, expected
    pages = pdf_pages(pdf)
    closing = " ".join(pdf_text(pdf).split())
    assert f"Sổ này ghi 5 giấy chứng nhận, từ số hiệu 1/GCN-TTCT đến số hiệu 5/GCN-TTCT; sổ gồm {pages} trang" in closing
    assert "Yên Sơn, ngày 24 tháng 11 năm 2026" in closing and "Đỗ Minh Trí" in closing
    assert pdf_pages(render_register_book_pdf(register(120), heading=HEADING)) >= 4


def test_register_book_without_personal_data():
    entries = [replace(e, national_id="008190001234") for e in register(3)]
    pdf = render_register_book_pdf(entries, heading=HEADING, personal_data=False)
    text = pdf_text(pdf)
    assert "12/03/1990" not in text and "Ngày sinh" not in text and "008190001234" not in text
    assert "Số CCCD" not in text and "Đơn vị công tác" in text
    book = openpyxl.load_workbook(io.BytesIO(render_register_book_xlsx(entries, heading=HEADING, personal_data=False)))
    values = [v for row in book.active.iter_rows(values_only=True) for v in row if v is not None]
    assert "Ngày sinh" not in values and "Số CCCD" not in values
    assert dt.datetime(1990, 3, 12) not in values and "008190001234" not in values


def test_register_book_xlsx():
    book = openpyxl.load_workbook(io.BytesIO(render_register_book_xlsx(register(3), heading=HEADING)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ĐẢNG ỦY XÃ YÊN SƠN" and "ĐẢNG CỘNG SẢN VIỆT NAM" in rows[0]
    assert rows[1][0] == "TRUNG TÂM CHÍNH TRỊ" and rows[2][0] == "*"
    assert rows[4][0] == "SỔ CẤP GIẤY CHỨNG NHẬN"
    assert rows[6] == (
        "STT", "Số hiệu", "Họ và tên", "Ngày sinh", "Số CCCD", "Đơn vị công tác / Nơi sinh", "Lớp / Chương trình",
        "Quyết định công nhận", "Xếp loại", "Ngày cấp", "Người nhận ký", "Ghi chú",
    )
    data = rows[7:12]
    assert data[0][:4] == (1, "1/GCN-TTCT", "Nguyễn Thị Hường", dt.datetime(1990, 3, 12))
    assert data[3][3] is None  # unknown date of birth stays empty
    assert data[3][11].startswith("Đã thu hồi ngày 01/12/2026")
    assert data[4][10] == "Nguyễn Văn Bình (nhận thay)"
    assert sheet["D8"].number_format == "DD/MM/YYYY"
    tail = [v for row in rows[12:] for v in row if v is not None]
    assert tail[0].startswith("Sổ này ghi 5 giấy chứng nhận, từ số hiệu 1/GCN-TTCT đến số hiệu 5/GCN-TTCT")
    assert "GIÁM ĐỐC" in tail and "Đỗ Minh Trí" in tail
    assert sheet.print_title_rows == "$7:$7" and sheet.page_setup.fitToWidth == 1
    assert "&P" in sheet.oddFooter.center.text
    assert {"A1:F1", "G1:L1", "A5:L5"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.page_setup.orientation == "landscape"


def _word_boxes(pdf: bytes, tmp_path) -> list[tuple[str, float, float]]:
    """(word, yMin, yMax) of every word on the first page, from pdftotext's bounding boxes."""
    source = tmp_path / "c.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(source), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(word, float(y_min), float(y_max))
            for y_min, y_max, word in re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)</word>', html)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_long_values_shrink_to_stay_clear_of_the_signature(tmp_path):
    long_programme = " ".join(["Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4"] * 6)
    item = certificate(0, programme_name=long_programme, class_name="Lớp " + "bồi dưỡng cán bộ cơ sở " * 8)
    pdf = render_certificates_pdf([item])
    assert pdf_pages(pdf) == 1
    boxes = _word_boxes(pdf, tmp_path)
    grade_bottom = max(y_max for word, _y, y_max in boxes if word == "Khá")
    signature_top = min(y_min for word, y_min, _y in boxes if word == "Yên")  # "Yên Sơn, ngày …"
    assert grade_bottom < signature_top
    assert "Xếp loại: Khá" in pdf_text(pdf)


def _fits(item: CertificateData) -> bool:
    source = certificates_source([item])
    assert source.count("fits: ") == 1
    return "fits: true" in source


def test_details_are_measured_only_when_a_line_could_wrap():
    assert _fits(certificate(0))
    assert not _fits(certificate(0, programme_name=" ".join(["Bồi dưỡng kiến thức quốc phòng"] * 3)))
    assert not _fits(certificate(0, learner_name="Nguyễn Thị Hường " * 3))
    assert not _fits(certificate(0, class_name="Lớp " + "bồi dưỡng cán bộ cơ sở " * 3))
    assert not _fits(certificate(0, learner_name="Nguyễn 李"))  # a glyph from a fallback font: no bound


def test_the_labels_and_sizes_measured_are_the_templates():
    template = (rendering.TEMPLATE_DIR / "certificate.typ").read_text(encoding="utf-8")
    fields = dict.fromkeys(("name", "programme", "klass", "start", "end", "grade", "dob"), "|")
    lines = rendering._details_lines(fields)
    assert len(lines) == 6
    for line in lines:
        for text, _size, _bold in line:
            for label in text.split("|"):  # the values are "|", the rest is wording of the template
                assert label.strip() in template
    assert "210mm * k, details(c, k, 1)" in template
    assert f"size: {rendering.DETAILS_SIZE_PT:g}pt * k * s" in template
    assert f"size: {rendering.NAME_SIZE_PT:g}pt * k * s" in template


def _longest_fitting(make, words):
    """The certificate from `make` with the most of `words` that still counts as fitting unbroken."""
    fitting = None
    for count in range(1, len(words) + 1):
        item = make(" ".join(words[:count]))
        if not _fits(item):
            break
        fitting = item
    assert fitting is not None and not _fits(make(" ".join(words)))
    return fitting


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("field", ["programme_name", "learner_name", "class_name"])
def test_a_page_laid_out_once_matches_the_measured_layout_at_the_limit(tmp_path, field):
    """At the longest values counted as fitting, skipping the measuring changes nothing on the page."""
    words = "Ưng Thị Mỹ Hường Nguyễn Đặng Quốc Việt Trịnh Ngọc Ẩn Hoàng Văn Ỷ Bùi Thu Hà".split() * 3
    item = _longest_fitting(lambda value: certificate(0, **{field: value}), words)
    source = certificates_source([item])
    from core.documents.engine import compile_pdf

    once = _word_boxes(compile_pdf(source), tmp_path)
    measured = _word_boxes(compile_pdf(source.replace("fits: true", "fits: false")), tmp_path)
    assert once == measured
