"""In Chromium: from the class page to the class file, the ZIP downloaded and every file in it opened.

Selectors use addresses and ids, not interface wording, so the test holds in any language.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates import services as certificate_services
from conftest import browser_login
from tests.documents import pdf_text
from training.tests.factories.results import approved_class, staff_the_centre


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_download_the_class_file_and_open_every_file(browser_page, world, tmp_path):
    staff_the_centre(world)
    klass = approved_class(world, learners=2)
    certificate_services.issue_certificates(actor=world.officer_a, klass=klass)
    page = browser_page
    browser_login(page, "viewer_a")
    page.goto(page.base_url + reverse("training:class_detail", args=[klass.pk]))
    page.click(f"a[href='{reverse('training:class_file', args=[klass.pk])}']")
    page.wait_for_selector("#class-file-zip")
    with page.expect_download() as info:
        page.click("#class-file-zip")
    download = info.value
    assert download.suggested_filename == f"ho-so-lop-{klass.code}.zip"
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    names = {f.person.full_name for f in klass.enrolments.select_related("person")}
    with zipfile.ZipFile(target) as archive:
        members = archive.namelist()
        kinds = {name.rsplit("/", 1)[1].split(".")[0] for name in members}
        assert {"01-quyet-dinh-mo-lop", "02-lich-hoc", "03-danh-sach-hoc-vien", "04-danh-sach-ky-diem-danh",
                "05-tong-hop-diem-danh", "06-bang-diem-tong-hop", "07-danh-sach-hoan-thanh", "08-giao-nhan-GCN",
                "09-quyet-dinh-cong-nhan"} == kinds
        for name in members:
            content = archive.read(name)
            if name.endswith(".pdf"):
                text = pdf_text(content)
                assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ĐẢNG ỦY XÃ YÊN SƠN" in text, name
            elif name.endswith(".xlsx"):
                cells = [v for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)
                         for v in row if v is not None]
                assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells, name
                text = " ".join(str(v) for v in cells)
            else:
                text = " ".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
                text += " ".join(c.text for t in docx.Document(io.BytesIO(content)).tables for r in t.rows
                                 for c in r.cells)
                assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, name
            if "hoc-vien" in name or "hoan-thanh" in name or "cong-nhan" in name or "GCN" in name:
                assert any(n in text for n in names), name
            # The party-committee viewer sees no birth dates in any file.
            assert not any(p.date_of_birth.strftime("%d/%m/%Y") in text
                           for p in (e.person for e in klass.enrolments.select_related("person"))), name
