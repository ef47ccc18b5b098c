"""In the browser: a correction typed into the import preview is still there when the preview is opened again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import browser_login
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.tests.factories import nominations as s


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_correction_survives_reopening_the_preview(browser_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    klass = s.klass(world.centre_a, s.programme("DVM"))
    path = tmp_path / "danh_sach.xlsx"
    path.write_bytes(w.party_list())
    page = browser_page
    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("training:nominations", args=[klass.pk]))
    page.set_input_files("input[type=file][name=file]", str(path))
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_url("**/import/**")
    preview_url = page.url
    page.fill("input[name=fix-14-dob_male]", "28/02/1991")
    page.locator("input[name=skip][value='16']").check()
    page.locator("button[name=action][value=preview]").click()
    page.wait_for_load_state("networkidle")

    page.goto(preview_url)  # opened again (a reload, another tab, the next morning)
    assert page.input_value("input[name=fix-14-dob_male]") == "28/02/1991"
    assert page.locator("input[name=skip][value='16']").is_checked()
    assert "danh_sach.xlsx" in page.locator("#row-14").inner_text()

    page.on("dialog", lambda dialog: dialog.dismiss())  # "Cancel the import?" answered no: nothing lost
    page.locator("#preview-form button[name=action][value=cancel]").click()
    page.wait_for_timeout(300)
    page.goto(preview_url)
    assert page.input_value("input[name=fix-14-dob_male]") == "28/02/1991"
    assert not Enrolment.objects.exists()
