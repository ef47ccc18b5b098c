"""The pages end to end: fill in, submit, review, recognise, see the province; files read back."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.models import Assessment, Framework
from standards.services import frameworks
from standards.tests.support import PDF, lenient_framework
from tests import factories as f
from training.models import Klass
from training.tests.factories.classes import klass


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _open(client, world, framework, year=2025) -> Assessment:
    client.force_login(world.director_a)
    response = client.post(reverse("standards:assessment_open"),
                           {"centre": world.centre_a.pk, "framework": framework.pk, "year": year})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Assessment.objects.get(centre=world.centre_a, year=year)


@pytest.mark.django_db
def test_fill_submit_review_recognise_through_the_pages(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    klass(world.centre_a0, status=Klass.Status.CLOSED, start_date=dt.date(2025, 4, 1),
          end_date=dt.date(2025, 4, 4))
    framework = lenient_framework(world)
    assessment = _open(client, world, framework)
    page = client.get(reverse("standards:assessment_detail", args=[assessment.pk])).content.decode()
    assert "1.1.1" in page and "Số lớp" in page
    declared = assessment.values.get(indicator__code="1.1.2")
    client.post(reverse("standards:value_declare", args=[assessment.pk, declared.pk]), {"value": "1", "note": "Có"})
    bad = client.post(reverse("standards:evidence_add", args=[assessment.pk, declared.pk]),
                      {"file": SimpleUploadedFile("quy-che.docx", b"PK\x03\x04 word")}, follow=True)
    assert "quy-che.docx" in bad.content.decode() and not declared.evidence.exists()
    client.post(reverse("standards:evidence_add", args=[assessment.pk, declared.pk]),
                {"file": SimpleUploadedFile("quy-che.pdf", PDF)})
    assert declared.evidence.count() == 1
    group = framework.groups.first()
    client.post(reverse("standards:narrative_save", args=[assessment.pk, group.pk]), {"text": "Đã mở đủ lớp."})
    client.post(reverse("standards:assessment_submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.self_level.code == "1"
    computed = assessment.values.get(indicator__code="1.1.1")
    assert computed.value == 1
    drill = client.get(reverse("standards:drill", args=[assessment.pk, computed.indicator_id])).content.decode()
    assert Klass.objects.get(centre=world.centre_a0).code in drill

    client.force_login(world.supervisor)
    client.post(reverse("standards:value_review", args=[assessment.pk, computed.pk]), {"agreed": "1"})
    response = client.post(reverse("standards:assessment_close", args=[assessment.pk]), {
        "result": str(framework.levels.get(code="1").pk), "decision_number": "25-QĐ/TU", "decision_date": "15/01/2026",
        "decision_file": SimpleUploadedFile("qd.pdf", PDF)})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "recognised" and assessment.decision_number == "25-QĐ/TU"

    word = client.get(reverse("standards:document", args=[assessment.pk, "decision", "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and world.centre_a.name in text and "mức 1" in text
    pdf = client.get(reverse("standards:document", args=[assessment.pk, "decision", "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    report = client.get(reverse("standards:document", args=[assessment.pk, "report", "docx"]))
    report_doc = docx.Document(io.BytesIO(report.content))
    cells = [c.text for t in report_doc.tables for row in t.rows for c in row.cells]
    assert "1.1.1" in cells and "Đã mở đủ lớp." in "\n".join(p.text for p in report_doc.paragraphs)

    province = client.get(reverse("standards:province"), {"year": 2025}).content.decode()
    assert world.centre_a.name in province and "<svg" in province and "Mức 1" in province
    assert world.centre_a0.name in province  # shown as the centre A continues
    export = client.get(reverse("standards:province_export"), {"year": 2025})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    row_a = next(r for r in rows if r[0] == world.centre_a.name)
    assert row_a[4] == "Mức 1" and world.centre_a0.name in row_a[1]
    row_b = next(r for r in rows if r[0] == world.centre_b.name)
    assert "xem trước" in row_b[2] or "preview" in row_b[2]


@pytest.mark.django_db
def test_import_previews_then_writes_on_confirm(client, world):
    national = frameworks.install_default_framework()
    client.force_login(world.supervisor)
    data = json.loads(client.get(reverse("standards:framework_export", args=[national.pk, "json"])).content)
    data["code"] = "TQ-2026"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bo.json", json.dumps(data).encode())
    preview = client.post(reverse("standards:framework_import"), {"file": upload, "province": world.province.pk})
    assert preview.status_code == 200 and "TQ-2026" in preview.content.decode()
    assert not Framework.objects.filter(code="TQ-2026").exists()
    payload = preview.context["preview"]["payload"]
    done = client.post(reverse("standards:framework_import"), {"confirm": "1", "payload": payload,
                                                               "province_id": world.province.pk})
    assert done.status_code == 302
    imported = Framework.objects.get(code="TQ-2026")
    assert imported.province == world.province and imported.status == "draft"
    bad = dict(data, code="TQ-BAD")
    bad["groups"][0]["criteria"][0]["indicators"][0]["targets"] = {"1": "7"}
    response = client.post(reverse("standards:framework_import"), {
        "file": SimpleUploadedFile("bad.json", json.dumps(bad).encode()), "province": world.province.pk})
    assert "1.1.1" in response.content.decode() and not Framework.objects.filter(code="TQ-BAD").exists()


@pytest.mark.django_db
def test_locked_framework_cannot_be_edited_through_the_page(client, world):
    national = frameworks.install_default_framework()
    client.force_login(world.admin)
    indicator = national.indicators.get(code="2.2.2")
    response = client.post(reverse("standards:indicator_edit", args=[indicator.pk]),
                           {"text": "khác", "comparator": "ge"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.text != "khác"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_province_page_constant_queries(client, world):
    frameworks.install_default_framework()
    client.force_login(world.supervisor)
    url = reverse("standards:province") + "?year=2025"
    small = _queries(client, url)
    for _ in range(6):
        centre = f.CentreFactory(province=world.province)
        f.LecturerFactory(centre=centre)
        klass(centre, status=Klass.Status.IN_PROGRESS)
    assert _queries(client, url) == small


@pytest.mark.django_db
def test_home_panel_for_the_director(client, world):
    frameworks.install_default_framework()
    client.force_login(world.director_a)
    page = client.get(reverse("home")).content.decode()
    assert 'id="standards-panel"' in page and world.centre_a.name in page
    client.force_login(world.officer_b)
    assert 'id="standards-panel"' not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_assessment_page_constant_queries(client, world):
    from standards.services import assessments as services
    from standards.tests.support import pdf

    framework = frameworks.install_default_framework()
    assessment = services.open_assessment(actor=world.director_a, centre=world.centre_a, framework=framework,
                                          year=2025)
    client.force_login(world.officer_a)
    url = reverse("standards:assessment_detail", args=[assessment.pk])
    klass(world.centre_a, status=Klass.Status.IN_PROGRESS, start_date=dt.date(2025, 4, 5),
          end_date=dt.date(2025, 4, 8))
    small = _queries(client, url)
    for row in assessment.values.filter(indicator__kind="declared")[:5]:
        services.add_evidence(actor=world.officer_a, value=row, upload=pdf())
        services.add_evidence(actor=world.officer_a, value=row, upload=pdf("b.pdf"))
    for _ in range(3):
        klass(world.centre_a, status=Klass.Status.IN_PROGRESS, start_date=dt.date(2025, 5, 5),
              end_date=dt.date(2025, 5, 8))
    assert _queries(client, url) == small
