"""In the browser: answering "cancel" to a confirmation leaves everything as it was; "OK" goes ahead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from certificates.models import Certificate
from conftest import browser_login
from training.models import Klass
from training.tests.factories import results as res


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cancel_on_confirm_changes_nothing(browser_page, world):
    res.staff_the_centre(world)
    klass = res.approved_class(world, learners=2)  # ended in March: no date warning
    page = browser_page
    browser_login(page, "officer_a")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(page.base_url + reverse("certificates:class_certificates", args=[klass.pk]))
    page.locator("form.panel button[type=submit][data-confirm]").click()
    page.wait_for_timeout(300)
    assert dialogs and "không bao giờ dùng lại" in dialogs[-1]
    assert not Certificate.objects.exists()

    page.goto(page.base_url + reverse("training:class_detail", args=[klass.pk]))
    page.locator("#next-step button[data-confirm]").click()
    page.wait_for_timeout(300)
    assert "Kết thúc lớp?" in dialogs[-1]
    assert Klass.objects.get(pk=klass.pk).status == "results_approved"

    page.remove_listener("dialog", dismiss)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#next-step button[data-confirm]").click()
    page.wait_for_load_state("networkidle")
    assert Klass.objects.get(pk=klass.pk).status == "closed"
