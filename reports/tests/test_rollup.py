"""The province roll-up: totals equal the sum of the snapshots, who is late, the succession counted once."""

from __future__ import annotations

import datetime as dt

import pytest

from reports import services
from reports.rollup import build_rollup
from reports.tests.builders import build, quarterly, written, yearly
from tests import factories as f
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


def _submit(world, centre, kind, actor, director, **period):
    report = services.generate_report(actor=actor, centre=centre, kind=kind, **period)
    return services.submit_report(actor=director, report=written(report, actor))


def test_totals_equal_the_sum_of_the_snapshots(world):
    data = build(world)
    b_class = make.klass(world.centre_b, data["dvm"], status="in_progress", start_date=dt.date(2026, 2, 2),
                         end_date=dt.date(2026, 2, 6))
    for name in ("Một", "Hai"):
        make.enrol(b_class, f.PersonFactory(centre=world.centre_b, given_name=name))
    director_b = f.grant(f.UserFactory(username="director_b"), f.Role.CENTRE_DIRECTOR, centre=world.centre_b)
    a = _submit(world, world.centre_a, quarterly(), world.officer_a, world.director_a, year=2026, number=1)
    b = _submit(world, world.centre_b, quarterly(), world.officer_b, director_b, year=2026, number=1)
    rollup = build_rollup(province=world.province, kind=quarterly(), year=2026, number=1, today=dt.date(2026, 4, 30))
    assert {line.centre for line in rollup.counted} == {world.centre_a, world.centre_b}
    for table in rollup.tables:
        snapshots = [next(t for t in r.snapshot["tables"] if t["key"] == table["key"]) for r in (a, b)]
        for column in table["columns"]:
            if not column["percent"]:
                assert table["total"][column["key"]] == sum(s["total"][column["key"]] for s in snapshots), \
                    (table["key"], column["key"])
    plan = next(t for t in rollup.tables if t["key"] == "plan_actual")
    assert plan["total"]["learners"] == 6 and plan["total"]["classes"] == 3
    # the percentage is recomputed from the sums, not added up: 6 of 140 planned learners
    assert plan["total"]["pct_learners"] == 4
    breakdown = dict((line.centre.code, total["learners"]) for line, total in rollup.breakdown("plan_actual"))
    assert breakdown == {"A": 4, "B": 2}
    ranking = [r["centre"].code for r in rollup.comparison()]
    assert ranking == ["A", "B"]  # A has a plan (4 % of it), B none


def test_who_submitted_and_who_is_late(world):
    _submit(world, world.centre_a, quarterly(), world.officer_a, world.director_a, year=2026, number=1)
    services.generate_report(actor=world.officer_b, centre=world.centre_b, kind=quarterly(), year=2026, number=1)
    before = build_rollup(province=world.province, kind=quarterly(), year=2026, number=1, today=dt.date(2026, 4, 5))
    statuses = {line.centre.code: line.status for line in before.lines}
    assert statuses["B"] == "draft" and statuses["A"] in {"submitted", "submitted_late"}
    after = build_rollup(province=world.province, kind=quarterly(), year=2026, number=1, today=dt.date(2026, 4, 11))
    assert {line.centre.code: line.status for line in after.lines}["B"] == "late"
    assert world.centre_c not in [line.centre for line in after.lines]  # another province
    assert world.centre_a0 not in [line.centre for line in after.lines]  # closed, nothing submitted


def test_the_succession_period_is_counted_once(world):
    build(world)
    # The former district centre also sent a yearly 2025 report before it closed.
    old = _submit(world, world.centre_a0, yearly(), world.officer_a, world.director_a, year=2025)
    new = _submit(world, world.centre_a, yearly(), world.officer_a, world.director_a, year=2025)
    old_total = next(t for t in old.snapshot["tables"] if t["key"] == "plan_actual")["total"]
    new_total = next(t for t in new.snapshot["tables"] if t["key"] == "plan_actual")["total"]
    assert (old_total["classes"], new_total["classes"], new_total["learners"]) == (1, 2, 3)
    rollup = build_rollup(province=world.province, kind=yearly(), year=2025, today=dt.date(2026, 2, 1))
    plan = next(t for t in rollup.tables if t["key"] == "plan_actual")
    assert plan["total"]["classes"] == 2 and plan["total"]["learners"] == 3
    a0 = next(line for line in rollup.lines if line.centre == world.centre_a0)
    assert a0.status == "counted_in_successor" and a0.counted_in == world.centre_a


def test_no_submissions_leaves_nothing_to_add_up(world):
    rollup = build_rollup(province=world.province, kind=quarterly(), year=2026, number=2)
    assert rollup.counted == [] and all(t["rows"] == [] for t in rollup.tables)


def test_rollup_queries_do_not_grow_with_centres(world, django_assert_max_num_queries):
    for i in range(3):
        centre = f.CentreFactory(province=world.province, code=f"X{i}")
        director = f.grant(f.UserFactory(username=f"dx{i}"), f.Role.CENTRE_DIRECTOR, centre=centre)
        officer = f.grant(f.UserFactory(username=f"ox{i}"), f.Role.TRAINING_OFFICER, centre=centre)
        _submit(world, centre, quarterly(), officer, director, year=2026, number=1)
    with django_assert_max_num_queries(6):
        rollup = build_rollup(province=world.province, kind=quarterly(), year=2026, number=1)
        rollup.comparison()
    assert len(rollup.counted) == 3
