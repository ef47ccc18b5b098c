"""A viewer reads a session's attendance as a table: no form, no inputs to change."""

import pytest
from django.urls import reverse

from training.tests.test_attendance_pages import setup  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_viewer_is_shown_no_attendance_form(world, client, setup):  # noqa: F811
    url = reverse("training:session_attendance", args=[setup["session"].pk])
    client.force_login(world.viewer_a)
    html = client.get(url).content.decode()
    assert 'class="attendance-read"' in html
    assert 'type="radio"' not in html and 'name="note_' not in html and 'class="attendance-sheet"' not in html
    client.force_login(world.officer_a)
    assert 'type="radio"' in client.get(url).content.decode()
