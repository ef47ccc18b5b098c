"""Reads for the results pages: the score grid of a class as prepared arrays.

The grid of a 200-learner class has a thousand score cells. It is read as plain values in a fixed
number of queries (components, learners with their results, scores), one list of score texts per
learner filled by the component's column, so no model object is built per learner or per cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from core.prepared import Prepared
from core.text import format_decimal, join_full_name
from curriculum.models import AssessmentComponent
from training.models import Enrolment, Klass, Score
from training.results.rules import REASON_LABELS, classification_label


@dataclass(frozen=True)
class ScoreRow:
    index: int  # the row's number in the grid, from 1
    enrolment_id: int
    full_name: str
    texts: list[str]  # one score per component, as typed ("7,5"), "" where none
    final: str = ""
    classification: str = ""
    absent: str = ""
    completed: bool | None = None  # None while the learner has no computed result
    reasons: str = ""


def grid_components(klass: Klass) -> list[AssessmentComponent]:
    """The grid's columns: the programme version's assessment components in their order (one query)."""
    return list(klass.version.components.order_by("order"))


def _active_in(klass_id: int):
    return Enrolment.objects.filter(klass_id=klass_id, status=Enrolment.Status.ENROLLED).order_by(
        "person__sort_key", "pk")


def grid_learners(klass: Klass) -> list[tuple[int, str]]:
    """(enrolment id, full name) of the active learners in the grid's order: Vietnamese name order (one query)."""
    return [
        (pk, join_full_name(family, middle, given))
        for pk, family, middle, given in _active_in(klass.pk).values_list(
            "pk", "person__family_name", "person__middle_name", "person__given_name"
        )
    ]


def _grid_results(klass_id: int):
    return _active_in(klass_id).values_list(
        "pk", "person__family_name", "person__middle_name", "person__given_name", "result__id",
        "result__final_score", "result__classification", "result__absence_percent", "result__completed",
        "result__reasons",
    )


def _grid_scores(klass_id: int):
    return Score.objects.filter(
        enrolment__klass_id=klass_id, enrolment__status=Enrolment.Status.ENROLLED, value__isnull=False
    ).values_list("enrolment_id", "component_id", "value")


# Compiled once (and prepared on PostgreSQL): building and planning the two reads was a tenth of the
# 200-learner grid's time. Their rows come as the driver gives them, so the result's reasons are JSON text.
_GRID_RESULTS, _GRID_SCORES = (Prepared(read, -6_120_448_913) for read in (_grid_results, _grid_scores))


def score_grid(klass: Klass, components: list[AssessmentComponent]) -> list[ScoreRow]:
    """One row per active learner with the score text of each component and the computed result (two queries)."""
    column = {component.pk: i for i, component in enumerate(components)}
    learners = _GRID_RESULTS.rows(klass.pk)
    empty = [""] * len(components)
    texts: dict[int, list[str]] = {learner[0]: empty.copy() for learner in learners}
    shown: dict = {}  # score -> its text, formatted once per distinct value
    for enrolment_id, component_id, value in _GRID_SCORES.rows(klass.pk):
        row, col = texts.get(enrolment_id), column.get(component_id)
        if row is not None and col is not None:
            text = shown.get(value)
            if text is None:
                text = shown[value] = format_decimal(value)
            row[col] = text
    classifications: dict[str, str] = {}
    reasons_text: dict = {}  # the stored reasons (JSON text) -> their labels, worked out once per distinct list
    rows = []
    for index, (pk, family, middle, given, result_id, final, classification, absent, completed, reasons) in (
        enumerate(learners, start=1)
    ):
        full_name = join_full_name(family, middle, given)
        if result_id is None:
            rows.append(ScoreRow(index=index, enrolment_id=pk, full_name=full_name, texts=texts[pk]))
            continue
        if classification not in classifications:
            classifications[classification] = classification_label(classification)
        why = reasons if reasons is None or isinstance(reasons, str) else tuple(reasons)
        if why not in reasons_text:
            listed = json.loads(why) if isinstance(why, str) else (why or ())
            reasons_text[why] = "; ".join(str(REASON_LABELS.get(r, r)) for r in listed)
        rows.append(ScoreRow(
            index=index, enrolment_id=pk, full_name=full_name, texts=texts[pk],
            final=format_decimal(final), classification=classifications[classification],
            absent=f"{format_decimal(absent, 0)}%", completed=completed, reasons=reasons_text[why],
        ))
    return rows
