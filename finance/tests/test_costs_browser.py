"""In Chromium: a class's cost estimated from its timetable, one line edited, the settlement recorded once
the class has closed, and the settlement downloaded as Excel and read back.

Selectors use names, ids and addresses, not interface wording."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import browser_login
from finance.models import CostSheet
from finance.tests.builders import costed_class
from training.models import Klass


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_estimate_settle_and_download_the_excel(browser_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    klass = costed_class(world.centre_a, learners=3)
    page = browser_page
    page.set_default_timeout(45000)  # the computation pages render documents' data; shared CI machines are slow
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, "officer_a")
    url = page.base_url + reverse("finance:class_costs", args=[klass.pk])
    page.goto(url)

    page.click(f"form[action='{reverse('finance:prepare_sheet', args=[klass.pk, 'estimate'])}'] button")
    page.wait_for_selector("#total-estimate")
    assert page.inner_text("#total-estimate") == "10.030.000 đ"
    # Materials (the third line) at 60.000 đ a learner instead of the rule's 50.000 đ.
    page.fill("input[name='estimate-2-rate']", "60.000")
    page.click("button[name='save-estimate']")
    page.wait_for_function("document.querySelector('#total-estimate').innerText === '10.060.000 đ'")

    # The class is held (three sessions taken) and closed through the training pages; here, directly.
    sessions = klass.sessions.order_by("date", "id")[:3]
    klass.sessions.filter(pk__in=[s.pk for s in sessions]).update(attendance_taken=True)
    Klass.objects.filter(pk=klass.pk).update(status=Klass.Status.CLOSED)
    page.goto(url)
    page.click(f"form[action='{reverse('finance:prepare_sheet', args=[klass.pk, 'settlement'])}'] button")
    page.wait_for_selector("#total-settlement")
    assert page.inner_text("#total-settlement") == "7.680.000 đ"
    assert page.inner_text("#cost-difference") == "-2.380.000 đ"

    page.click("#sheet-settlement details summary")
    page.fill("#sheet-settlement input[name='document_number']", "25-QT/TTCT")
    page.fill("#sheet-settlement input[name='document_date']", "20/03/2026")
    page.click("button[name='document-settlement']")
    page.wait_for_selector("#sheet-settlement")
    sheet = CostSheet.objects.get(klass=klass, kind="settlement")
    assert sheet.document_number == "25-QT/TTCT"

    with page.expect_download() as download:
        page.click(f"a[href='{reverse('finance:export_sheet', args=[klass.pk, 'settlement', 'xlsx'])}']")
    rows = list(load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.iter_rows(values_only=True))
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[5] == 7_680_000 and total[6] == 10_060_000 and total[7] == -2_380_000
    assert rows[-1][1] == "Bằng chữ: Bảy triệu sáu trăm tám mươi nghìn đồng"
