"""The learner's and lecturer's pages at phone width (390 px): no sideways scrolling, screenshots kept.

Screenshots go to /test-artifacts/phone/ (git-ignored) for a person to look at; the assertions are the
layout facts: the page is no wider than the screen and the main content is visible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import browser_login
from training.models import Session
from training.tests.factories import classes as make

ARTIFACTS = Path("/test-artifacts/phone")
WIDTH = 390


def _check(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    except OSError:
        pass  # no artifacts folder on this machine: the layout facts below still hold
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page is {width} px wide at a {WIDTH} px screen"
    assert page.locator("h1").first.is_visible()
    # Nothing hides in a sideways-scrolling box either: every visible element ends inside the screen.
    overflowing = page.evaluate("""(limit) => [...document.querySelectorAll('main *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > limit)
        .map(e => e.tagName + (e.className ? '.' + e.className : '') + ' ' + (e.textContent || '').trim().slice(0, 30))
        .slice(0, 5)""", WIDTH + 1)
    assert not overflowing, f"{name}: {overflowing}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_learner_and_lecturer_pages_fit_a_phone(browser_page, world):
    from lecturers.services.feedback import open_survey
    from lecturers.tests.builders import ensure_defaults

    ensure_defaults()  # an earlier transactional test emptied the seeded survey form
    today = timezone.localdate()
    ver = make.version()
    running = make.klass(world.centre_a, ver, status="in_progress", start_date=today - dt.timedelta(days=2),
                         end_date=today + dt.timedelta(days=6), name="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới")
    make.enrol(running, world.learner_person)
    make.enrol(running, world.person_a)
    room = make.room(world.centre_a, "Hội trường tầng 2 nhà A")
    for day in range(0, 6):
        make.session(running, day=day, lecturer=world.lecturer_profile, room=room,
                     topic=ver.topics.order_by("order").first(), periods=4)
        make.session(running, day=day, part=Session.Part.AFTERNOON, lecturer=None, room=room)
    survey = open_survey(actor=world.officer_a, klass=running)
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 844})

    browser_login(page, "learner_a")
    for name, url in [("learner_home", reverse("home")), ("learner_classes", reverse("training:my_classes")),
                      ("learner_timetable", reverse("training:my_timetable") + "?all=1"),
                      ("learner_survey", reverse("lecturers:survey_answer", args=[survey.public_key]))]:
        page.goto(page.base_url + url)
        _check(page, name)

    page.context.clear_cookies()
    browser_login(page, "lecturer_a")
    for name, url in [("lecturer_home", reverse("home")), ("lecturer_schedule", reverse("training:my_schedule")),
                      ("lecturer_attendance", reverse("training:session_attendance",
                                                      args=[running.sessions.filter(lecturer__isnull=False).first().pk]))]:
        page.goto(page.base_url + url)
        _check(page, name)
