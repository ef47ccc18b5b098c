"""Certificate pages: a class's certificates, the batch with progress, one certificate, downloads, the register."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import services
from certificates.models import Certificate, CertificateRegister
from certificates.services import batches
from core.text import search_key
from training.results.services import approve_results
from training.tests.factories.results import approved_class, enrolments, fill_scores, make_class

ISSUED = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def issued_class(world, learners=2):
    klass = approved_class(world, learners=learners)
    services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    return klass


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("officer_b", 404),
        ("learner_a", 403),
        ("viewer_a", 200),
        ("officer_a", 200),
        ("supervisor", 200),
    ],
)
def test_class_page_access(client, world, persona, status):
    klass = make_class(world, learners=1)
    klass.enrolments.create(person=world.learner_person)
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    assert client.get(reverse("certificates:class_certificates", args=[klass.pk])).status_code == status


def test_officer_issues_from_the_class_page(client, world):
    klass = approved_class(world, learners=2)
    client.force_login(world.officer_a)
    url = reverse("certificates:class_certificates", args=[klass.pk])
    page = client.get(url)
    assert b'name="issued_on"' in page.content
    response = client.post(
        url, {"issued_on": "20/03/2026", "signer_title": "GIÁM ĐỐC", "signer_name": "Đỗ Minh Trí", "place": "Yên Sơn"}
    )
    assert response.status_code == 302
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]
    assert set(Certificate.objects.values_list("signer_name", flat=True)) == {"Đỗ Minh Trí"}


def test_viewer_cannot_issue(client, world):
    klass = approved_class(world, learners=1)
    client.force_login(world.viewer_a)
    response = client.post(
        reverse("certificates:class_certificates", args=[klass.pk]),
        {"issued_on": "20/03/2026", "signer_title": "GIÁM ĐỐC", "place": "Yên Sơn"},
    )
    assert response.status_code == 403 and Certificate.objects.count() == 0


def test_bad_issue_date_is_shown_and_nothing_issued(client, world):
    klass = approved_class(world, learners=1)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("certificates:class_certificates", args=[klass.pk]),
        {"issued_on": "31/02/2026", "signer_title": "GIÁM ĐỐC", "place": "Yên Sơn"},
    )
    assert response.status_code == 200 and response.context["form"].errors["issued_on"]
    assert Certificate.objects.count() == 0


def test_class_page_queries_do_not_grow(client, world):
    small, big = issued_class(world, learners=2), issued_class(world, learners=15)
    client.force_login(world.officer_a)
    client.get(reverse("certificates:class_certificates", args=[small.pk]))
    counts = []
    for klass in (small, big):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("certificates:class_certificates", args=[klass.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0


def test_whole_class_batch_with_progress(client, world, monkeypatch):
    monkeypatch.setattr(batches, "STEP_SIZE", 2)
    klass = issued_class(world, learners=5)
    client.force_login(world.officer_a)
    response = client.post(reverse("certificates:batch_start", args=[klass.pk]), {"page": "A5"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    state = response.context["state"]
    assert state.total == 5 and state.percent == 0 and b"hx-post" in response.content
    percents = []
    while not state.finished:
        response = client.post(reverse("certificates:batch_step", args=[state.job_id]), HTTP_HX_REQUEST="true")
        state = response.context["state"]
        percents.append(state.percent)
    assert percents == sorted(percents) and percents[-1] == 100 and len(percents) == 4
    pdf = client.get(reverse("certificates:batch_download", args=[state.job_id, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    archive = zipfile.ZipFile(
        io.BytesIO(
            b"".join(client.get(reverse("certificates:batch_download", args=[state.job_id, "zip"])).streaming_content)
        )
    )
    assert len(archive.namelist()) == 5
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())


def test_batches_belong_to_who_started_them(client, world):
    klass = issued_class(world, learners=1)
    client.force_login(world.officer_a)
    job = client.post(reverse("certificates:batch_start", args=[klass.pk])).url.rstrip("/").split("/")[-1]
    client.force_login(world.director_a)
    assert client.post(reverse("certificates:batch_step", args=[job])).status_code == 404
    assert client.get(reverse("certificates:batch", args=[job])).status_code == 404
    assert client.get(reverse("certificates:batch", args=["..%2F..%2Fetc"])).status_code == 404


def test_unfinished_batch_cannot_be_downloaded(client, world):
    klass = issued_class(world, learners=1)
    client.force_login(world.officer_a)
    job = client.post(reverse("certificates:batch_start", args=[klass.pk])).url.rstrip("/").split("/")[-1]
    assert client.get(reverse("certificates:batch_download", args=[job, "pdf"])).status_code == 404


def test_learner_downloads_only_their_own_certificate(client, world):
    klass = make_class(world, learners=1)
    own = klass.enrolments.create(person=world.learner_person)
    fill_scores(klass, [[8, 8], [8, 8]])
    approve_results(actor=world.director_a, klass=klass)
    issued = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    mine = next(c for c in issued if c.enrolment_id == own.pk)
    other = next(c for c in issued if c.enrolment_id != own.pk)
    client.force_login(world.learner_a)
    response = client.get(reverse("certificates:download_certificate", args=[mine.code]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(reverse("certificates:download_certificate", args=[other.code])).status_code == 404
    assert client.get(reverse("certificates:certificate_detail", args=[mine.code])).status_code == 200
    assert client.post(reverse("certificates:revoke", args=[mine.code]), {"revoke-reason": "x"}).status_code == 403
    assert Certificate.objects.get(pk=mine.pk).status == Certificate.Status.VALID


def test_download_out_of_scope_is_missing(client, world):
    klass = issued_class(world, learners=1)
    certificate = Certificate.objects.get(enrolment__klass=klass)
    client.force_login(world.officer_b)
    assert client.get(reverse("certificates:download_certificate", args=[certificate.code])).status_code == 404
    client.logout()
    assert client.get(reverse("certificates:download_certificate", args=[certificate.code])).status_code == 302


def test_revoke_and_reissue_from_the_certificate_page(client, world):
    klass = issued_class(world, learners=1)
    certificate = Certificate.objects.get(enrolment__klass=klass)
    client.force_login(world.officer_a)
    page = client.get(reverse("certificates:certificate_detail", args=[certificate.code]))
    assert page.status_code == 200 and certificate.code.encode() in page.content
    client.post(reverse("certificates:revoke", args=[certificate.code]), {"revoke-reason": ""})
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID
    response = client.post(reverse("certificates:reissue", args=[certificate.code]), {"reissue-reason": "Mất bản gốc"})
    new = Certificate.objects.get(replaces=certificate)
    assert response.url == reverse("certificates:certificate_detail", args=[new.code])
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.REVOKED
    assert client.get(reverse("certificates:download_certificate", args=[certificate.code])).status_code == 404


def test_register_pages_and_books(client, world):
    issued_class(world, learners=2)
    register = CertificateRegister.objects.get()
    client.force_login(world.officer_a)
    listing = client.get(reverse("certificates:register_list"))
    assert listing.status_code == 200 and list(listing.context["registers"]) == [register]
    detail = client.get(reverse("certificates:register_detail", args=[register.pk]))
    assert detail.status_code == 200 and len(detail.context["certificates"]) == 2
    pdf = client.get(reverse("certificates:register_download", args=[register.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("certificates:register_download", args=[register.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    numbers = [row[1] for row in sheet.iter_rows(min_row=8, max_row=9, values_only=True)]
    assert numbers == ["0001/2026", "0002/2026"]


@pytest.mark.parametrize("persona, status", [("officer_b", 404), ("learner_a", 403), ("supervisor", 200)])
def test_register_access(client, world, persona, status):
    issued_class(world, learners=1)
    register = CertificateRegister.objects.get()
    client.force_login(getattr(world, persona))
    url = reverse("certificates:register_detail", args=[register.pk])
    assert client.get(url).status_code == (404 if status == 403 else status)
    if status == 403:
        assert client.get(reverse("certificates:register_list")).status_code == 403


def test_enrolments_helper_is_ordered(world):
    klass = make_class(world, learners=3)
    names = [e.person.sort_key for e in enrolments(klass)]
    assert names == sorted(names)


def test_register_search_ignores_diacritics_and_case(client, world):
    klass = issued_class(world, learners=2)
    first, second = enrolments(klass)
    register = CertificateRegister.objects.get()
    client.force_login(world.officer_a)
    url = reverse("certificates:register_detail", args=[register.pk])
    first.person.given_name, second.person.given_name = "Hường", "Bắc"
    first.person.save()
    second.person.save()
    found = client.get(url, {"q": "HUONG"}).context["certificates"]
    assert [c.enrolment_id for c in found] == [first.pk]
    by_class = client.get(url, {"q": search_key(klass.code)}).context["certificates"]
    assert {c.enrolment_id for c in by_class} == {first.pk, second.pk}


def test_qr_codes_carry_the_public_address_not_the_browsed_host(client, world, settings):
    settings.PUBLIC_BASE_URL = "https://ttct.tuyenquang.gov.vn"
    settings.ALLOWED_HOSTS = ["*"]
    issued_class(world, learners=1)
    certificate = Certificate.objects.get()
    expected = "https://ttct.tuyenquang.gov.vn" + reverse("certificates:verify_code", args=[certificate.code])
    client.force_login(world.officer_a)
    page = client.get(reverse("certificates:certificate_detail", args=[certificate.code]), HTTP_HOST="10.0.0.5:8080")
    assert page.context["verify_url"] == expected
    assert services.certificate_data([certificate])[0].verification_url == expected
    assert services.verification_url(certificate.code) == expected


def test_a_step_asked_for_while_one_runs_does_nothing(world, monkeypatch):
    """Two tabs (or a double click) on one batch: the second request gets the progress and does no work."""
    monkeypatch.setattr(batches, "STEP_SIZE", 2)
    klass = issued_class(world, learners=3)
    state = services.start_batch(actor=world.officer_a, klass=klass)
    render = batches.render_certificate_zip
    during = []

    def render_while_another_tab_asks(items, **options):
        if not during:
            during.append(services.advance_batch(actor=world.officer_a, job_id=state.job_id))
        return render(items, **options)

    monkeypatch.setattr(batches, "render_certificate_zip", render_while_another_tab_asks)
    first = services.advance_batch(actor=world.officer_a, job_id=state.job_id)
    assert during[0].zipped == 0 and first.zipped == 2
    while not first.finished:
        first = services.advance_batch(actor=world.officer_a, job_id=state.job_id)
    path, _name = services.batch_file(actor=world.officer_a, job_id=state.job_id, kind="zip")
    assert len(zipfile.ZipFile(path).namelist()) == 3


def test_a_lock_left_by_a_crashed_step_expires(world, monkeypatch):
    klass = issued_class(world, learners=1)
    state = services.start_batch(actor=world.officer_a, klass=klass)
    lock = batches._job_dir(state.job_id) / "step.lock"
    lock.touch()
    assert services.advance_batch(actor=world.officer_a, job_id=state.job_id).zipped == 0
    old = lock.stat().st_mtime - batches.LOCK_SECONDS - 1
    os.utime(lock, (old, old))
    assert services.advance_batch(actor=world.officer_a, job_id=state.job_id).zipped == 1
    assert not lock.exists()


def test_a_batch_reads_its_certificates_in_as_many_queries_for_six_as_for_two(world):
    small, big = issued_class(world, learners=2), issued_class(world, learners=6)
    manifest = {"personal_data": True}
    ids_of = {k: list(Certificate.objects.filter(enrolment__klass=k).values_list("pk", flat=True)) for k in (small, big)}
    batches._items(manifest, ids_of[small])  # the first call may read what every later one shares
    counts = []
    for klass in (small, big):
        with CaptureQueriesContext(connection) as queries:
            items = batches._items(manifest, ids_of[klass])
        assert len(items) == len(ids_of[klass])
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0
