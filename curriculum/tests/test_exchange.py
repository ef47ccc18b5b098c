"""Export to JSON and Excel and import back: identical after re-import; bad files write nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from curriculum.exchange import excel, jsonfile
from curriculum.exchange.common import export_version
from curriculum.exchange.importer import import_version, parse_file
from curriculum.models import Programme, ProgrammeVersion, TopicMapping

pytestmark = pytest.mark.django_db


def _forget(code):
    """Remove a programme as if the file went to another installation."""
    programme = Programme.objects.get(code=code)
    TopicMapping.objects.filter(centre_topic__version__programme=programme).delete()
    TopicMapping.objects.filter(school_module__version__programme=programme).delete()
    ProgrammeVersion.objects.filter(programme=programme).delete()
    programme.delete()


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_round_trip_is_identical(world, catalogue, kind):
    version = catalogue["TCLLCT-HC"].versions.get()
    before = export_version(version)
    raw = jsonfile.dumps(version).encode() if kind == "json" else excel.dumps(version)
    _forget("TCLLCT-HC")
    parsed = parse_file(f"file.{kind}", raw)
    assert not isinstance(parsed, list), parsed
    imported = import_version(actor=world.admin, parsed=parsed)
    assert imported.status == "draft"
    assert export_version(imported) == before
    assert before["prerequisites"][0]["programme_code"] == "SCLLCT"


def test_bad_rows_are_reported_and_nothing_is_written(world, catalogue):
    data = json.loads(jsonfile.dumps(catalogue["DVM"].versions.get()))
    data["programme"]["code"] = "DVM-COPY"
    data["topics"][2]["lecture_periods"] = "bốn"
    data["grade_bands"][1]["min_score"] = "7.5"
    data["assessment_components"][0]["weight"] = "90"
    parsed = jsonfile.parse(json.dumps(data))
    with pytest.raises(ValidationError) as exc:
        import_version(actor=world.admin, parsed=parsed)
    text = " | ".join(exc.value.messages)
    assert "Chuyên đề, mục 3" in text and "lecture_periods" in text
    assert not Programme.objects.filter(code="DVM-COPY").exists()


def test_rule_errors_name_the_excel_row(world, catalogue):
    raw = excel.dumps(catalogue["NTVD"].versions.get())
    book = load_workbook(io.BytesIO(raw))
    book["Chương trình"]["B2"] = "NTVD-2"  # programme.code
    # Row 3 is "giỏi" (8,0–9,0); widened to 7,5–9,5 it overlaps "khá" and "xuất sắc".
    book["Xếp loại"]["B3"] = 7.5
    book["Xếp loại"]["C3"] = 9.5
    out = io.BytesIO()
    book.save(out)
    parsed = excel.parse(out.getvalue())
    with pytest.raises(ValidationError) as exc:
        import_version(actor=world.admin, parsed=parsed)
    assert any("chồng lấn" in m for m in exc.value.messages)
    assert not Programme.objects.filter(code="NTVD-2").exists()


def test_wrong_columns_are_refused(world, catalogue):
    raw = excel.dumps(catalogue["NTVD"].versions.get())
    book = load_workbook(io.BytesIO(raw))
    book["Chuyên đề"]["E1"] = "Số tiết"
    book["Chuyên đề"]["B4"] = None
    out = io.BytesIO()
    book.save(out)
    parsed = excel.parse(out.getvalue())
    text = " | ".join(parsed.errors)
    assert "Trang “Chuyên đề”, dòng 1: sai cột" in text and "Số tiết lý thuyết" in text
    with pytest.raises(ValidationError):
        import_version(actor=world.admin, parsed=parsed)


def test_json_with_wrong_fields_is_refused(world, catalogue):
    data = json.loads(jsonfile.dumps(catalogue["NTVD"].versions.get()))
    data["topics"][0]["periods"] = data["topics"][0].pop("lecture_periods")
    parsed = jsonfile.parse(json.dumps(data))
    assert any("Chuyên đề, mục 1" in e and "lecture_periods" in e for e in parsed.errors)


def test_import_needs_the_right_to_the_catalogue(world, catalogue):
    raw = jsonfile.dumps(catalogue["NTVD"].versions.get())
    with pytest.raises(ValidationError):
        import_version(actor=world.officer_a, parsed=jsonfile.parse(raw))  # national programme
    assert catalogue["NTVD"].versions.count() == 1
    data = json.loads(raw)
    data["programme"]["code"] = "NTVD-A"
    version = import_version(actor=world.officer_a, parsed=jsonfile.parse(json.dumps(data)),
                             owner_centre=world.centre_a)
    assert version.programme.owner_centre == world.centre_a
