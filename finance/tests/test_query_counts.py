"""The list pages of facilities, agreements and finance run the same number of queries whatever the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facilities.tests.builders import item, room
from finance.models import Spending
from finance.selectors import province_comparison
from finance.tests.builders import budget
from org.models import Centre, CoordinationAgreement
from tests import factories as f

pytestmark = pytest.mark.django_db
PAGES = ["facilities:equipment_list", "org:agreement_list", "finance:budget_list", "finance:comparison",
         "finance:cost_rules"]


def _grow(world, n: int) -> None:
    for _ in range(n):
        centre = f.CentreFactory(province=world.province)
        item(centre, "projector", room=room(centre))
        b = budget(centre, lines=[("local_budget", "training", 1_000_000)])
        Spending.objects.create(line=b.lines.get(), amount=Decimal(1000), date=dt.date(2026, 2, 1),
                                document_number="1", payee="x")
        org = f.SendingOrganisationFactory(centre=centre)
        CoordinationAgreement.objects.create(centre=centre, counterpart=org, title="QC", document_number="1",
                                             signed_on=dt.date(2026, 1, 1), valid_from=dt.date(2026, 1, 1))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_list_pages_constant_queries(client, world):
    client.force_login(world.admin)
    _grow(world, 2)
    small = {name: _count(client, reverse(name)) for name in PAGES}
    _grow(world, 10)
    large = {name: _count(client, reverse(name)) for name in PAGES}
    assert small == large


def test_province_comparison_in_constant_queries(world):
    _grow(world, 3)

    def count(n):
        with CaptureQueriesContext(connection) as captured:
            rows = province_comparison(list(Centre.objects.all()[:n]), 2026, dt.date(2026, 6, 1))
        return len(captured), rows

    few, _rows = count(2)
    many, rows = count(7)
    assert few == many
    assert sum(r.budget for r in rows) == Decimal(3_000_000) and sum(r.spent for r in rows) == Decimal(3000)
