"""Teaching load arithmetic against hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lecturers.load import centre_summaries, load_rows
from lecturers.models import LoadEntry, LoadPost, NormTable
from lecturers.tests.builders import fee_table, guest, make_class, teach
from lecturers.years import period_of, year_of
from tests import factories as f

YEAR = 2026


@pytest.fixture
def classes(world):
    return (make_class(world.centre_a, start=dt.date(2026, 1, 5), end=dt.date(2026, 11, 30)),
            make_class(world.centre_b, start=dt.date(2026, 1, 5), end=dt.date(2026, 11, 30)))


def _row(rows, lecturer):
    return next(r for r in rows if r.lecturer.pk == lecturer.pk)


@pytest.mark.django_db
def test_director(world, classes, django_assert_max_num_queries):
    director = f.LecturerFactory(centre=world.centre_a, kind="part_time")
    f.StaffAssignmentFactory(centre=world.centre_a, person=director.person, position="director",
                             start_date=dt.date(2025, 7, 1))
    teach(classes[0], director, 7)  # 28 periods held
    teach(classes[0], director, 2, held=False)  # planned only: not counted
    LoadEntry.objects.create(lecturer=director, year=YEAR, kind="work", coefficient_code="essay", quantity=50)
    LoadEntry.objects.create(lecturer=director, year=YEAR, kind="work", coefficient_code="head_teacher", quantity=1)
    with django_assert_max_num_queries(10):
        row = _row(load_rows([world.centre_a.pk], YEAR), director)
    # Norm 40 standard / 30 lecturing; 28 + 50 × 0,1 + 1 × 5 = 38 delivered.
    assert (row.post, row.required_standard, row.required_lecturing) == ("director", 40, 30)
    assert (row.taught_periods, row.lecture_hours, row.other_hours, row.delivered) == (28, 28, 10, 38)
    assert row.balance == -2 and row.lecturing_short == 2 and row.overtime_periods == 0
    assert not row.meets_norm


@pytest.mark.django_db
def test_full_time_lecturer_with_an_office_role(world, classes):
    fee_table(world.province, centre=600_000)  # 150.000 đ a period
    lecturer = f.LecturerFactory(centre=world.centre_a)
    LoadPost.objects.create(lecturer=lecturer, year=YEAR, post="lecturer_office")
    LoadEntry.objects.create(lecturer=lecturer, year=YEAR, kind="study", percent=20)
    LoadEntry.objects.create(lecturer=lecturer, year=YEAR, kind="work", coefficient_code="topic_new", quantity=1)
    teach(classes[0], lecturer, 25)  # 100 periods
    row = _row(load_rows([world.centre_a.pk], YEAR), lecturer)
    # Norm 90/45 reduced by 20 % → 72/36; delivered 100 + 20 = 120; 48 over the norm, paid as 72 periods.
    assert (row.required_standard, row.required_lecturing) == (72, 36)
    assert row.delivered == 120 and row.balance == 48
    assert row.overtime_periods == 48 and row.overtime_paid_periods == 72
    assert row.overtime_amount == Decimal(72 * 150_000)
    assert row.meets_norm


@pytest.mark.django_db
def test_guest_lecturer_at_two_centres_is_counted_at_each(world, classes):
    at_a = guest(world.centre_a)
    at_b = f.LecturerFactory(centre=world.centre_b, person=at_a.person, kind="guest")
    teach(classes[0], at_a, 3)  # 12 periods at A
    teach(classes[1], at_b, 2)  # 8 periods at B
    rows = load_rows([world.centre_a.pk, world.centre_b.pk], YEAR)
    row_a, row_b = _row(rows, at_a), _row(rows, at_b)
    assert (row_a.post, row_a.required_standard, row_a.taught_periods, row_a.overtime_periods) == (None, 0, 12, 0)
    assert row_b.taught_periods == 8 and row_b.delivered == 8


@pytest.mark.django_db
def test_overtime_is_capped_by_the_norm_table(world, classes):
    table = NormTable.objects.get(is_editable_default=True)
    table.overtime_cap = 10
    table.save()
    lecturer = f.LecturerFactory(centre=world.centre_a)
    teach(classes[0], lecturer, 33)  # 132 periods against 120
    row = _row(load_rows([world.centre_a.pk], YEAR), lecturer)
    assert row.balance == 12 and row.overtime_periods == 10 and row.overtime_paid_periods == 15


@pytest.mark.django_db
def test_school_year_boundaries(world, classes):
    NormTable.objects.filter(is_editable_default=True).update(year_kind="school")
    assert period_of(2026, "school") == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    assert year_of(dt.date(2026, 7, 1), "school") == 2027 and year_of(dt.date(2026, 6, 30), "school") == 2026
    lecturer = f.LecturerFactory(centre=world.centre_a)
    teach(classes[0], lecturer, 2, start=dt.date(2026, 6, 29))  # 29/6 and 30/6: school year 2026
    teach(classes[0], lecturer, 1, start=dt.date(2026, 9, 1))  # school year 2027
    assert _row(load_rows([world.centre_a.pk], 2026), lecturer).taught_periods == 8
    assert _row(load_rows([world.centre_a.pk], 2027), lecturer).taught_periods == 4


@pytest.mark.django_db
def test_centre_summaries(world, classes, django_assert_max_num_queries):
    lecturer = f.LecturerFactory(centre=world.centre_a)
    teach(classes[0], lecturer, 30)  # 120 periods: meets the norm
    f.LecturerFactory(centre=world.centre_a)  # nothing taught
    with django_assert_max_num_queries(10):
        summary = {s.centre_id: s for s in centre_summaries(
            [(world.centre_a.pk, "A"), (world.centre_b.pk, "B")], YEAR)}
    # The world's own lecturer profile at A is full-time too: three lecturers with a norm.
    assert summary[world.centre_a.pk].with_norm == 3 and summary[world.centre_a.pk].meeting_norm == 1
    assert summary[world.centre_a.pk].taught_periods == 120
    assert summary[world.centre_b.pk].lecturers == 0 and summary[world.centre_b.pk].share_meeting is None
