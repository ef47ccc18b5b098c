"""Every section against the hand-counted data of builders.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.sections import TABLES, TOTAL, Frame, compute_tables, finish
from reports.selectors import lineage_ids
from reports.tests.builders import build
from tests import factories as f
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def _table(world, key, period=Q1):
    frame = Frame(lineage_ids(world.centre_a), *period)
    return finish(TABLES[key], TABLES[key].compute(frame)), frame


def _rows(table):
    return {r["label"]: r["cells"] for r in table["rows"]}


def test_lineage_includes_the_predecessor(world):
    assert lineage_ids(world.centre_a) == (world.centre_a.pk, world.centre_a0.pk)
    assert lineage_ids(world.centre_b) == (world.centre_b.pk,)


def test_plan_against_actual(world):
    data = build(world)
    table, _frame = _table(world, "plan_actual")
    rows = _rows(table)
    dvm = rows[data["dvm"].programme.name]
    assert dvm == {"planned_classes": 2, "planned_learners": 100, "classes": 2, "learners": 4,
                   "pct_classes": 100, "pct_learners": 4}
    sc = rows["Sơ cấp lý luận chính trị"]
    assert sc["classes"] == 0 and sc["planned_learners"] == 40 and sc["pct_learners"] == 0
    assert table["total"] == {"planned_classes": 3, "planned_learners": 140, "classes": 2, "learners": 4,
                              "pct_classes": 67, "pct_learners": 3}


def test_sending_organisations(world):
    build(world)
    table, _frame = _table(world, "sending_organisations")
    rows = _rows(table)
    assert rows["Đảng ủy xã Yên Sơn"] == {"learners": 2, "completed": 2, "pct_completed": 100}
    assert rows["Đoàn xã Yên Sơn"] == {"learners": 1, "completed": 0, "pct_completed": 0}
    assert rows["Chưa ghi đơn vị cử"]["learners"] == 1
    assert table["total"]["learners"] == 4


def test_completion_and_classification(world):
    build(world)
    table, _frame = _table(world, "completion")
    (cells,) = [r["cells"] for r in table["rows"]]
    assert cells == {"classes": 1, "learners": 3, "completed": 2, "not_completed": 1, "pct_completed": 67,
                     "excellent": 1, "very_good": 0, "good": 1, "average": 0, "passed": 0}


def test_certificates_issued_and_revoked(world):
    build(world)
    table, _frame = _table(world, "certificates")
    assert table["total"] == {"issued": 2, "reissued": 0, "revoked": 1}
    later, _frame = _table(world, "certificates", (dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
    assert later["rows"] == []


def test_staff_and_lecturers_by_post_and_qualification(world):
    build(world)
    staff, _frame = _table(world, "staff")
    rows = _rows(staff)
    assert rows["Giám đốc"] == {"total": 1, "women": 1, "theory_high": 1, "theory_mid": 0, "postgraduate": 1,
                                "bachelor": 0}
    assert rows["Chuyên viên"] == {"total": 1, "women": 0, "theory_high": 0, "theory_mid": 1, "postgraduate": 0,
                                   "bachelor": 1}
    lecturers, _frame = _table(world, "lecturers")
    rows = _rows(lecturers)
    assert rows["Giảng viên chuyên trách"]["total"] == 1
    assert rows["Giảng viên kiêm nhiệm"] == {"total": 1, "women": 0, "theory_high": 1, "theory_mid": 0,
                                             "postgraduate": 1, "bachelor": 0, "pedagogy": 1}


def test_facilities(world):
    build(world)
    table, _frame = _table(world, "facilities")
    assert _rows(table) == {"Hội trường": {"rooms": 1, "seats": 120}, "Phòng học": {"rooms": 1, "seats": 40}}
    assert table["total"] == {"rooms": 2, "seats": 160}


def test_the_2025_succession_counts_both_halves_once(world):
    build(world)
    table, _frame = _table(world, "plan_actual", (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert table["total"]["classes"] == 2 and table["total"]["learners"] == 3


@pytest.mark.parametrize("key, row, column, expected", [
    ("plan_actual", TOTAL, "classes", 2), ("plan_actual", TOTAL, "learners", 4), ("plan_actual", TOTAL, "planned_classes", 2),
    ("sending_organisations", TOTAL, "completed", 2), ("completion", TOTAL, "not_completed", 1),
    ("completion", TOTAL, "excellent", 1), ("certificates", TOTAL, "revoked", 1), ("certificates", TOTAL, "issued", 2),
    ("staff", TOTAL, "women", 1), ("lecturers", TOTAL, "pedagogy", 1), ("facilities", TOTAL, "rooms", 2),
])
def test_each_cell_drills_down_to_the_records_it_counts(world, key, row, column, expected):
    build(world)
    _table_, frame = _table(world, key)
    _kind, records = TABLES[key].records(frame, row, column)
    assert records.count() == expected


def test_drill_down_of_a_row(world):
    data = build(world)
    frame = Frame(lineage_ids(world.centre_a), *Q1)
    kind, records = TABLES["sending_organisations"].records(frame, str(data["org_x"].pk), "learners")
    assert kind == "enrolments" and set(records.values_list("pk", flat=True)) == {data["e1"].pk,
                                                                                   data["e1"].pk + 1}
    kind, records = TABLES["plan_actual"].records(frame, f"{data['dvm'].programme_id}:", "classes")
    assert set(records) == {data["k1"], data["k2"]}


def test_tables_use_a_fixed_number_of_queries(world):
    data = build(world)
    frame = Frame(lineage_ids(world.centre_a), *Q1)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            tables = compute_tables(list(TABLES), frame)
        assert len(tables) == len(TABLES)
        return len(captured)

    before = count()
    for i in range(3):
        extra = make.klass(world.centre_a, data["dvm"], status="closed", start_date=dt.date(2026, 2, 2 + i),
                           end_date=dt.date(2026, 2, 6 + i))
        make.enrol(extra, f.PersonFactory(centre=world.centre_a, given_name=f"Thêm {i}"))
        f.LecturerFactory(centre=world.centre_a, kind="guest")
        make.room(world.centre_a, f"Phòng thêm {i}")
    assert count() == before <= 30


def test_averages_and_thousands():
    from reports.documents import number_text
    from reports.sections.base import Col, TableSection

    section = TableSection(key="t", title="t", columns=(
        Col("total", "t"), Col("answers", "a"), Col("mean", "m", ratio=("total", "answers"), average=True)),
        compute=lambda frame: [], records=lambda frame, row, col: ("classes", None))
    table = finish(section, [{"key": "x", "label": "x", "cells": {"total": 84, "answers": 10}},
                             {"key": "y", "label": "y", "cells": {"total": 16128, "answers": 2000}}])
    assert table["rows"][0]["cells"]["mean"] == 8.4 and table["total"]["mean"] == 8.1
    assert number_text(8.4) == "8,4" and number_text(16212) == "16.212" and number_text(None) == "–"
