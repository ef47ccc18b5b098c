"""Generate, write, submit (frozen, numbered, audited), data changed since, corrected version; bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from reports import services
from reports.models import Report
from reports.selectors import differences, report_tables
from reports.tests.builders import build, quarterly, written, yearly
from tests import factories as f
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def _q1(world, actor=None):
    return services.generate_report(actor=actor or world.officer_a, centre=world.centre_a, kind=quarterly(),
                                    year=2026, number=1)


def test_generate_covers_the_quarter(world):
    report = _q1(world)
    assert (report.start_date, report.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert report.status == Report.Status.DRAFT and report.deadline == dt.date(2026, 4, 10)
    assert AuditEvent.objects.filter(action="create", object_id=str(report.pk)).exists()


@pytest.mark.parametrize("kind, number, start, end, field", [
    ("quarterly", 5, None, None, "number"),
    ("six_monthly", 3, None, None, "number"),
    ("yearly", 2, None, None, "number"),
    ("quarterly", 1, dt.date(2026, 1, 1), dt.date(2026, 2, 1), "start_date"),
    ("ad_hoc", 1, None, None, "start_date"),
    ("ad_hoc", 1, dt.date(2026, 3, 1), dt.date(2026, 2, 1), "end_date"),
])
def test_a_period_that_does_not_match_the_kind_is_refused(world, kind, number, start, end, field):
    from reports.models import ReportKind

    with pytest.raises(ValidationError) as error:
        services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=ReportKind.objects.get(code=kind),
                                 year=2026, number=number, start=start, end=end)
    assert field in error.value.message_dict
    assert not Report.objects.exists()


def test_the_same_period_twice_is_refused(world):
    _q1(world)
    with pytest.raises(ValidationError):
        _q1(world)
    assert Report.objects.count() == 1


def test_outside_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.generate_report(actor=world.officer_b, centre=world.centre_a, kind=quarterly(), year=2026, number=1)
    with pytest.raises(PermissionDenied):
        _q1(world, actor=world.viewer_a)


def test_empty_mandatory_texts_block_submission(world):
    report = _q1(world)
    services.save_texts(actor=world.officer_a, report=report, texts={"results": "  ", "limitations": "Ít lớp."})
    with pytest.raises(ValidationError) as error:
        services.submit_report(actor=world.director_a, report=report)
    assert set(error.value.message_dict) == {"results", "proposals"}
    assert "Kết quả đạt được" in error.value.message_dict["results"][0]
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.snapshot is None and report.doc_number is None


def test_only_the_director_submits(world):
    report = written(_q1(world), world.officer_a)
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=world.officer_a, report=report)


def test_submission_freezes_numbers_and_text_and_numbers_the_document(world):
    data = build(world)
    report = written(_q1(world), world.officer_a)
    report = services.submit_report(actor=world.director_a, report=report)
    assert report.doc_label == "01-BC/TTCT" and report.term.label == "2025–2030"
    plan = next(t for t in report.snapshot["tables"] if t["key"] == "plan_actual")
    assert plan["total"]["learners"] == 4
    assert report.snapshot["texts"]["results"] == "Hoàn thành tốt kế hoạch quý."
    event = AuditEvent.objects.get(action="issue", object_id=str(report.pk))
    assert event.after["document"] == "01-BC/TTCT" and event.actor == world.director_a
    # Later data changes do not move the submitted report, and the difference is shown.
    Enrolment.objects.create(klass=data["k1"], person=f.PersonFactory(centre=world.centre_a, given_name="Muộn"))
    report.refresh_from_db()
    assert next(t for t in report_tables(report) if t["key"] == "plan_actual")["total"]["learners"] == 4
    changes = differences(report)
    learners = [c for c in changes if c["section_key"] == "plan_actual" and c["column"] == "Số học viên"]
    assert {(c["row"], c["was"], c["now"]) for c in learners} >= {("Tổng cộng", 4, 5)}
    with pytest.raises(ValidationError, match="already submitted|đã được gửi"):
        services.submit_report(actor=world.director_a, report=report)


def test_numbers_run_per_centre_within_the_term(world):
    first = services.submit_report(actor=world.director_a, report=written(_q1(world), world.officer_a))
    second = services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=yearly(), year=2026)
    second = services.submit_report(actor=world.director_a, report=written(second, world.officer_a))
    assert (first.doc_number, second.doc_number) == (1, 2) and second.doc_label == "02-BC/TTCT"


def test_a_corrected_version_keeps_both(world):
    data = build(world)
    submitted = services.submit_report(actor=world.director_a, report=written(_q1(world), world.officer_a))
    Enrolment.objects.create(klass=data["k2"], person=f.PersonFactory(centre=world.centre_a, given_name="Thêm"))
    with pytest.raises(ValidationError):
        services.start_correction(actor=world.officer_a, report=submitted, reason=" ")
    correction = services.start_correction(actor=world.officer_a, report=submitted, reason="Bổ sung học viên lớp K2")
    assert correction.version == 2 and correction.supersedes == submitted and correction.texts == submitted.texts
    assert AuditEvent.objects.filter(action="correct", reason="Bổ sung học viên lớp K2").exists()
    with pytest.raises(ValidationError):
        services.start_correction(actor=world.officer_a, report=submitted, reason="lần nữa")
    corrected = services.submit_report(actor=world.director_a, report=correction)
    submitted.refresh_from_db()
    totals = [next(t for t in r.snapshot["tables"] if t["key"] == "plan_actual")["total"]["learners"]
              for r in (submitted, corrected)]
    assert totals == [4, 5] and corrected.doc_label == "02-BC/TTCT"
    assert Report.objects.filter(centre=world.centre_a).count() == 2


def test_a_submitted_report_text_cannot_change(world):
    report = services.submit_report(actor=world.director_a, report=written(_q1(world), world.officer_a))
    with pytest.raises(ValidationError):
        services.save_texts(actor=world.officer_a, report=report, texts={"results": "khác"})
    report.refresh_from_db()
    assert report.texts["results"] == "Hoàn thành tốt kế hoạch quý."
