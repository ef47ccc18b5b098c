"""Inventory import from a messy workbook (preview first, nothing written until confirmed) and export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.models import AuditEvent
from facilities.inventory import import_inventory, preview_inventory, store_inventory_upload
from facilities.models import Condition, Equipment, FundingSource, InventoryUpload
from facilities.tests.builders import item, room

pytestmark = pytest.mark.django_db


def messy_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "TS 2025"
    sheet.append(["ĐẢNG ỦY XÃ YÊN SƠN"])
    sheet.append(["TRUNG TÂM CHÍNH TRỊ", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sheet.append([])
    sheet.append(["BẢNG KÊ TÀI SẢN, TRANG THIẾT BỊ NĂM 2025"])
    # Row 5-6: a two-row header; "Nguồn gốc" is merged over "Năm mua" and "Nguồn kinh phí".
    sheet.append(["STT", "Tên tài sản", "Loại", "Số lượng", "ĐVT", "Nguồn gốc", None, "Hiện trạng", "Vị trí", "Ghi chú"])
    sheet.append([None, None, None, None, None, "Năm mua", "Nguồn kinh phí", None, None, None])
    for col in "ABCDEHIJ":
        sheet.merge_cells(f"{col}5:{col}6")
    sheet.merge_cells("F5:G5")
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"])
    sheet.append([1, "Máy chiếu Epson EB-X51", "máy chiếu", "02 bộ", None, 2021, "Ngân sách xã", "Tốt", "Hội trường", ""])
    sheet.append([2, "Loa kéo", "Âm thanh", 1, "chiếc", "2019", "Tài trợ của Hội Nông dân", "Hỏng nhẹ", "", ""])
    sheet.append([3, "Bảng tương tác thông minh", "Bảng tương tác", 1, "cái", 2024, "", "Tốt", "", ""])
    sheet.append([4, "Máy vi tính để bàn Dell", None, "hai", "bộ", 2020, "Chương trình của tỉnh", "Tốt", "", ""])
    sheet.append([])
    sheet.append([5, "Điều hòa Daikin", "Điều hòa nhiệt độ", 3.0, "chiếc", "năm ngoái", "", "hỏng", "Phòng 5", ""])
    sheet.append([6, "Camera họp trực tuyến", None, 1, "bộ", None, "", "Đang sử dụng", "hoi truong", "Logitech"])
    sheet.append(["Tổng cộng", None, None, 10])
    sheet.append([None, "Người lập biểu", None, None, None, None, "Thủ trưởng đơn vị"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_preview_reads_the_messy_workbook_row_by_row(world):
    room(world.centre_a, "Hội trường")
    preview = preview_inventory(messy_workbook(), world.centre_a)
    assert preview.table.header_row == 5 and preview.table.header_rows == 2
    assert preview.table.columns["year"].letter == "F" and preview.table.columns["funding"].letter == "G"
    rows = {r.row: r for r in preview.rows}
    assert sorted(rows) == [8, 9, 10, 11, 13, 14]  # title, header, numbering, blank, total and signature skipped
    projector = rows[8]
    assert (projector.category.code, projector.quantity, projector.unit, projector.year) == ("projector", 2, "bộ", 2021)
    assert projector.room.name == "Hội trường" and projector.ok
    assert any("02 bộ" in text and "2" in text for level, text in projector.messages if level == "warning")
    assert rows[9].condition == Condition.NEEDS_REPAIR and rows[9].funding == FundingSource.CO_ORGANISER
    assert [text for level, text in rows[10].messages if level == "error"] == [
        "dòng 10, cột C: loại “Bảng tương tác” không có trong danh mục thiết bị."]
    assert not rows[11].ok and any("“hai” không phải là số" in t for _l, t in rows[11].messages)
    assert rows[11].category.code == "computer"  # read from the name when the category cell is empty
    assert not rows[13].ok and any("năm ngoái" in t for _l, t in rows[13].messages)
    assert rows[13].condition == Condition.BROKEN
    assert rows[14].ok and rows[14].category.code == "camera" and rows[14].room.name == "Hội trường"
    assert Equipment.objects.count() == 0


def test_nothing_is_written_until_confirmed_then_only_rows_without_errors(world):
    upload, preview = store_inventory_upload(actor=world.officer_a, centre=world.centre_a, data=messy_workbook(),
                                             filename="tai-san.xlsx")
    assert Equipment.objects.count() == 0 and preview.error_count == 3
    created = import_inventory(actor=world.officer_a, upload=upload)
    assert sorted(e.name for e in created) == ["Camera họp trực tuyến", "Loa kéo", "Máy chiếu Epson EB-X51"]
    assert Equipment.objects.get(name="Loa kéo").condition == Condition.NEEDS_REPAIR
    assert AuditEvent.objects.filter(object_type="facilities.equipment", action="create").count() == 3
    assert not InventoryUpload.objects.exists()


def test_import_pages_preview_then_confirm(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("facilities:inventory_upload"), {
        "centre": world.centre_a.pk, "file": io.BytesIO(messy_workbook())})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert "dòng 10, cột C" in body and Equipment.objects.count() == 0
    token = InventoryUpload.objects.get().token
    client.force_login(world.officer_b)
    assert client.get(reverse("facilities:inventory_preview", args=[token])).status_code == 404
    assert client.post(reverse("facilities:inventory_confirm", args=[token])).status_code == 404
    client.force_login(world.officer_a)
    done = client.post(reverse("facilities:inventory_confirm", args=[token]), {"confirm": "1"})
    assert done.status_code == 302 and Equipment.objects.count() == 3


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(client, world):
    client.force_login(world.officer_a)
    page = client.post(reverse("facilities:inventory_upload"), {
        "centre": world.centre_a.pk, "file": io.BytesIO(b"not excel")})
    assert page.status_code == 200
    assert "không phải là tệp Excel" in page.content.decode()


def test_export_round_trips_through_the_import(client, world):
    r = room(world.centre_a, "Phòng 1")
    item(world.centre_a, "projector", quantity=2, unit="bộ", room=r, year_acquired=2022)
    item(world.centre_a, "printer", condition=Condition.BROKEN)
    item(world.centre_b, "sound", name="Loa của B")
    client.force_login(world.officer_a)
    response = client.get(reverse("facilities:equipment_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "DANH MỤC TRANG THIẾT BỊ"
    names = [row[1] for row in rows[3:]]
    assert "Loa của B" not in names and len(names) == 2
    preview = preview_inventory(response.content, world.centre_a)
    assert all(r.ok for r in preview.rows), [r.messages for r in preview.rows]
    assert {(r.category.code, r.quantity, r.condition) for r in preview.rows} == {
        ("projector", 2, Condition.GOOD), ("printer", 1, Condition.BROKEN)}
