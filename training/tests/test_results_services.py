"""Score entry, results, approval, corrections and the recognition decision, through the services."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from curriculum.choices import GradingScheme
from training.models import Klass, Result, Score, Session
from training.results import services as services
from training.results.documents import recognition_document
from training.tests.factories.results import (
    approved_class,
    enrolments,
    fill_scores,
    make_class,
    mark_absent,
    staff_the_centre,
)

D = Decimal


def grid_entries(klass, values):
    components = list(klass.version.components.order_by("order"))
    return {
        (e.pk, c.pk): v
        for e, row in zip(enrolments(klass), values, strict=False)
        for c, v in zip(components, row, strict=True)
    }


def score_events():
    return AuditEvent.objects.filter(object_type="training.score")


# ------------------------------------------------------------------------------------------ the grid


def test_officer_records_scores_and_results_follow(world):
    klass = make_class(world, learners=2)
    summary = services.record_scores(
        actor=world.officer_a, klass=klass, entries=grid_entries(klass, [["7,5", "8.5"], ["4", "5"]])
    )
    assert (summary.created, summary.updated) == (4, 0)
    first, second = enrolments(klass)
    assert Result.objects.get(enrolment=first).final_score == D("8.1")
    assert Result.objects.get(enrolment=first).classification == "very_good"
    assert Result.objects.get(enrolment=first).completed
    assert Result.objects.get(enrolment=second).final_score == D("4.6")
    assert not Result.objects.get(enrolment=second).completed
    assert score_events().count() == 4


def test_changing_scores_keeps_the_old_value_in_the_audit(world):
    klass = make_class(world, learners=1)
    services.record_scores(actor=world.officer_a, klass=klass, entries=grid_entries(klass, [["7", "8"]]))
    summary = services.record_scores(actor=world.officer_a, klass=klass, entries=grid_entries(klass, [["7", "9,5"]]))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    event = score_events().filter(action=AuditEvent.Action.UPDATE).get()
    assert event.before == {"value": "8.0"} and event.after["value"] == "9.5"
    assert event.actor == world.officer_a


def test_one_bad_cell_refuses_the_whole_batch(world):
    klass = make_class(world, learners=2)
    entries = grid_entries(klass, [["7,5", "8"], ["11", "7,55"]])
    with pytest.raises(ValidationError) as caught:
        services.record_scores(actor=world.officer_a, klass=klass, entries=entries)
    second = enrolments(klass)[1]
    components = list(klass.version.components.order_by("order"))
    assert set(caught.value.error_dict) == {services.cell_name(second.pk, c.pk) for c in components}
    codes = {key: errors[0].code for key, errors in caught.value.error_dict.items()}
    assert sorted(codes.values()) == ["out_of_range", "too_many_decimals"]
    assert Score.objects.count() == 0 and Result.objects.count() == 0 and score_events().count() == 0


def test_cells_of_another_class_are_refused(world):
    klass = make_class(world, learners=1)
    other = make_class(world, learners=1)
    foreign = enrolments(other)[0]
    component = klass.version.components.first()
    with pytest.raises(ValidationError) as caught:
        services.record_scores(actor=world.officer_a, klass=klass, entries={(foreign.pk, component.pk): "7"})
    assert caught.value.error_dict[services.cell_name(foreign.pk, component.pk)][0].code == "unknown_cell"
    assert Score.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "lecturer_a", "learner_a", "supervisor"])
def test_only_the_centres_editors_enter_scores(world, persona):
    klass = make_class(world, learners=1)
    with pytest.raises(PermissionDenied):
        services.record_scores(actor=getattr(world, persona), klass=klass, entries=grid_entries(klass, [["7", "8"]]))
    assert Score.objects.count() == 0


def test_planned_class_takes_no_scores(world):
    klass = make_class(world, learners=1, status=Klass.Status.PLANNED)
    with pytest.raises(ValidationError) as caught:
        services.record_scores(actor=world.officer_a, klass=klass, entries=grid_entries(klass, [["7", "8"]]))
    assert caught.value.code == "not_open"


def test_absences_count_against_completion(world):
    klass = make_class(world, learners=2, topics=(("Chuyên đề 1", 8), ("Chuyên đề 2", 8)))  # 4 sessions
    absent = enrolments(klass)[0]
    mark_absent(klass, absent, 1)  # 25 % > 20 %
    fill_scores(klass, [[9, 9], [9, 9]])
    result = Result.objects.get(enrolment=absent)
    assert result.absence_percent == D("25.00") and not result.completed and result.reasons == ["absence"]
    assert Result.objects.exclude(enrolment=absent).get().completed


def test_pass_fail_programme(world):
    klass = make_class(world, learners=2, scheme=GradingScheme.PASS_FAIL)
    fill_scores(klass, [[6, 6], [2, 3]])
    assert sorted(Result.objects.values_list("classification", flat=True)) == ["fail", "pass"]


# ------------------------------------------------------------------------------------------ approval


def test_director_approves_and_the_results_lock(world):
    klass = make_class(world, learners=2)
    fill_scores(klass, [[8, 7], [6, 6]])
    approved = services.approve_results(actor=world.director_a, klass=klass)
    klass.refresh_from_db()
    assert klass.status == Klass.Status.RESULTS_APPROVED and klass.results_locked
    assert klass.results_approved_by == world.director_a and approved.results_approved_at
    event = AuditEvent.objects.for_object(klass).get(action=AuditEvent.Action.APPROVE)
    assert event.before["status"] == "in_progress" and event.after["status"] == "results_approved"
    with pytest.raises(ValidationError) as caught:
        services.record_scores(actor=world.officer_a, klass=klass, entries=grid_entries(klass, [["1", "1"]]))
    assert caught.value.code == "locked"
    assert list(
        Score.objects.order_by("enrolment__person__sort_key", "component__order").values_list("value", flat=True)
    )[:2] != [D(1), D(1)]


@pytest.mark.parametrize("persona", ["officer_a", "supervisor", "viewer_a", "officer_b"])
def test_only_the_director_approves(world, persona):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 7]])
    with pytest.raises(PermissionDenied):
        services.approve_results(actor=getattr(world, persona), klass=klass)
    klass.refresh_from_db()
    assert klass.status == Klass.Status.IN_PROGRESS


def test_the_director_of_the_successor_approves_a_predecessor_class(world):
    klass = make_class(world, learners=1, centre=world.centre_a0)
    fill_scores(klass, [[8, 7]])
    services.approve_results(actor=world.director_a, klass=klass)
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.RESULTS_APPROVED


def test_approval_refuses_missing_scores(world):
    klass = make_class(world, learners=2)
    fill_scores(klass, [[8, 7], [6, None]])
    with pytest.raises(ValidationError) as caught:
        services.approve_results(actor=world.director_a, klass=klass)
    assert caught.value.code == "missing_scores"
    assert enrolments(klass)[1].person.full_name in caught.value.messages[0]
    klass.refresh_from_db()
    assert klass.status == Klass.Status.IN_PROGRESS and not AuditEvent.objects.filter(action="approve").exists()


def test_approval_refuses_a_timetable_that_does_not_match_the_programme(world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 7]])
    Session.objects.filter(klass=klass).order_by("-date").first().delete()
    with pytest.raises(ValidationError) as caught:
        services.approve_results(actor=world.director_a, klass=klass)
    assert caught.value.code == "timetable_mismatch"
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS


@pytest.mark.parametrize("status", [Klass.Status.OPEN, Klass.Status.PLANNED])
def test_approval_needs_a_class_in_progress(world, status):
    klass = make_class(world, learners=1, status=status)
    fill_scores(klass, [[8, 7]])
    with pytest.raises(ValidationError) as caught:
        services.approve_results(actor=world.director_a, klass=klass)
    assert caught.value.code == "not_in_progress"


def test_a_class_is_approved_once(world):
    klass = approved_class(world, learners=1)
    with pytest.raises(ValidationError) as caught:
        services.approve_results(actor=world.director_a, klass=klass)
    assert caught.value.code == "already_approved"


# ---------------------------------------------------------------------------------------- corrections


def test_correction_after_approval_needs_a_reason_and_keeps_the_old_value(world):
    klass = approved_class(world, learners=1, scores=[[4, 4]])
    enrolment = enrolments(klass)[0]
    score = Score.objects.get(enrolment=enrolment, component__order=2)
    assert not Result.objects.get(enrolment=enrolment).completed
    with pytest.raises(ValidationError):
        services.correct_score(actor=world.officer_a, score=score, value="8", reason="  ")
    assert Score.objects.get(pk=score.pk).value == D("4.0")

    score, result = services.correct_score(
        actor=world.officer_a, score=score, value="8,0", reason="Chấm phúc khảo bài kiểm tra"
    )
    assert score.value == D("8.0") and result.final_score == D("6.4") and result.completed
    event = AuditEvent.objects.get(action=AuditEvent.Action.CORRECT, object_type="training.score")
    assert event.before == {"value": "4.0"} and event.after == {"value": "8.0"}
    assert event.reason == "Chấm phúc khảo bài kiểm tra"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CORRECT, object_type="training.result").exists()


def test_correction_refuses_bad_values_and_same_values(world):
    klass = approved_class(world, learners=1)
    score = Score.objects.filter(enrolment__klass=klass).first()
    for value in ("12", "7,25", str(score.value)):
        with pytest.raises(ValidationError):
            services.correct_score(actor=world.officer_a, score=score, value=value, reason="sửa")
    assert Score.objects.get(pk=score.pk).value == score.value
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CORRECT).exists()


def test_correction_is_not_for_unapproved_results(world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 7]])
    score = Score.objects.filter(enrolment__klass=klass).first()
    with pytest.raises(ValidationError) as caught:
        services.correct_score(actor=world.officer_a, score=score, value="9", reason="sửa")
    assert caught.value.code == "not_locked"


def test_correction_by_an_outsider_is_refused(world):
    klass = approved_class(world, learners=1)
    score = Score.objects.filter(enrolment__klass=klass).first()
    with pytest.raises(PermissionDenied):
        services.correct_score(actor=world.officer_b, score=score, value="9", reason="sửa")


# ------------------------------------------------------------------------------ recognition decision


def test_recognition_decision_lists_completers_with_classification(world):
    staff_the_centre(world)
    klass = approved_class(world, learners=3, scores=[[9, 9], [7, 7], [3, 3]])
    services.set_recognition_decision(
        actor=world.officer_a, klass=klass, number="15-QĐ/TTCT", date=dt.date(2026, 3, 20)
    )
    document = recognition_document(Klass.objects.get(pk=klass.pk))
    assert len(document.annexes[0].table.rows) == 2
    assert {row[-1] for row in document.annexes[0].table.rows} == {"Xuất sắc", "Khá"}
    assert document.number == "15-QĐ/TTCT" and document.place == "Yên Sơn"
    assert document.parent_bodies == ("ĐẢNG ỦY XÃ YÊN SƠN",)
    assert document.signature.name == "Đỗ Minh Trí"
    assert "Công nhận 2 học viên" in document.articles[0].paragraphs[0]

    from core.documents import render_docx, render_pdf

    word = render_docx(document)
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        body = archive.read("word/document.xml").decode()
    failed = enrolments(klass)
    names = {e.person.full_name for e in failed}
    assert sum(name in body for name in names) == 2
    assert render_pdf(document).startswith(b"%PDF")


def test_recognition_decision_waits_for_approval(world):
    klass = make_class(world, learners=1)
    with pytest.raises(ValidationError):
        services.set_recognition_decision(actor=world.officer_a, klass=klass, number="1", date=None)
    assert Klass.objects.get(pk=klass.pk).recognition_decision_number == ""
