"""In Chromium: scores typed with the keyboard, approval by the director, certificates issued and
printed with progress, and one checked logged out through its QR address.

Selectors use names and addresses, not interface wording, so the test holds in any language.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import Certificate
from conftest import browser_login
from training.models import Klass, Result
from training.tests.factories.results import enrolments, make_class, staff_the_centre


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_scores_to_verified_certificate(browser_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff_the_centre(world)
    klass = make_class(world, learners=2)
    page = browser_page

    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("training:results_grid", args=[klass.pk]))
    cells = page.locator("input.score")
    assert cells.count() == 4
    # Type along the first row with the arrow keys, then Enter drops to the next row.
    cells.nth(0).click()
    page.keyboard.type("7,5")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("8.5")
    page.keyboard.press("Enter")
    page.keyboard.type("9")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # the caret leaves the text first, then the cell
    page.keyboard.type("11")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_selector("input.score[aria-invalid=true]")
    assert Result.objects.count() == 0
    page.fill("input.score[aria-invalid=true]", "6")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_selector(".msg.success")
    first, second = enrolments(klass)
    assert Result.objects.get(enrolment=first).final_score == Decimal("8.1")
    assert Result.objects.get(enrolment=second).final_score == Decimal("7.8")

    page.context.clear_cookies()
    browser_login(page, "director_a")
    page.goto(page.base_url + reverse("training:results_grid", args=[klass.pk]))
    page.on("dialog", lambda dialog: dialog.accept())
    page.click(f"form[action='{reverse('training:results_approve', args=[klass.pk])}'] button")
    page.wait_for_selector(".msg.success")
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.RESULTS_APPROVED

    page.context.clear_cookies()
    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("certificates:class_certificates", args=[klass.pk]))
    page.click("form:has(input[name=issued_on]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    assert Certificate.objects.filter(enrolment__klass=klass).count() == 2
    page.click("#batch button[type=submit]")
    page.wait_for_selector("#batch a[href$='download.zip']")
    assert page.locator("#batch progress").get_attribute("value") == "100"
    with page.expect_download() as download:
        page.click("#batch a[href$='download.pdf']")
    assert download.value.suggested_filename.endswith(".pdf")

    certificate = Certificate.objects.filter(enrolment__klass=klass).order_by("number").first()
    page.context.clear_cookies()
    page.goto(page.base_url + reverse("certificates:verify_code", args=[certificate.code]))
    page.wait_for_selector("[data-status=valid]")
    assert certificate.learner_name in page.content()
    assert certificate.enrolment.person.national_id not in page.content()
