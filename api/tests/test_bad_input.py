"""Bad input to the API is a 422 (or 404) with a message, never a server error, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from api.tests.test_api import _auth
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["page=" + "9" * 30, "page=18446744073709551617", "page=0"])
def test_page_numbers_beyond_any_integer(client, world, query):
    assert client.get(f"/api/persons?{query}", **_auth(world.officer_a)).status_code == 422


@pytest.mark.parametrize("year", ["10000", "-5", "99999999999999999999"])
def test_years_out_of_range(client, world, year):
    for url in (f"/api/training/classes?year={year}", f"/api/training/plans?year={year}",
                f"/api/certificates/?year={year}"):
        assert client.get(url, **_auth(world.admin)).status_code == 422, url


def _person_payload(world, **changes):
    payload = {"family_name": "Nguyễn", "middle_name": "Văn", "given_name": "Mới", "gender": "male",
               "date_of_birth": "1990-05-17", "centre_id": world.centre_a.pk}
    payload.update(changes)
    return payload


def test_nul_characters_are_refused(client, world):
    response = client.post("/api/persons", _person_payload(world, given_name="Mới\x00"),
                           content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 422 and "NUL" in response.content.decode()
    assert client.get("/api/persons?q=a%00b", **_auth(world.officer_a)).status_code == 422
    assert not Person.objects.filter(given_name__startswith="Mới").exists()


def test_strings_longer_than_the_column_are_refused(client, world):
    response = client.post("/api/persons", _person_payload(world, given_name="A" * 500),
                           content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 422
    assert not Person.objects.filter(given_name__startswith="AAAA").exists()


def test_certificates_are_not_dated_years_ahead(world):
    from django.core.exceptions import ValidationError

    from certificates import services
    from training.tests.factories.results import approved_class

    klass = approved_class(world, learners=1)
    with pytest.raises(ValidationError):
        services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(9999, 12, 31))
