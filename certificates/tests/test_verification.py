"""The public verification page: valid, revoked, unknown; no personal IDs; rate-limited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from certificates.services import verification
from training.tests.factories.results import approved_class

ISSUED = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def fresh_cache(db):
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def certificate(world):
    klass = approved_class(world, learners=1)
    return services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)[0]


def test_valid_certificate_shows_the_minimum_and_no_ids(client, certificate):
    person = certificate.enrolment.person
    response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-status="valid"' in body
    assert certificate.learner_name in body and certificate.programme_name in body and certificate.centre_name in body
    assert person.national_id not in body
    assert person.date_of_birth.strftime("%d/%m/%Y") not in body
    assert response["Cache-Control"] == "no-store"


def test_the_qr_url_in_the_pdf_opens_the_page(client, world, certificate):
    from certificates.rendering import certificates_source

    url_of = lambda code: "http://testserver" + reverse("certificates:verify_code", args=[code])  # noqa: E731
    items = services.certificate_data([certificate], verify_url=url_of)
    assert items[0].verification_url.endswith(f"/certificates/verify/{certificate.code}/")
    assert items[0].verification_url in certificates_source(items)
    assert client.get(items[0].verification_url).status_code == 200


def test_revoked_certificate_says_so(client, world, certificate):
    services.revoke_certificate(actor=world.officer_a, certificate=certificate, reason="Cấp nhầm")
    body = client.get(reverse("certificates:verify_code", args=[certificate.code])).content.decode()
    assert 'data-status="revoked"' in body and "Cấp nhầm" not in body


def test_unknown_code(client, db):
    response = client.get(reverse("certificates:verify_code", args=["ABCDEFGHJKLMNPQR"]))
    assert response.status_code == 404 and b'data-status="unknown"' in response.content
    assert client.get(reverse("certificates:verify_code", args=["short"])).status_code == 404


def test_typed_code_is_forgiving(client, certificate):
    typed = certificate.code.lower()[:8] + " - " + certificate.code.lower()[8:]
    response = client.get(reverse("certificates:verify"), {"code": typed}, follow=True)
    assert response.status_code == 200 and b'data-status="valid"' in response.content


def test_verification_page_needs_no_login_and_the_form_shows(client, db):
    response = client.get(reverse("certificates:verify"))
    assert response.status_code == 200 and b'name="code"' in response.content


def test_lookups_are_rate_limited_per_address(client, certificate, monkeypatch):
    monkeypatch.setattr(verification, "LOOKUPS_PER_MINUTE", 3)
    url = reverse("certificates:verify_code", args=[certificate.code])
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(url, REMOTE_ADDR="203.0.113.7")["Retry-After"] == "60"
    assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_codes_are_unguessable():
    codes = {Certificate._meta.get_field("code").default() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 16 and set(code) <= verification.CODE_ALPHABET for code in codes)


def test_api_verification_is_public_and_limited(client, certificate, monkeypatch):
    monkeypatch.setattr(verification, "LOOKUPS_PER_MINUTE", 2)
    url = f"/api/certificates/verify/{certificate.code}"
    first = client.get(url, REMOTE_ADDR="192.0.2.1")
    assert first.status_code == 200
    data = first.json()
    assert data["status"] == "valid" and data["learner_name"] == certificate.learner_name
    assert "national_id" not in data and "date_of_birth" not in data
    assert (
        client.get("/api/certificates/verify/ABCDEFGHJKLMNPQR", REMOTE_ADDR="192.0.2.1").json()["status"] == "unknown"
    )
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 429
