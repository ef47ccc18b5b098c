"""The nomination pages as users reach them: access by persona, the import flow, add, move, withdraw."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from people.models import Person
from tests import factories as f
from training.models import Enrolment, Klass
from training.nominations import sample_workbooks as w
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

BAD_ROWS = (13, 14, 16)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads kept between preview and confirm land here, not in the project


@pytest.fixture
def klass(world):
    return s.klass(world.centre_a, s.programme("DVM"))


def _login(client, user):
    client.force_login(user)
    return client


def _upload(client, klass, data=None, name="danh_sach.xlsx"):
    file = io.BytesIO(data or w.party_list())
    file.name = name
    return client.post(reverse("training:nomination_upload", args=[klass.pk]), {"file": file})


def _token(response) -> str:
    return re.search(r"/import/([0-9a-f]{32})/", response["Location"]).group(1)


# Access ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona, status", [
    ("anonymous", 302), ("officer_b", 404), ("learner_a", 404), ("viewer_a", 200), ("officer_a", 200),
    ("director_a", 200), ("supervisor", 200), ("admin", 200),
])
def test_learner_list_access(client, world, klass, persona, status):
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    response = client.get(reverse("training:nominations", args=[klass.pk]))
    assert response.status_code == status


def test_a_learner_of_the_class_may_not_see_the_class_list(client, world, klass):
    Enrolment.objects.create(klass=klass, person=world.learner_person)
    assert _login(client, world.learner_a).get(reverse("training:nominations", args=[klass.pk])).status_code == 403


@pytest.mark.parametrize("name", ["enrol_person", "nomination_upload"])
@pytest.mark.parametrize("persona, status", [("viewer_a", 403), ("officer_b", 404), ("supervisor", 403)])
def test_changing_pages_need_the_right(client, world, klass, name, persona, status):
    _login(client, getattr(world, persona))
    response = client.post(reverse(f"training:{name}", args=[klass.pk]), {"person": world.person_a.pk})
    assert response.status_code == status
    assert not Enrolment.objects.exists()


def test_viewer_sees_no_actions_and_no_citizen_ids(client, world, klass):
    Enrolment.objects.create(klass=klass, person=world.person_a)
    page = _login(client, world.viewer_a).get(reverse("training:nominations", args=[klass.pk])).content.decode()
    assert world.person_a.full_name in page
    assert world.person_a.national_id not in page and "nomination_upload" not in page and "/import/" not in page


def test_list_query_count_does_not_grow_with_learners(client, world, klass):
    _login(client, world.officer_a)
    url = reverse("training:nominations", args=[klass.pk])
    Enrolment.objects.create(klass=klass, person=world.person_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        Enrolment.objects.create(klass=klass, person=f.PersonFactory(centre=world.centre_a))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count('id="enrolment-') == 16
    assert len(many) == len(few)


# Import flow ----------------------------------------------------------------------------------------
def test_upload_preview_skip_and_confirm(client, world, klass):
    _login(client, world.officer_a)
    response = _upload(client, klass)
    assert response.status_code == 302
    preview_url = response["Location"]
    page = client.get(preview_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="row-14"' in text and "31/02/1991" in text and 'name="fix-14-dob_male"' in text
    assert not Enrolment.objects.exists()

    # Confirming with the bad rows kept is refused, and nothing is written.
    refused = client.post(preview_url, {"action": "confirm"})
    assert refused.status_code == 200 and not Enrolment.objects.exists()

    done = client.post(preview_url, {"action": "confirm", "skip": [str(r) for r in BAD_ROWS]})
    assert done.status_code == 302 and done["Location"] == reverse("training:nominations", args=[klass.pk])
    assert sorted(Enrolment.objects.values_list("source_row", flat=True)) == [10, 11]
    # The upload is gone once used.
    assert client.get(preview_url).status_code == 404


def test_fix_a_cell_on_the_page(client, world, klass):
    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    response = client.post(preview_url, {"action": "confirm", "skip": ["13", "16"], "fix-14-dob_male": "28/02/1991"})
    assert response.status_code == 302
    assert Person.objects.get(national_id=w.CUONG_ID).date_of_birth.isoformat() == "1991-02-28"


def test_override_without_reason_is_refused_on_the_page(client, world):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    response = client.post(preview_url, {"action": "confirm", "skip": ["14", "16"], "override": ["13"]})
    assert response.status_code == 200 and not Enrolment.objects.exists()
    response = client.post(preview_url, {"action": "confirm", "skip": ["14", "16"], "override": ["13"],
                                         "override_reason": "Đã có quyết định kết nạp"})
    assert response.status_code == 302
    assert Enrolment.objects.get(source_row=13).override_reason == "Đã có quyết định kết nạp"


def test_skip_errors_button_ticks_the_rows(client, world, klass):
    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    page = client.post(preview_url, {"action": "skip_errors"}).content.decode()
    for row in (14, 16):  # row 13 only warns here: this class has no party admission window
        assert f'name="skip" value="{row}" aria-label' in page
        assert re.search(rf'name="skip" value="{row}"[^>]*checked', page)


def test_someone_elses_upload_is_not_found(client, world, klass):
    _login(client, world.officer_a)
    token = _token(_upload(client, klass))
    _login(client, world.director_a)
    assert client.get(reverse("training:nomination_preview", args=[klass.pk, token])).status_code == 404
    assert client.get(reverse("training:nomination_preview", args=[klass.pk, "0" * 32])).status_code == 404
    assert client.get(reverse("training:nomination_preview", args=[klass.pk, "..%2F..%2Fetc"])).status_code == 404


def test_cancel_discards_the_upload(client, world, klass):
    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    assert client.post(preview_url, {"action": "cancel"}).status_code == 302
    assert client.get(preview_url).status_code == 404 and not Enrolment.objects.exists()


def test_not_a_workbook_is_refused_at_upload(client, world, klass):
    _login(client, world.officer_a)
    response = _upload(client, klass, data=b"hello", name="ds.csv")
    assert response.status_code == 302 and "/import/" not in response["Location"]


def test_garbage_xlsx_shows_the_file_error(client, world, klass):
    _login(client, world.officer_a)
    page = client.get(_upload(client, klass, data=b"PK not really")["Location"])
    assert page.status_code == 200 and 'class="errors"' in page.content.decode()


def test_template_download_reads_back(client, world, klass):
    organisation = f.SendingOrganisationFactory(centre=world.centre_a, name="Đảng ủy xã Yên Sơn")
    response = _login(client, world.officer_a).get(
        reverse("training:nomination_template", args=[klass.pk]) + f"?organisation={organisation.pk}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == "ĐẢNG ỦY XÃ YÊN SƠN"


# Add, move, withdraw --------------------------------------------------------------------------------
def test_search_and_enrol_one_person(client, world, klass):
    _login(client, world.officer_a)
    page = client.get(reverse("training:enrol_person", args=[klass.pk]), {"q": "huong"}).content.decode()
    assert world.person_a.full_name in page and world.person_b.full_name not in page
    response = client.post(reverse("training:enrol_person", args=[klass.pk]), {"person": world.person_a.pk})
    assert response.status_code == 302
    assert Enrolment.objects.get().person == world.person_a


def test_enrol_refused_shows_the_rule_and_changes_nothing(client, world):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    _login(client, world.officer_a)
    response = client.post(reverse("training:enrol_person", args=[klass.pk]), {"person": world.person_a.pk,
                                                                                "q": "huong"})
    assert response.status_code == 200 and not Enrolment.objects.exists()
    assert 'name="override_reason"' in response.content.decode()


def test_cannot_enrol_a_person_outside_the_scope(client, world, klass):
    _login(client, world.officer_a)
    response = client.post(reverse("training:enrol_person", args=[klass.pk]), {"person": world.person_c.pk})
    assert response.status_code == 404 and not Enrolment.objects.exists()


def test_withdraw_on_the_page(client, world, klass):
    enrolment = Enrolment.objects.create(klass=klass, person=world.person_a)
    _login(client, world.officer_a)
    url = reverse("training:enrolment_withdraw", args=[klass.pk, enrolment.pk])
    client.post(url, {"reason": ""})
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"
    client.post(url, {"reason": "Chuyển công tác"})
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn" and AuditEvent.objects.for_object(enrolment).exists()


def test_move_on_the_page(client, world, klass):
    target = s.klass(world.centre_a, klass.version)
    foreign = s.klass(world.centre_b, klass.version)
    enrolment = Enrolment.objects.create(klass=klass, person=world.person_a)
    _login(client, world.officer_a)
    url = reverse("training:enrolment_move", args=[klass.pk, enrolment.pk])
    page = client.get(url).content.decode()
    assert target.code in page and foreign.code not in page
    assert client.post(url, {"to_klass": foreign.pk, "reason": "x"}).status_code == 200
    response = client.post(url, {"to_klass": target.pk, "reason": "Đổi lớp theo đề nghị"})
    assert response.status_code == 302
    assert Enrolment.objects.get(klass=target).person == world.person_a


def test_enrolment_of_another_class_is_not_found(client, world, klass):
    other = s.klass(world.centre_b, klass.version)
    enrolment = Enrolment.objects.create(klass=other, person=world.person_b)
    _login(client, world.officer_a)
    response = client.post(reverse("training:enrolment_withdraw", args=[klass.pk, enrolment.pk]), {"reason": "x"})
    assert response.status_code == 404


def test_closed_class_offers_no_import(client, world):
    klass = s.klass(world.centre_a, s.programme(), status=Klass.Status.CLOSED)
    page = _login(client, world.officer_a).get(reverse("training:nominations", args=[klass.pk])).content.decode()
    assert reverse("training:nomination_upload", args=[klass.pk]) not in page


def test_confirm_reads_the_file_again_when_the_cache_forgot_it(client, world, klass):
    from django.core.cache import cache

    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    assert client.get(preview_url).status_code == 200
    cache.clear()
    response = client.post(preview_url, {"action": "confirm", "skip": ["14", "16"]})
    assert response.status_code == 302 and Enrolment.objects.count() == 3


def test_decisions_are_kept_with_the_pending_import(client, world, klass):
    """A correction, a skip and a consent typed into the preview survive reopening it, and "skip rows with
    errors" then leaves the corrected row alone; the summary counts the current state."""
    _login(client, world.officer_a)
    preview_url = _upload(client, klass)["Location"]
    first = client.get(preview_url).context["summary"]
    client.post(preview_url, {"action": "preview", "fix-14-dob_male": "28/02/1991", "skip": ["13"]})
    again = client.get(preview_url)
    text = again.content.decode()
    assert 'value="28/02/1991"' in text
    assert re.search(r'name="skip" value="13"[^>]*checked', text)
    assert not re.search(r'name="skip" value="14"[^>]*checked', text)
    assert len(again.context["summary"]["blocked_rows"]) < len(first["blocked_rows"])
    assert "danh_sach.xlsx" in text and "data-file" in text
    skipped = client.post(preview_url, {"action": "skip_errors", "fix-14-dob_male": "28/02/1991", "skip": ["13"]})
    page = skipped.content.decode()
    assert re.search(r'name="skip" value="16"[^>]*checked', page)
    assert not re.search(r'name="skip" value="14"[^>]*checked', page)  # corrected: not skipped
    assert not skipped.context["summary"]["blocked_rows"]  # the summary reads the skips just made
    kept = client.get(preview_url).content.decode()  # and the skips are kept too
    assert re.search(r'name="skip" value="16"[^>]*checked', kept)
    done = client.post(preview_url, {"action": "confirm", "fix-14-dob_male": "28/02/1991", "skip": ["13", "16"]})
    assert done.status_code == 302
    assert Person.objects.get(national_id=w.CUONG_ID).date_of_birth.isoformat() == "1991-02-28"
    assert not Enrolment.objects.filter(source_row__in=[13, 16]).exists()


def test_add_person_preselects_the_persons_sending_organisation(client, world, klass):
    organisation = f.SendingOrganisationFactory(centre=world.centre_a, name="Chi bộ thôn Đồng Cháy")
    f.SendingOrganisationFactory(centre=world.centre_a, name="Đoàn xã")
    world.person_a.sending_organisation = organisation
    world.person_a.save()
    _login(client, world.officer_a)
    page = client.get(reverse("training:enrol_person", args=[klass.pk]), {"q": "Hường"}).content.decode()
    assert f'<option value="{organisation.pk}" selected>' in page
