"""A party-committee viewer may not see citizen IDs or birth dates, so may not look persons up by them either."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories as f

pytestmark = pytest.mark.django_db


def _names_in_page(client, **params) -> str:
    return client.get(reverse("people:person_list"), params).content.decode()


def test_viewer_cannot_find_a_person_by_citizen_id_digits(client, world):
    digits = world.person_a.national_id[-6:]
    client.force_login(world.officer_a)
    assert "Hường" in _names_in_page(client, q=digits)
    client.force_login(world.viewer_a)
    assert "Hường" not in _names_in_page(client, q=digits)
    assert "Hường" in _names_in_page(client, q="huong")  # names still work


def test_viewer_export_ignores_citizen_id_search(client, world):
    client.force_login(world.viewer_a)
    response = client.get(reverse("people:person_export"), {"q": world.person_a.national_id})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1:] == []


def test_viewer_cannot_sort_by_birth_date(client, world):
    """Ordering by a hidden value reveals it: two persons' order shows who is older."""
    f.PersonFactory(centre=world.centre_a, family_name="Đinh", middle_name="", given_name="An", date_of_birth=dt.date(1950, 1, 1))
    f.PersonFactory(centre=world.centre_a, family_name="Đinh", middle_name="", given_name="Yến", date_of_birth=dt.date(2001, 1, 1))
    client.force_login(world.officer_a)
    page = _names_in_page(client, sort="dob")
    assert page.index("Đinh An") < page.index("Đinh Yến")
    page = _names_in_page(client, sort="-dob")
    assert page.index("Đinh Yến") < page.index("Đinh An")
    client.force_login(world.viewer_a)
    ascending, descending = _names_in_page(client, sort="dob"), _names_in_page(client, sort="-dob")
    assert ascending.index("Đinh An") < ascending.index("Đinh Yến")  # name order either way
    assert descending.index("Đinh An") < descending.index("Đinh Yến")
    assert "Ngày sinh ▲" not in ascending and "Date of birth ▲" not in ascending  # no sortable column


def test_api_refuses_citizen_id_search_for_viewer(client, world):
    client.force_login(world.viewer_a)
    body = client.get("/api/persons", {"q": world.person_a.national_id}).json()
    assert body["items"] == []
