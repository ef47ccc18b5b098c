"""In Chromium: the director submits a self-assessment with an evidence file, the supervisor recognises
it, and the province page shows the centre as standard.

Selectors use names, ids and addresses, not interface wording, so the test holds in any language.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import browser_login
from standards.models import Assessment
from standards.tests.support import PDF, lenient_framework
from tests import factories as f
from training.models import Klass
from training.tests.factories.classes import klass


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_director_submits_supervisor_recognises(browser_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    klass(world.centre_a, status=Klass.Status.IN_PROGRESS, start_date=dt.date(today.year, 1, 5),
          end_date=dt.date(today.year, 1, 9))
    framework = lenient_framework(world)
    f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a, position="director")
    evidence = tmp_path / "quy-che-hoat-dong.pdf"
    evidence.write_bytes(PDF)
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())

    browser_login(page, "director_a")
    page.goto(page.base_url + reverse("standards:assessment_open"))
    page.select_option("#id_framework", str(framework.pk))
    page.fill("#id_year", str(today.year))
    page.click("form.panel button[type=submit]")
    page.wait_for_selector("#assessment-status")
    assessment = Assessment.objects.get(centre=world.centre_a)
    declared = assessment.values.get(indicator__code="1.1.2")
    row = page.locator(f"#i{declared.indicator_id}")
    row.locator("form.declare select[name=value]").select_option("1")
    row.locator("form.declare button[type=submit]").click()
    page.wait_for_selector(".msg.success")
    row = page.locator(f"#i{declared.indicator_id}")
    row.locator("input[type=file]").set_input_files(str(evidence))
    row.locator("form.evidence-upload button[type=submit]").click()
    page.wait_for_selector(f"#i{declared.indicator_id} ul.evidence a")
    page.click("#submit-assessment")
    page.wait_for_selector(".msg.success")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.values.get(indicator__code="1.1.1").value == 1

    page.click("form[action$='/accounts/logout/'] button")
    browser_login(page, "supervisor")
    page.goto(page.base_url + reverse("standards:assessment_detail", args=[assessment.pk]))
    assert page.locator(f"#i{declared.indicator_id} ul.evidence a").inner_text() == "quy-che-hoat-dong.pdf"
    page.click("#close-review")
    page.select_option("#id_result", str(framework.levels.get(code="1").pk))
    page.fill("#id_decision_number", "30-QĐ/TU")
    page.fill("#id_decision_date", today.strftime("%d/%m/%Y"))
    page.click("form.panel button[type=submit]")
    page.wait_for_selector("#assessment-result")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RECOGNISED

    page.goto(page.base_url + reverse("standards:province"))
    assert page.inner_text("#standard-count").startswith("1 / 2")
    cell = page.locator(f"#standing tr[data-centre='{world.centre_a.code}'] td.level .badge.ok")
    assert cell.inner_text() == "Mức 1"
    assert page.locator("svg").count() == 2
