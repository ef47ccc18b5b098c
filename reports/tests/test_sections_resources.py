"""Equipment and budget execution against hand-counted data."""

from __future__ import annotations

import datetime as dt

import pytest

from facilities.models import Equipment, EquipmentCategory
from finance.models import Budget, BudgetLine, Spending
from reports.sections import TABLES, Frame, finish
from reports.selectors import lineage_ids

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def _table(world, key):
    frame = Frame(lineage_ids(world.centre_a), *Q1)
    return finish(TABLES[key], TABLES[key].compute(frame)), frame


def test_equipment_by_category_and_condition(world):
    projectors, _ = EquipmentCategory.objects.get_or_create(code="may-chieu-test", defaults={"name": "Máy chiếu"})
    for name, quantity, condition in (("Máy chiếu A", 2, "good"), ("Máy chiếu B", 1, "broken"),
                                      ("Máy chiếu C", 1, "needs_repair")):
        Equipment.objects.create(centre=world.centre_a, category=projectors, name=name, quantity=quantity,
                                 condition=condition)
    Equipment.objects.create(centre=world.centre_b, category=projectors, name="Khác", quantity=5)
    table, frame = _table(world, "equipment")
    assert [r["cells"] for r in table["rows"]] == [{"quantity": 4, "good": 2, "repair": 1, "broken": 1, "pct_good": 50}]
    _kind, records = TABLES["equipment"].records(frame, "__total__", "broken")
    assert [e.name for e in records] == ["Máy chiếu B"]


def test_budget_execution(world):
    budget = Budget.objects.create(centre=world.centre_a, year=2026)
    training = BudgetLine.objects.create(budget=budget, source="local_budget", purpose="training", amount=100_000_000)
    BudgetLine.objects.create(budget=budget, source="local_budget", purpose="materials", amount=20_000_000)
    for day, amount in ((dt.date(2026, 2, 10), 15_000_000), (dt.date(2026, 3, 20), 10_000_000),
                        (dt.date(2026, 4, 2), 30_000_000)):
        Spending.objects.create(line=training, amount=amount, date=day, document_number=f"PC{day.day}", payee="x")
    table, frame = _table(world, "budget")
    rows = {r["key"]: r["cells"] for r in table["rows"]}
    assert rows["training"] == {"planned": 100_000_000, "spent": 25_000_000, "pct_spent": 25}
    assert rows["materials"] == {"planned": 20_000_000, "spent": 0, "pct_spent": 0}
    assert table["total"]["pct_spent"] == 21
    _kind, records = TABLES["budget"].records(frame, "training", "spent")
    assert records.count() == 2


def test_dashboard_alerts_broken_equipment(client, world):
    from django.urls import reverse

    category, _ = EquipmentCategory.objects.get_or_create(code="loa-test", defaults={"name": "Loa"})
    Equipment.objects.create(centre=world.centre_a, category=category, name="Loa hội trường", quantity=2,
                             condition="broken")
    client.force_login(world.director_a)
    response = client.get(reverse("reports:dashboard"))
    assert response.context["dashboard"]["alerts"]["broken_equipment"] == 2
    assert 'data-alert="broken_equipment"' in response.content.decode()
