"""In Chromium: the director generates and submits the quarterly report; the supervisor finds it in the
province's roll-up and downloads the Excel file."""

from __future__ import annotations

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import browser_login
from reports.models import Report
from reports.tests.builders import build, quarterly


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_director_submits_and_supervisor_rolls_up(browser_page, world, tmp_path):
    build(world)
    kind = quarterly()
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, "director_a")
    page.goto(page.base_url + reverse("reports:report_generate"))
    page.select_option("#id_kind", str(kind.pk))
    page.fill("#id_year", "2026")
    page.fill("#id_number", "1")
    page.click("form.panel button[type=submit]")
    page.wait_for_url("**/reports/*/")
    assert "2 lớp, 4 học viên" in page.inner_text("#report-summary")
    page.fill("#id_results", "Mở 2 lớp bồi dưỡng đảng viên mới.")
    page.fill("#id_proposals", "Đề nghị bổ sung giảng viên kiêm nhiệm.")
    page.click("#texts-form button[type=submit]")
    page.wait_for_load_state()
    page.click("#submit-report")
    page.wait_for_selector("#report-status.ok")
    assert "01-BC/TTCT" in page.inner_text("#report-status")
    report = Report.objects.get()
    assert report.is_submitted and report.snapshot["texts"]["results"] == "Mở 2 lớp bồi dưỡng đảng viên mới."

    page.context.clear_cookies()
    browser_login(page, "supervisor")
    page.goto(page.base_url + reverse("reports:rollup"))
    page.select_option("#id_province", str(world.province.pk))
    page.select_option("#id_kind", str(kind.pk))
    page.fill("#id_year", "2026")
    page.fill("#id_number", "1")
    page.click("#rollup-form button[type=submit]")
    page.wait_for_selector("#rollup-centres")
    assert "01-BC/TTCT" in page.inner_text("#rollup-centres")
    with page.expect_download() as download_info:
        page.click("#rollup-xlsx")
    path = tmp_path / "tong-hop.xlsx"
    download_info.value.save_as(path)
    book = load_workbook(path)
    sheet = book[book.sheetnames[1]]
    total = list(sheet.iter_rows(values_only=True))[-1]
    plan = report.snapshot["tables"][0]
    assert total[1] == "Tổng cộng"
    assert list(total[2:]) == [plan["total"][c["key"]] for c in plan["columns"]]
