"""The payment sheet of a class: totals, amount in words, Excel/Word/PDF read back, final and reopened."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from core.models import AuditEvent
from lecturers.models import FeeTable, PaymentSheet
from lecturers.services import pay as services
from lecturers.tests.builders import fee_table, guest, make_class, teach
from tests import factories as f


@pytest.fixture
def klass(world):
    k = make_class(world.centre_a, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 20))
    fee_table(world.province)
    teach(k, guest(world.centre_a, family_name="Đỗ", middle_name="Minh", given_name="Khách"), 2)  # 2 × 1.200.000
    teach(k, f.LecturerFactory(centre=world.centre_b, person__given_name="Bạn"), 1, periods=5)  # 600.000 × 5/4
    teach(k, f.LecturerFactory(centre=world.centre_a, person__given_name="Nhà"), 3)  # own staff: 0
    return k


TOTAL = Decimal(2_400_000 + 750_000)
WORDS = "Ba triệu một trăm năm mươi nghìn đồng"


def _texts(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.django_db
def test_page_shows_totals_and_words(client, world, klass):
    client.force_login(world.officer_a)
    page = client.get(reverse("lecturers:class_payment", args=[klass.pk])).content.decode()
    assert "3.150.000 đ" in page and WORDS in page
    assert "Đỗ Minh Khách" in page


@pytest.mark.django_db
def test_excel_word_and_pdf_read_back(client, world, klass):
    client.force_login(world.officer_a)
    xlsx = client.get(reverse("lecturers:class_payment_file", args=[klass.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == "BẢNG THANH TOÁN THÙ LAO GIẢNG VIÊN"
    assert values[4] == ("STT", "Họ và tên", "Cấp", "Số buổi", "Số tiết", "Mức/buổi (đ)", "Thành tiền (đ)", "Ký nhận")
    body = {row[1]: row for row in values[5:9]}
    assert body["Đỗ Minh Khách"][3:7] == (2, 8, 1_200_000, 2_400_000)
    assert body["Tổng cộng"][6] == 3_150_000
    assert any(row[0] == f"Bằng chữ: {WORDS}." for row in values)

    docx = client.get(reverse("lecturers:class_payment_file", args=[klass.pk, "docx"]))
    text = _texts(docx.content)
    assert "BẢNG THANH TOÁN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert f"Bằng chữ: {WORDS}" in text and "3.150.000" in text and "Ký nhận" in text

    pdf = client.get(reverse("lecturers:class_payment_file", args=[klass.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_final_sheet_keeps_its_figures_and_is_audited(client, world, klass):
    sheet = services.finalise_payment_sheet(actor=world.officer_a, klass=klass, number="05-BTT/TTCT")
    assert sheet.total == TOTAL and sheet.lines.count() == 3
    teach(klass, guest(world.centre_a, given_name="Muộn"), 1)
    client.force_login(world.director_a)
    page = client.get(reverse("lecturers:class_payment", args=[klass.pk])).content.decode()
    table = page[page.index('id="payment-sheet"'):page.index("</table>", page.index('id="payment-sheet"'))]
    assert "3.150.000 đ" in table and "Muộn" not in table
    with pytest.raises(ValidationError):
        services.finalise_payment_sheet(actor=world.officer_a, klass=klass)
    with pytest.raises(ValidationError):
        services.reopen_payment_sheet(actor=world.officer_a, sheet=sheet, reason=" ")
    services.reopen_payment_sheet(actor=world.officer_a, sheet=sheet, reason="Thiếu một buổi")
    again = services.finalise_payment_sheet(actor=world.officer_a, klass=klass)
    assert again.total == TOTAL + Decimal(1_200_000)
    actions = list(AuditEvent.objects.filter(object_type="lecturers.paymentsheet").values_list("action", flat=True))
    assert sorted(actions) == ["approve", "approve", "correct"]


@pytest.mark.django_db
def test_viewer_cannot_make_final(client, world, klass):
    client.force_login(world.viewer_a)
    response = client.post(reverse("lecturers:class_payment_finalise", args=[klass.pk]))
    assert response.status_code == 403
    assert not PaymentSheet.objects.exists()


@pytest.mark.django_db
def test_nothing_to_pay_is_refused(world):
    empty = make_class(world.centre_a)
    with pytest.raises(ValidationError):
        services.finalise_payment_sheet(actor=world.officer_a, klass=empty)
    assert not PaymentSheet.objects.exists()


def _table(province, **kw):
    values = dict(province=province, name="Bảng mới", valid_from=dt.date(2026, 1, 1), periods_per_session=4)
    values.update(kw)
    return FeeTable(**values)


RATES = [("central", "", Decimal(2_000_000)), ("provincial", "", Decimal(1_000_000)), ("centre", "", Decimal(500_000))]


@pytest.mark.django_db
def test_fee_table_bad_input_writes_nothing(world):
    count = FeeTable.objects.count()
    with pytest.raises(ValidationError) as missing:
        services.save_fee_table(actor=world.supervisor, table=_table(world.province), rates=RATES[:2])
    assert "centre" in missing.value.message_dict
    fee_table(world.province, valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as overlap:
        services.save_fee_table(actor=world.supervisor, table=_table(world.province), rates=RATES)
    assert "valid_from" in overlap.value.message_dict
    with pytest.raises(ValidationError) as negative:
        services.save_fee_table(actor=world.admin, table=_table(world.other_province),
                                rates=[*RATES[:2], ("centre", "", Decimal(-1))])
    assert "centre" in negative.value.message_dict
    assert FeeTable.objects.count() == count + 1


@pytest.mark.django_db
def test_fee_table_saved_and_audited_through_the_page(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("lecturers:fee_table_create"), {
        "province": world.province.pk, "name": "QĐ 25/2026 tỉnh Tuyên Quang", "valid_from": "01/01/2026",
        "valid_to": "", "periods_per_session": 5, "decision": "25/2026/QĐ-UBND", "central": "2.000.000",
        "provincial": "1.500.000", "centre": "800.000", "titles": "provincial; Phó giáo sư; 1.800.000",
    })
    assert response.status_code == 302
    table = FeeTable.objects.get(name="QĐ 25/2026 tỉnh Tuyên Quang")
    assert {(r.rank, r.title, r.amount) for r in table.rates.all()} == {
        ("central", "", 2_000_000), ("provincial", "", 1_500_000), ("centre", "", 800_000),
        ("provincial", "Phó giáo sư", 1_800_000)}
    event = AuditEvent.objects.get(object_type="lecturers.feetable", object_id=str(table.pk))
    assert event.action == "create" and len(event.after["rates"]) == 4
    bad = client.post(reverse("lecturers:fee_table_create"), {
        "province": world.province.pk, "name": "Thiếu", "valid_from": "01/01/2030", "periods_per_session": 4,
        "central": "2.000.000", "provincial": "1.000.000", "centre": ""})
    assert bad.status_code == 200 and not FeeTable.objects.filter(name="Thiếu").exists()
