"""Every computation against a hand-built centre with known figures, across the 2025 succession."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from standards.computations.base import Period, families_of
from standards.computations.registry import COMPUTATIONS
from standards.tests.builders import (
    EXPECTED_2025,
    EXPECTED_2025_WITH_WORK,
    add_lecturers_work,
    build_succession_centre,
)


@pytest.fixture
def built(world):
    return build_succession_centre(world)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COMPUTATIONS))
def test_each_computation_across_the_succession(world, built, name):
    families = families_of([world.centre_a.pk])
    outcome = COMPUTATIONS[name].run(families, Period.of_year(2025))[world.centre_a.pk]
    assert outcome.value == EXPECTED_2025[name], (name, outcome)


@pytest.mark.django_db
def test_every_computation_is_expected():
    assert set(COMPUTATIONS) == set(EXPECTED_2025)


@pytest.mark.django_db
def test_family_holds_the_predecessor_once(world, built):
    families = families_of([world.centre_a.pk, world.centre_a0.pk, world.centre_b.pk])
    assert families[world.centre_a.pk] == {world.centre_a.pk, world.centre_a0.pk}
    assert families[world.centre_a0.pk] == {world.centre_a0.pk}
    assert families[world.centre_b.pk] == {world.centre_b.pk}
    outcomes = COMPUTATIONS["fulltime_lecturers"].run(families, Period.of_year(2025))
    # P1 worked at both A0 and A: one person for A; the district centre alone had P1 and P2.
    assert outcomes[world.centre_a.pk].value == 4
    assert outcomes[world.centre_a0.pk].value == 2
    assert outcomes[world.centre_b.pk].value == 0
    held = COMPUTATIONS["classes_held"].run(families, Period.of_year(2025))
    assert held[world.centre_a.pk].value == 3 and held[world.centre_a0.pk].value == 2


@pytest.mark.django_db
def test_other_year_and_drill_down_ids(world, built):
    families = families_of([world.centre_a.pk])
    held = COMPUTATIONS["classes_held"].run(families, Period.of_year(2024))[world.centre_a.pk]
    assert held.value == 1 and held.source == "classes"
    part_time = COMPUTATIONS["part_time_lecturers_in_use"].run(families, Period.of_year(2024))[world.centre_a.pk]
    assert part_time.value == 1
    completion = COMPUTATIONS["completion_rate"].run(families, Period.of_year(2025))[world.centre_a.pk]
    assert set(completion.ids) == {k.pk for k in built["classes"][:2]}
    assert completion.detail == "4/5"
    empty = COMPUTATIONS["completion_rate"].run(families, Period.of_year(2023))[world.centre_a.pk]
    assert empty.value is None and not empty.not_applicable
    it = COMPUTATIONS["classes_using_it"].run(families, Period.of_year(2025))[world.centre_a.pk]
    assert it.not_applicable


@pytest.mark.django_db
def test_constant_queries_whatever_the_number_of_centres(world, built):
    def count(ids):
        families = families_of(ids)
        with CaptureQueriesContext(connection) as captured:
            for computation in COMPUTATIONS.values():
                computation.run(families, Period.of_year(2025))
        return len(captured)

    one = count([world.centre_a.pk])
    many = count([world.centre_a.pk, world.centre_b.pk, world.centre_c.pk, world.centre_a0.pk])
    assert one == many
    assert one <= 2 * len(COMPUTATIONS)


def test_percent_rounding():
    from standards.computations.base import percent

    assert percent(2, 3) == Decimal("66.67")
    assert percent(1, 0) is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED_2025_WITH_WORK))
def test_lecturers_work_across_the_succession(world, built, name):
    add_lecturers_work(world, built)
    families = families_of([world.centre_a.pk, world.centre_a0.pk])
    outcomes = COMPUTATIONS[name].run(families, Period.of_year(2025))
    assert outcomes[world.centre_a.pk].value == EXPECTED_2025_WITH_WORK[name], outcomes[world.centre_a.pk]


@pytest.mark.django_db
def test_hours_are_added_up_over_the_succession(world, built):
    add_lecturers_work(world, built)
    families = families_of([world.centre_a.pk, world.centre_a0.pk])
    outcomes = COMPUTATIONS["hours_against_norm"].run(families, Period.of_year(2025))
    # The district centre alone: P1's 16 periods there fall short of the norm; P2 too.
    assert outcomes[world.centre_a0.pk].value == Decimal("0.00")
    assert outcomes[world.centre_a0.pk].detail == "0/2"
    assert outcomes[world.centre_a.pk].detail == "1/4"
