"""Self-assessment: opening, declared values with evidence, the frozen snapshot, review and recognition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEvent
from standards.models import Assessment, AssessmentValue, Evidence
from standards.services import assessments, review
from standards.tests.builders import build_succession_centre
from standards.tests.support import PNG, declare_everything, lenient_framework, open_default, pdf
from training.models import Klass


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_open_fills_a_value_per_indicator_and_refuses_a_second(world):
    assessment = open_default(world)
    assert assessment.values.count() == assessment.framework.indicators.count()
    with pytest.raises(ValidationError):
        assessments.open_assessment(actor=world.officer_a, centre=world.centre_a, framework=assessment.framework,
                                    year=2025)
    with pytest.raises(PermissionDenied):
        assessments.open_assessment(actor=world.officer_b, centre=world.centre_a, framework=assessment.framework,
                                    year=2026)


@pytest.mark.django_db
def test_submission_needs_value_and_evidence_for_declared(world):
    assessment = open_default(world)
    with pytest.raises(ValidationError) as error:
        assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    assert "1.1.1" in error.value.messages[0]
    row = assessment.values.get(indicator__code="1.1.1")
    assessments.declare_value(actor=world.officer_a, value=row, amount=Decimal(1))
    with pytest.raises(ValidationError):
        assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert not assessment.values.filter(frozen_at__isnull=False).exists()


@pytest.mark.django_db
def test_evidence_must_be_pdf_or_image_within_the_limit(world, settings):
    assessment = open_default(world)
    row = assessment.values.get(indicator__code="1.1.1")
    with pytest.raises(ValidationError) as error:
        assessments.add_evidence(actor=world.officer_a, value=row,
                                 upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"))
    assert "x.pdf" in error.value.messages[0]
    settings.STANDARDS_EVIDENCE_MAX_BYTES = 20
    with pytest.raises(ValidationError):
        assessments.add_evidence(actor=world.officer_a, value=row, upload=pdf(content=b"%PDF-" + b"0" * 40))
    assert not Evidence.objects.exists()
    settings.STANDARDS_EVIDENCE_MAX_BYTES = 10_000
    evidence = assessments.add_evidence(actor=world.officer_a, value=row,
                                        upload=SimpleUploadedFile("anh.png", PNG))
    assert evidence.content_type == "image/png" and len(evidence.sha256) == 64
    import hashlib

    assert evidence.sha256 == hashlib.sha256(PNG).hexdigest()


@pytest.mark.django_db
def test_declared_value_outside_unit_refused(world):
    assessment = open_default(world)
    row = assessment.values.get(indicator__code="6.1.3")
    with pytest.raises(ValidationError):
        assessments.declare_value(actor=world.officer_a, value=row, amount=Decimal(140))
    row.refresh_from_db()
    assert row.value is None


@pytest.mark.django_db
def test_snapshot_does_not_move_after_submission(world):
    build_succession_centre(world)
    assessment = open_default(world)
    declare_everything(world.officer_a, assessment)
    with pytest.raises(PermissionDenied):
        assessments.submit_assessment(actor=world.officer_a, assessment=assessment)
    assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    held = AssessmentValue.objects.get(assessment=assessment, indicator__code="3.1.3")
    assert held.value == 3 and held.frozen_at and held.source_model == "classes" and len(held.source_ids) == 3
    Klass.objects.filter(centre=world.centre_a, status=Klass.Status.PLANNED).update(status=Klass.Status.OPEN)
    held.refresh_from_db()
    assert held.value == 3
    from standards.selectors import assessment_rows, framework_tree

    tree = framework_tree(assessment.framework)
    rows = {r.indicator.code: r for r in assessment_rows(Assessment.objects.get(pk=assessment.pk), tree)}
    assert rows["3.1.3"].value == 3
    with pytest.raises(ValidationError):
        assessments.declare_value(actor=world.officer_a, value=assessment.values.get(indicator__code="1.1.1"),
                                  amount=Decimal(0))


@pytest.mark.django_db
def test_review_flow_return_resubmit_recognise(world):
    Klass.objects.create  # noqa: B018 - the centre holds one class in the year
    from training.tests.factories.classes import klass

    klass(world.centre_a, status=Klass.Status.IN_PROGRESS, start_date=dt.date(2025, 9, 1),
          end_date=dt.date(2025, 9, 5))
    framework = lenient_framework(world)
    assessment = assessments.open_assessment(actor=world.officer_a, centre=world.centre_a, framework=framework,
                                             year=2025)
    with pytest.raises(ValidationError):
        review.review_value(actor=world.supervisor, value=assessment.values.first(), agreed=True)
    declare_everything(world.officer_a, assessment)
    assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.self_level.code == "1"
    with pytest.raises(PermissionDenied):
        review.start_review(actor=world.director_a, assessment=assessment)
    computed = assessment.values.get(indicator__code="1.1.1")
    with pytest.raises(ValidationError):
        review.review_value(actor=world.supervisor, value=computed, agreed=False, reviewed=Decimal(0), comment="")
    review.review_value(actor=world.supervisor, value=computed, agreed=False, reviewed=Decimal(0),
                        comment="Lớp chưa đủ hồ sơ")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.UNDER_REVIEW
    level1 = framework.levels.get(code="1")
    with pytest.raises(ValidationError):
        review.close_assessment(actor=world.supervisor, assessment=assessment, level=level1,
                                decision_number="12-QĐ/TU", decision_date=dt.date(2026, 1, 15))
    review.return_assessment(actor=world.supervisor, assessment=assessment, reason="Bổ sung hồ sơ lớp")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED and assessment.is_editable
    assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    computed.refresh_from_db()
    assert computed.review_agreed is None
    review.review_value(actor=world.supervisor, value=computed, agreed=True)
    with pytest.raises(ValidationError):
        review.close_assessment(actor=world.supervisor, assessment=assessment, level=level1)
    review.close_assessment(actor=world.supervisor, assessment=assessment, level=level1,
                            decision_number="12-QĐ/TU", decision_date=dt.date(2026, 1, 15), decision_file=pdf())
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RECOGNISED and assessment.result_level == level1
    assert assessment.decision_file.name.endswith(".pdf")
    with pytest.raises(ValidationError):
        review.return_assessment(actor=world.supervisor, assessment=assessment, reason="x")
    actions = set(AuditEvent.objects.filter(object_type="standards.assessment", object_id=str(assessment.pk))
                  .values_list("action", flat=True))
    assert {"create", "approve", "update"} <= actions
    assert AuditEvent.objects.filter(object_type="standards.assessmentvalue", action="correct").exists()


@pytest.mark.django_db
def test_supervisor_of_another_province_cannot_review(world):
    from tests import factories as f

    framework = lenient_framework(world)
    assessment = assessments.open_assessment(actor=world.officer_a, centre=world.centre_a, framework=framework,
                                             year=2025)
    declare_everything(world.officer_a, assessment)
    assessments.submit_assessment(actor=world.director_a, assessment=assessment)
    other = f.grant(f.UserFactory(username="supervisor_c"), f.Role.PROVINCE_SUPERVISOR,
                    province=world.other_province)
    with pytest.raises(PermissionDenied):
        review.close_assessment(actor=other, assessment=assessment, level=None)
    assert not Assessment.objects.visible_to(other).filter(pk=assessment.pk).exists()
    review.close_assessment(actor=world.supervisor, assessment=assessment, level=None)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CLOSED and assessment.result == "not_yet"
