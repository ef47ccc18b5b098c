"""In Chromium at phone width: learners open the survey from the class QR address, type their slip's
code and answer; the officer sees the results once enough learners have answered.

Selectors use names and ids, not interface wording, so the test holds in any language.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import browser_login
from lecturers.models import Survey
from lecturers.services import feedback
from lecturers.tests.builders import ensure_defaults, make_class, teach
from training.tests.factories.timetable import learners


def _answer(page, url: str, code: str, score: int) -> None:
    page.goto(url)
    page.fill("#id_code", code)
    for group in page.locator("fieldset .scale").all():
        group.locator(f"input[value='{score}']").check()
    page.fill("textarea >> nth=0", "Giảng viên nói dễ hiểu")
    page.click("button[type=submit]")
    page.wait_for_selector("#thanks")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_learners_answer_on_a_phone_and_the_officer_sees_the_results(browser_page, world):
    ensure_defaults()
    klass = make_class(world.centre_a)
    teach(klass, world.lecturer_profile, 2)
    learners(klass, 8)
    survey = feedback.open_survey(actor=world.officer_a, klass=klass)
    codes = list(survey.codes.values_list("code", flat=True))
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})

    # The officer prints the slips: the QR code and the address on them lead to the form.
    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("lecturers:survey_slips", args=[survey.pk]))
    assert page.locator(".slip svg").count() == len(codes)
    url = page.base_url + reverse("lecturers:survey_answer", args=[survey.public_key])
    page.goto(page.base_url + reverse("lecturers:survey_detail", args=[survey.pk]))
    page.wait_for_selector("#results-hidden")
    page.context.clear_cookies()

    # A learner, logged out, on a 390 px wide screen: the form fits without sideways scrolling.
    _answer(page, url, codes[0].lower(), 9)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.goto(url)
    page.fill("#id_code", codes[0])
    page.click("button[type=submit]")
    assert page.locator(".error").count() >= 1  # the same code twice is refused

    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("lecturers:survey_detail", args=[survey.pk]))
    assert page.locator("#results-hidden").count() == 1  # one answer of eight: below the thresholds
    page.context.clear_cookies()

    _answer(page, url, codes[1], 7)
    assert Survey.objects.get(pk=survey.pk).valid_forms == 2

    browser_login(page, "officer_a")
    page.goto(page.base_url + reverse("lecturers:survey_detail", args=[survey.pk]))
    page.wait_for_selector("#survey-results")
    first_average = page.locator("#survey-results tbody tr >> nth=0").locator("td >> nth=3").inner_text()
    assert first_average.strip() == "8,00"
