"""Indicators read from facilities, finance and the coordination agreements, across the 2025 succession."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from facilities.models import Equipment, EquipmentCategory, FacilityRequirement, Room
from finance.models import Budget, BudgetLine, Spending
from org.models_agreements import CoordinationAgreement
from standards.computations.base import Period, families_of
from standards.computations.registry import COMPUTATIONS
from tests import factories as f
from training.models import Enrolment, Klass
from training.tests.factories.classes import klass

D = dt.date


@pytest.fixture
def resources(world):
    a0, a = world.centre_a0, world.centre_a
    FacilityRequirement.objects.all().delete()
    projector, _ = EquipmentCategory.objects.get_or_create(code="projector-test", defaults={"name": "Máy chiếu"})
    FacilityRequirement.objects.create(name="Hội trường 80 chỗ", kind="rooms", room_kind="lecture_hall", min_seats=80,
                                       min_count=1, valid_from=D(2020, 1, 1))
    FacilityRequirement.objects.create(name="Máy chiếu", kind="equipment", category=projector, min_count=2,
                                       valid_from=D(2020, 1, 1))
    Room.objects.create(centre=a, name="Hội trường", kind="lecture_hall", seats=100)
    Equipment.objects.create(centre=a, category=projector, name="Máy chiếu A", quantity=2, condition="good")
    Equipment.objects.create(centre=a, category=projector, name="Máy chiếu hỏng", quantity=1, condition="broken")
    Equipment.objects.create(centre=a0, category=projector, name="Máy chiếu cũ", quantity=1, condition="needs_repair")
    # Money: A0 budgeted 100 and spent 40 before 1/7/2025; A budgeted 100 and spent 50 after.
    for centre, spent in ((a0, 40), (a, 50)):
        budget = Budget.objects.create(centre=centre, year=2025)
        line = BudgetLine.objects.create(budget=budget, source="local_budget", purpose="training",
                                         amount=Decimal(100))
        Spending.objects.create(line=line, amount=Decimal(spent), date=D(2025, 6 if centre == a0 else 9, 1),
                                document_number="PC01", payee="Giảng viên")
    # Agreements: the Front sends learners to A0 and has an agreement with A0; the youth union sends to A
    # without one.
    front = f.SendingOrganisationFactory(centre=a0, name="Ủy ban MTTQ huyện")
    youth = f.SendingOrganisationFactory(centre=a, name="Đoàn xã")
    CoordinationAgreement.objects.create(centre=a0, counterpart=front, title="Quy chế phối hợp",
                                         document_number="01-QC", signed_on=D(2024, 1, 5), valid_from=D(2024, 1, 5))
    k_a0 = klass(a0, status=Klass.Status.CLOSED, start_date=D(2025, 3, 2), end_date=D(2025, 3, 5))
    k_a = klass(a, status=Klass.Status.IN_PROGRESS, start_date=D(2025, 9, 2), end_date=D(2025, 9, 5))
    Enrolment.objects.create(klass=k_a0, person=f.PersonFactory(centre=a0), sending_organisation=front)
    Enrolment.objects.create(klass=k_a, person=f.PersonFactory(centre=a), sending_organisation=youth)
    return {"front": front, "youth": youth}


EXPECTED = {
    "facilities_standard_met": Decimal(1),
    "equipment_working": Decimal("50.00"),
    "budget_execution": Decimal("45.00"),
    "agreements_with_senders": Decimal("50.00"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_resources_across_the_succession(world, resources, name):
    outcome = COMPUTATIONS[name].run(families_of([world.centre_a.pk]), Period.of_year(2025))[world.centre_a.pk]
    assert outcome.value == EXPECTED[name], outcome


@pytest.mark.django_db
def test_facilities_standard_not_met_without_the_hall(world, resources):
    Room.objects.filter(centre=world.centre_a).update(seats=60)
    outcome = COMPUTATIONS["facilities_standard_met"].run(families_of([world.centre_a.pk]),
                                                           Period.of_year(2025))[world.centre_a.pk]
    assert outcome.value == 0 and outcome.detail == "1/2"
