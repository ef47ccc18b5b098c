"""The lecturers' sections against hand-counted data: hours against the norm, feedback averages."""

from __future__ import annotations

import datetime as dt

import pytest

from lecturers.models import SurveyItem
from lecturers.services import feedback as surveys
from lecturers.tests.builders import teach
from reports.sections import TABLES, Frame, finish
from reports.selectors import lineage_ids
from reports.tests.builders import build

pytestmark = pytest.mark.django_db
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def _table(world, key):
    frame = Frame(lineage_ids(world.centre_a), *Q1)
    return finish(TABLES[key], TABLES[key].compute(frame)), frame


def test_lecturer_hours_against_the_norm(world):
    data = build(world)
    teach(data["k1"], world.lecturer_profile, 5, periods=4)  # 20 periods held in March 2026
    table, frame = _table(world, "lecturer_hours")
    rows = {r["key"]: r["cells"] for r in table["rows"]}
    # the full-time lecturer: the 2010 default norm of 120 standard hours, 20 delivered
    assert rows["lecturer"] == {"lecturers": 1, "meeting": 0, "required": 120, "delivered": 20, "pct_delivered": 17,
                                "taught": 20, "overtime": 0}
    assert rows["none"]["lecturers"] == 1 and rows["none"]["required"] == 0  # the part-time lecturer
    kind, records = TABLES["lecturer_hours"].records(frame, "lecturer", "lecturers")
    assert kind == "lecturers" and list(records) == [world.lecturer_profile]


def test_feedback_averages(world):
    data = build(world)
    teach(data["k1"], world.lecturer_profile, 2)
    survey = surveys.open_survey(actor=world.officer_a, klass=data["k1"])
    codes = list(survey.codes.values_list("code", flat=True))
    ratings = list(survey.items.filter(kind="rating"))
    for code, score in zip(codes[:2], (9, 7), strict=True):
        surveys.submit_answers(survey=survey, code=code, answers={i.pk: str(score) for i in ratings})
    table, frame = _table(world, "feedback")
    per_section = {}
    for item in SurveyItem.objects.filter(survey=survey, kind="rating"):
        per_section[item.section] = per_section.get(item.section, 0) + 1
    rows = {r["key"]: r["cells"] for r in table["rows"]}
    assert set(rows) == set(per_section)
    for section, items in per_section.items():
        assert rows[section] == {"surveys": 1, "answers": 2 * items, "score": 16 * items, "average": 8.0}
    assert table["total"]["average"] == 8.0
    kind, records = TABLES["feedback"].records(frame, "__total__", "answers")
    assert list(records) == [data["k1"]]


def test_feedback_below_the_threshold_is_not_counted(world):
    data = build(world)
    teach(data["k1"], world.lecturer_profile, 1)
    survey = surveys.open_survey(actor=world.officer_a, klass=data["k1"])
    ratings = list(survey.items.filter(kind="rating"))
    surveys.submit_answers(survey=survey, code=survey.codes.first().code, answers={i.pk: "10" for i in ratings})
    table, _frame = _table(world, "feedback")
    assert table["rows"] == []  # one answer: under the survey's minimum of two
