"""Lecturer pay per class: fee tables, ranks, own staff paid only as overtime, held sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lecturers.models import LecturerRank
from lecturers.pay import class_fee_lines, class_fee_sheet
from lecturers.tests.builders import fee_table, guest, held, make_class, teach
from tests import factories as f


@pytest.fixture
def klass(world):
    return make_class(world.centre_a, start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 30))


def _by_name(lines):
    return {line.lecturer.person.given_name: line for line in lines}


@pytest.mark.django_db
def test_fees_by_rank_title_and_own_staff(world, klass, django_assert_max_num_queries):
    fee_table(world.province, titles={("provincial", "Phó giáo sư"): 1_500_000})
    g = guest(world.centre_a, given_name="Khách")
    professor = guest(world.centre_a, given_name="Giáo")
    professor.academic_title = "phó giáo sư"
    professor.save()
    other_centre = f.LecturerFactory(centre=world.centre_b, person__given_name="Bạn")
    own = f.LecturerFactory(centre=world.centre_a, person__given_name="Nhà")
    director = f.LecturerFactory(centre=world.centre_a, kind="part_time", person__given_name="Đốc")
    f.StaffAssignmentFactory(centre=world.centre_a, person=director.person, position="director",
                             start_date=dt.date(2025, 7, 1))
    central = guest(world.centre_a, given_name="Trung")
    LecturerRank.objects.create(lecturer=central, rank="central")

    sessions = teach(klass, g, 3)
    sessions[2].attendance_taken = False
    sessions[2].save()
    teach(klass, professor, 1, periods=5)
    teach(klass, other_centre, 2)
    teach(klass, own, 2)
    teach(klass, director, 1)
    teach(klass, central, 1, periods=2, held=False)

    with django_assert_max_num_queries(4):
        lines = _by_name(class_fee_lines(klass, held_only=False))
    assert (lines["Khách"].rank, lines["Khách"].sessions, lines["Khách"].periods) == ("provincial", 3, 12)
    assert lines["Khách"].rate == Decimal(1_200_000) and lines["Khách"].amount == Decimal(3_600_000)
    # A session of five periods against a table of four: 5/4 of the fee.
    assert lines["Giáo"].rate == Decimal(1_500_000) and lines["Giáo"].amount == Decimal(1_875_000)
    assert lines["Bạn"].rank == "centre" and lines["Bạn"].amount == Decimal(1_200_000)
    assert lines["Nhà"].rate == 0 and lines["Nhà"].amount == 0 and lines["Nhà"].periods == 8
    assert lines["Đốc"].rate == 0 and lines["Đốc"].amount == 0
    assert lines["Trung"].rate == Decimal(2_000_000) and lines["Trung"].amount == Decimal(1_000_000)

    settled = _by_name(class_fee_lines(klass, held_only=True))
    assert settled["Khách"].sessions == 2 and settled["Khách"].amount == Decimal(2_400_000)
    assert "Trung" not in settled
    held(sessions[2], world.officer_a)
    assert _by_name(class_fee_lines(klass, held_only=True))["Khách"].sessions == 3


@pytest.mark.django_db
def test_default_table_where_the_province_has_none(world, klass):
    teach(klass, guest(world.centre_a), 2)
    sheet = class_fee_sheet(klass, held_only=True)
    assert sheet.table.is_editable_default
    assert sheet.total == Decimal(2_000_000)  # provincial rank of the default table: 1.000.000 a session


@pytest.mark.django_db
def test_the_table_in_force_on_the_class_start(world, klass):
    fee_table(world.province, provincial=900_000, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 12, 31))
    fee_table(world.province, provincial=1_300_000, valid_from=dt.date(2026, 1, 1))
    teach(klass, guest(world.centre_a), 1)
    assert class_fee_lines(klass, held_only=False)[0].rate == Decimal(1_300_000)


@pytest.mark.django_db
def test_a_class_without_sessions_has_no_lines(world, klass):
    assert class_fee_lines(klass, held_only=False) == []
