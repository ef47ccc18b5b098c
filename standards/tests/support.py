"""Helpers for the assessment tests: files and a ready self-assessment (no tests here)."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from standards.models import Assessment
from standards.services import assessments, frameworks

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "minh-chung.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def declare_everything(actor, assessment: Assessment, value: Decimal = Decimal(100)) -> None:
    """Declare every declared indicator at a value that meets its targets, each with one PDF."""
    for row in assessment.values.select_related("indicator").filter(indicator__kind="declared"):
        unit = row.indicator.unit
        amount = {"percent": Decimal(100), "yes_no": Decimal(1), "score": Decimal(10)}.get(unit, Decimal(value))
        assessments.declare_value(actor=actor, value=row, amount=amount)
        assessments.add_evidence(actor=actor, value=row, upload=pdf())


def open_default(world, year: int = 2025) -> Assessment:
    framework = frameworks.install_default_framework()
    return assessments.open_assessment(actor=world.director_a, centre=world.centre_a, framework=framework, year=year)


def lenient_framework(world):
    """A published framework with one computed indicator (classes held ≥ 1) and one declared yes/no."""
    from standards.services.framework_data import build_framework, validate_data

    data = {
        "code": "THU", "name": "Bộ thử", "levels": [{"code": "1", "name": "Mức 1"}, {"code": "2", "name": "Mức 2"}],
        "groups": [{"code": "1", "name": "Đào tạo", "criteria": [{"code": "1.1", "name": "Lớp", "indicators": [
            {"code": "1.1.1", "text": "Số lớp", "unit": "count", "kind": "computed", "computation": "classes_held",
             "targets": {"1": "1", "2": "5"}},
            {"code": "1.1.2", "text": "Có quy chế", "unit": "yes_no", "kind": "declared", "targets": {"1": "1"}},
        ]}]}],
    }
    framework = build_framework(validate_data(data))
    framework.status = framework.Status.PUBLISHED
    framework.published_at = timezone.now()
    framework.save()
    return framework
