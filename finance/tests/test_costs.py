"""Class cost estimates and settlements against hand-computed figures; rules per province and date."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import load_workbook

from core.models import AuditEvent
from finance import services
from finance.documents import cost_document_file, cost_workbook
from finance.models import CostLine, CostRule, CostSheet
from finance.rules import rates_on
from finance.tests.builders import START, costed_class
from tests import factories as f
from training.models import Klass

pytestmark = pytest.mark.django_db
D = Decimal


def _amounts(sheet):
    return {line.label: line.amount for line in sheet.lines.all()}


def test_default_rules_are_tt40_dated_data(world):
    rates = rates_on(world.province.pk, START)
    assert rates["meal"] == D(100_000) and rates["materials"] == D(50_000)
    assert CostRule.objects.get(item="meal", province__isnull=True).basis.startswith("Thông tư 40/2017/TT-BTC")
    assert rates_on(world.province.pk, dt.date(2017, 6, 30))["meal"] == D(0)  # before the circular


def test_a_province_rule_in_force_comes_before_the_default(world):
    CostRule.objects.create(province=world.province, item="meal", amount=D(150_000), valid_from=dt.date(2026, 1, 1))
    CostRule.objects.create(province=world.province, item="travel", amount=D(80_000),
                            valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 12, 31))
    here = rates_on(world.province.pk, START)
    assert (here["meal"], here["travel"]) == (D(150_000), D(50_000))  # the expired travel rule no longer applies
    assert rates_on(world.other_province.pk, START)["meal"] == D(100_000)
    assert rates_on(world.province.pk, dt.date(2025, 12, 31))["meal"] == D(100_000)


def test_estimate_from_the_timetable_matches_the_hand_computed_figures(world):
    k = costed_class(world.centre_a, learners=3, withdrawn=1)
    sheet = services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    assert (sheet.learners, sheet.days) == (3, 3)
    # lecturer fees from the province's fee table: 3 sessions × 400.000 (part-time) and 1 × 800.000 (guest),
    # none for the centre's full-time lecturer; materials 3 × 50.000; meal and travel 3 learners × 3 days;
    # venue off site 3 days × 1.500.000; ceremonies 1.000.000 each; certificates 3 × 10.000.
    assert _amounts(sheet) == {
        "Thù lao giảng viên: Nguyễn Văn An": D(1_200_000), "Thù lao giảng viên: Trần Văn Bình": D(800_000),
        "Tài liệu học tập": D(150_000), "Hỗ trợ tiền ăn học viên": D(900_000),
        "Hỗ trợ tiền đi lại học viên": D(450_000), "Thuê hội trường, địa điểm": D(4_500_000),
        "Khai giảng": D(1_000_000), "Bế giảng": D(1_000_000), "In giấy chứng nhận": D(30_000),
    }
    assert sum(_amounts(sheet).values()) == D(10_030_000)
    assert not sheet.lines.filter(label__contains="Lê Văn Cơ").exists()
    assert AuditEvent.objects.for_object(sheet).filter(action="create").exists()


def test_an_estimate_without_learners_or_timetable_uses_capacity_and_weekdays(world):
    k = costed_class(world.centre_a, learners=0, off_site="")
    k.sessions.all().delete()
    sheet = services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    assert (sheet.learners, sheet.days) == (40, 5)
    assert not sheet.lines.filter(item__in=["venue", "lecturer"]).exists()  # in the centre's own hall
    assert sheet.lines.get(item="meal").amount == D(40 * 5 * 100_000)


def test_settlement_needs_a_closed_class_then_counts_what_was_held(world):
    k = costed_class(world.centre_a, learners=3)
    services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    with pytest.raises(ValidationError) as error:
        services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.SETTLEMENT)
    assert "chưa kết thúc" in error.value.messages[0]
    assert not CostSheet.objects.filter(kind="settlement").exists()
    held = k.sessions.order_by("date", "id")[:3]
    k.sessions.filter(pk__in=[s.pk for s in held]).update(attendance_taken=True)
    k.enrolments.filter(pk=k.enrolments.first().pk).update(status="withdrawn")
    Klass.objects.filter(pk=k.pk).update(status=Klass.Status.CLOSED)
    k.refresh_from_db()
    sheet = services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.SETTLEMENT)
    assert (sheet.learners, sheet.days) == (2, 2)
    amounts = _amounts(sheet)
    assert amounts["Thù lao giảng viên: Nguyễn Văn An"] == D(800_000)  # two of its three sessions held
    assert amounts["Thù lao giảng viên: Trần Văn Bình"] == D(800_000)
    assert amounts["Hỗ trợ tiền ăn học viên"] == D(400_000)
    assert sum(amounts.values()) == D(7_320_000)


def test_lines_are_edited_one_by_one_without_drift_and_negative_values_refused(world):
    k = costed_class(world.centre_a)
    sheet = services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    lines = list(sheet.lines.all())
    lines[2].quantity, lines[2].rate = D("2.5"), D(33_333)  # 83.332,5 → 83.333
    extra = [CostLine(sheet=sheet, item="other", label=f"Nước uống {n}", quantity=D("0.1"), unit="thùng",
                      rate=D(10), order=200 + n) for n in range(10)]
    services.save_cost_lines(actor=world.officer_a, sheet=sheet, lines=lines + extra, deleted=[lines[-1]])
    stored = list(sheet.lines.all())
    assert sheet.lines.get(label="Tài liệu học tập").amount == D(83_333)
    assert all(line.amount == 1 for line in stored if line.item == "other")  # 0,1 × 10 đồng, ten times
    assert sum(0.1 for _ in range(10)) != 1  # what floats would have said of ten tenths
    assert sum(line.amount for line in stored) == D(10_030_000) - D(150_000) + D(83_333) - D(30_000) + D(10)
    bad = sheet.lines.first()
    bad.quantity = D(-1)
    with pytest.raises(ValidationError) as error:
        services.save_cost_lines(actor=world.officer_a, sheet=sheet, lines=[bad])
    assert "không được âm" in error.value.messages[0]
    assert sheet.lines.first().quantity >= 0
    with pytest.raises(PermissionDenied):
        services.save_cost_lines(actor=world.officer_b, sheet=sheet, lines=[])


def test_excel_word_and_pdf_carry_the_total_and_the_total_in_words(world):
    f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a, position="director")
    k = costed_class(world.centre_a)
    sheet = services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    lines = list(sheet.lines.all())
    book = load_workbook(io.BytesIO(cost_workbook(sheet, lines)))
    rows = list(book.active.iter_rows(values_only=True))
    total_row = next(r for r in rows if r[1] == "Tổng cộng")
    assert total_row[5] == 10_030_000
    assert rows[-1][1] == "Bằng chữ: Mười triệu không trăm ba mươi nghìn đồng"
    word, name, _type = cost_document_file(sheet, lines, "docx")
    document = Document(io.BytesIO(word))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert name == f"du-toan-{k.code}.docx"
    assert "Kinh phí tổ chức lớp đảng viên mới" in text and "Lớp đảng viên mới" in text
    assert "DỰ TOÁN" in text and "10.030.000 đồng (Bằng chữ: Mười triệu không trăm ba mươi nghìn đồng)" in text
    assert world.person_a.full_name in text
    pdf, _name, content_type = cost_document_file(sheet, lines, "pdf")
    assert pdf.startswith(b"%PDF") and content_type == "application/pdf"
