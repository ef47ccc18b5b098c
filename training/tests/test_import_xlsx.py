"""The import's workbook reader gives every sheet's rows exactly as openpyxl's read-only mode does."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from bench import hostile_workbooks as H
from training.nominations import sample_workbooks as W
from training.nominations.importers import build_template
from training.nominations.importers.xlsx import UnsafeXml, Workbook


def _openpyxl_rows(data: bytes) -> list[tuple[str, str, list[tuple]]]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        found = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            found.append((sheet.title, sheet.sheet_state, [tuple(r) for r in sheet.iter_rows(values_only=True)]))
        return found
    finally:
        book.close()


def _our_rows(data: bytes) -> list[tuple[str, str, list[tuple]]]:
    book = Workbook(io.BytesIO(data))
    try:
        return [(s.title, s.state, list(book.rows(s))) for s in book.sheets]
    finally:
        book.close()


def _rewrite(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == part else content)
    return buffer.getvalue()


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.DOTALL)
_TYPES = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
          b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _shared(data: bytes) -> bytes:
    """The workbook as Excel saves it: every text in one shared strings part (openpyxl writes them inline),
    with a phonetic run and an escaped underscore among them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    strings: list[bytes] = [b"<r><t>Ph</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh><r><t>an</t></r>",
                            b"<t>a_x005F_x0041_b</t>"]

    def share(match) -> bytes:
        strings.append(match.group(3))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), len(strings) - 1)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        sheets = [i for i in source.infolist() if i.filename.startswith("xl/worksheets/sheet")]
        for item in source.infolist():
            content = source.read(item.filename)
            if item in sheets:
                content = _INLINE.sub(share, content)
                if item is sheets[0]:
                    content = content.replace(b"</sheetData>", b'<row r="1000"><c r="A1000" t="s"><v>0</v></c>'
                                              b'<c r="B1000" t="s"><v>1</v></c></row></sheetData>')
            elif item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", _TYPES)
            target.writestr(item, content)
        target.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main">' + b"".join(b"<si>%s</si>" % s for s in strings) + b"</sst>")
    return buffer.getvalue()


def _every_kind_of_cell(*, epoch=None) -> bytes:
    book = OpenpyxlWorkbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "Cells"
    sheet.append(["Họ và tên", "Ngày sinh", 12, 3.5, True, False, "=1+1", None, "  spaced  ", "x005F_y"])
    sheet.append([dt.date(1990, 5, 17), dt.datetime(2001, 2, 3, 4, 5, 6), dt.time(7, 30), dt.timedelta(hours=30)])
    sheet["A3"] = CellRichText(["Trần ", TextBlock(InlineFont(b=True), "Thị"), " Mai"])
    sheet["C5"] = "after a missing row"
    sheet["E5"] = 1e20
    sheet["B6"] = "line\nbreak"
    sheet["A7"] = 0.25
    sheet["A7"].number_format = "hh:mm"
    sheet["B7"] = 59
    sheet["B7"].number_format = "dd/mm/yyyy"
    sheet["C7"] = 61
    sheet["C7"].number_format = "dd/mm/yyyy"
    sheet["D7"] = 2_958_466  # past 9999-12-31
    sheet["D7"].number_format = "dd/mm/yyyy"
    hidden = book.create_sheet("Hidden")
    hidden["A1"] = "not shown"
    hidden.sheet_state = "hidden"
    charts = book.create_chartsheet("Chart")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=1))
    charts.add_chart(chart)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _odd_sheet_xml(data: bytes) -> bytes:
    """Rows and cells without their r attribute, cells out of order, a repeated row number, inline
    strings with runs, ISO dates, error cells and a row number written as a float."""
    body = (
        b'<row><c t="inlineStr"><is><t>no refs</t></is></c><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r>'
        b'<rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c></row>'
        b'<row r="4"><c r="C4"><v>3</v></c><c r="A4"><v>1</v></c><c><v>2</v></c></row>'
        b'<row r="4"><c r="A4" t="str"><v>repeated</v></c></row>'
        b'<row r="6.0"><c r="B6" t="d"><v>2024-02-29T10:00:00</v></c><c r="C6" t="e"><v>#N/A</v></c>'
        b'<c r="D6" t="str"><v>formula text</v></c><c r="E6" t="b"><v>1</v></c><c r="F6"><v></v></c></row>'
        b'<row r="8"/>'
        b'<row r="9"><c r="B9" t="inlineStr"/></row>'
    )
    return re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", b"<sheetData>" + body + b"</sheetData>", data,
                  flags=re.DOTALL)


SAMPLES = {
    "party_list": W.party_list,
    "office_list": W.office_list,
    "front_list": W.front_list,
    "template": build_template,
    "template_filled": lambda: W.template_filled([["1", "Nguyễn Văn An", dt.date(1990, 1, 2), "Nam", W.AN_ID]]),
    "large_list": lambda: W.large_list(300),
    "wrong_dimension": lambda: W.with_wrong_dimension(W.party_list()),
    "every_kind_of_cell": _every_kind_of_cell,
    "calendar_1904": lambda: _every_kind_of_cell(epoch=CALENDAR_MAC_1904),
    "odd_sheet": lambda: _rewrite(W.party_list(), "xl/worksheets/sheet1.xml", _odd_sheet_xml),
    "many_rows": lambda: H.many_rows(2000),
}
SAMPLES |= {f"{name}_shared_strings": functools.partial(lambda build: _shared(build()), SAMPLES[name])
            for name in ("party_list", "office_list", "front_list", "large_list", "every_kind_of_cell")}


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("name", SAMPLES)
def test_rows_are_those_openpyxl_reads(name):
    data = SAMPLES[name]()
    assert _our_rows(data) == _openpyxl_rows(data)


@pytest.mark.parametrize("where", [b"<sheetData>", b"</worksheet>"])
def test_a_sheet_declaring_a_dtd_anywhere_is_not_parsed(where):
    data = _rewrite(W.party_list(), "xl/worksheets/sheet1.xml",
                    lambda xml: xml.replace(where, b'<!DOCTYPE x [<!ENTITY a "b">]>' + where, 1))
    book = Workbook(io.BytesIO(data))
    try:
        with pytest.raises(UnsafeXml):
            list(book.rows(book.sheets[0]))
    finally:
        book.close()


def test_shared_strings_declaring_an_entity_are_not_parsed():
    data = _rewrite(_shared(W.party_list()), "xl/sharedStrings.xml", lambda xml: xml + b'<!ENTITY a "b">')
    with pytest.raises(UnsafeXml):
        Workbook(io.BytesIO(data))
