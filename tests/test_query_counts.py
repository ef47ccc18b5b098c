"""List pages and list endpoints run the same number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

PAGES = [
    "org:centre_list", "org:unit_list", "org:sending_org_list", "people:person_list", "people:staff_list",
    "people:lecturer_list",
]
ENDPOINTS = ["/api/centres", "/api/units", "/api/sending-organisations", "/api/persons"]


def _grow(world, n: int) -> None:
    for _ in range(n):
        centre = f.CentreFactory(province=world.province)
        person = f.PersonFactory(centre=world.centre_a)
        f.StaffAssignmentFactory(centre=world.centre_a, person=person)
        f.LecturerFactory(centre=world.centre_a, person=person)
        f.SendingOrganisationFactory(centre=world.centre_a)
        f.CommuneFactory(parent=world.province)
        f.StaffAssignmentFactory(centre=centre)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
def test_list_pages_constant_queries(client, world):
    """Pages of two rows, so both sizes fill a page: a list shorter than a page is counted by its first page
    (core.listing) and may run one query less, never more."""
    from django.test import override_settings

    client.force_login(world.admin)
    _grow(world, 2)
    short = {name: _count(client, reverse(name)) for name in PAGES}
    with override_settings(PAGE_SIZE=2):
        small = {name: _count(client, reverse(name)) for name in PAGES}
        _grow(world, 12)
        large = {name: _count(client, reverse(name)) for name in PAGES}
    assert small == large
    assert all(short[name] <= large[name] for name in PAGES)


@pytest.mark.django_db
def test_list_endpoints_constant_queries(client, world):
    client.force_login(world.supervisor)
    _grow(world, 2)
    small = {url: _count(client, url) for url in ENDPOINTS}
    _grow(world, 12)
    large = {url: _count(client, url) for url in ENDPOINTS}
    assert small == large
