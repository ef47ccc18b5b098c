"""The register book and the certificates as each role downloads them: the decision reference and a
distinguishing column on every line, citizen IDs and birth dates only for roles that see them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates import services
from certificates.models import Certificate, CertificateRegister
from tests.documents import assert_times_family, pdf_text
from training.results import services as results_services
from training.tests.factories.results import approved_class, staff_the_centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    staff_the_centre(world)
    klass = approved_class(world, learners=2)
    results_services.set_recognition_decision(actor=world.officer_a, klass=klass, number="15-QĐ/TTCT",
                                              date=dt.date(2026, 3, 20))
    twins = list(klass.enrolments.select_related("person"))
    for n, e in enumerate(twins):  # same name and birth date: only the workplace tells them apart
        e.person.family_name, e.person.middle_name, e.person.given_name = "Nguyễn", "Văn", "An"
        e.person.date_of_birth, e.person.workplace = dt.date(1985, 4, 9), f"Chi bộ thôn {n + 1}"
        e.person.save()
    services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(2026, 3, 25))
    return CertificateRegister.objects.get()


def test_office_register_book_names_the_decision_and_tells_twins_apart(client, world, register):
    client.force_login(world.officer_a)
    pdf = client.get(reverse("certificates:register_download", args=[register.pk, "pdf"])).content
    assert_times_family(pdf)
    text = pdf_text(pdf)
    assert text.count("15-QĐ/TTCT") == 2 and text.count("20/03/2026") == 2
    assert "Chi bộ thôn 1" in text and "Chi bộ thôn 2" in text
    assert "09/04/1985" in text
    ids = set(Certificate.objects.values_list("enrolment__person__national_id", flat=True))
    assert all(i in text for i in ids)
    assert "ĐẢNG ỦY XÃ YÊN SƠN" in text and "Sổ này ghi 2 giấy chứng nhận" in text and "Đỗ Minh Trí" in text


def test_viewer_register_book_has_no_birth_dates_or_ids(client, world, register):
    client.force_login(world.viewer_a)
    ids = set(Certificate.objects.values_list("enrolment__person__national_id", flat=True))
    pdf = pdf_text(client.get(reverse("certificates:register_download", args=[register.pk, "pdf"])).content)
    book = client.get(reverse("certificates:register_download", args=[register.pk, "xlsx"])).content
    cells = [v for row in load_workbook(io.BytesIO(book)).active.iter_rows(values_only=True) for v in row if v]
    for text in (pdf, " ".join(str(v) for v in cells)):
        assert "09/04/1985" not in text and "1985-04-09" not in text
        assert not any(i in text for i in ids)
        assert "Chi bộ thôn 1" in text and "15-QĐ/TTCT" in text


def test_viewer_certificate_has_no_birth_date(client, world, register):
    certificate = Certificate.objects.first()
    url = reverse("certificates:download_certificate", args=[certificate.code])
    client.force_login(world.viewer_a)
    viewer = pdf_text(client.get(url).content)
    assert "Sinh ngày" not in viewer and "09/04/1985" not in viewer and "Nguyễn Văn An" in viewer
    client.force_login(world.officer_a)
    office = pdf_text(client.get(url).content)
    assert "Sinh ngày: 09/04/1985" in office
