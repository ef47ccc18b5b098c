"""The report as Word, PDF and Excel: the numbers in the files are the snapshot's."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from reports import services
from reports.documents import centre_file, number_text, province_file
from reports.rollup import build_rollup
from reports.tests.builders import build, quarterly, written

pytestmark = pytest.mark.django_db


def _submitted(world):
    build(world)
    report = services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=quarterly(), year=2026,
                                      number=1)
    return services.submit_report(actor=world.director_a, report=written(report, world.officer_a))


def _docx_tables(content: bytes) -> list[list[list[str]]]:
    doc = Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]


def test_word_numbers_equal_the_snapshot(world):
    report = _submitted(world)
    content, name, _type = centre_file(report, "docx")
    assert name.endswith(".docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "BÁO CÁO" in text and "quý I năm 2026" in text
    assert "Hoàn thành tốt kế hoạch quý." in text
    tables = _docx_tables(content)
    header_cells = " ".join(c for row in tables[0] for c in row)
    assert "Số 01-BC/TTCT" in header_cells and "ĐẢNG CỘNG SẢN VIỆT NAM" in header_cells
    data_tables = [t for t in tables if t[0][0] == "TT"]
    assert len(data_tables) == len(report.snapshot["tables"])
    for table, snap in zip(data_tables, report.snapshot["tables"], strict=True):
        assert table[0][2:] == [c["label"] for c in snap["columns"]]
        body = {row[1]: row[2:] for row in table[1:]}
        for row in snap["rows"]:
            assert body[row["label"]] == [number_text(row["cells"].get(c["key"])) for c in snap["columns"]]
        assert body["Tổng cộng"] == [number_text(snap["total"].get(c["key"])) for c in snap["columns"]]


def test_pdf_and_excel(world):
    report = _submitted(world)
    pdf, _name, content_type = centre_file(report, "pdf")
    assert pdf.startswith(b"%PDF") and content_type == "application/pdf"
    xlsx, _name, _type = centre_file(report, "xlsx")
    book = load_workbook(io.BytesIO(xlsx))
    assert len(book.sheetnames) == 1 + len(report.snapshot["tables"]) + 1  # info, one per table, texts
    plan = book[book.sheetnames[1]]
    rows = list(plan.iter_rows(values_only=True))
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2:] == tuple(
        report.snapshot["tables"][0]["total"][c["key"]] for c in report.snapshot["tables"][0]["columns"])


def test_province_report_from_the_rollup(world):
    _submitted(world)
    rollup = build_rollup(province=world.province, kind=quarterly(), year=2026, number=1)
    content, _name, _type = province_file(rollup, "docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "BÁO CÁO" in text and "1/2 trung tâm" in text
    pdf, _name, _type = province_file(rollup, "pdf")
    assert pdf.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(province_file(rollup, "xlsx")[0]))
    assert len(book.sheetnames) == 1 + 2 * len(rollup.tables)
