"""The enrolment API: scoped reads, writes through the same services, the import as JSON."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import ApiToken
from tests import factories as f
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db


def _auth(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def klass(world):
    return s.klass(world.centre_a, s.programme("DVM"))


def test_requires_authentication(client, klass):
    assert client.get(f"/api/training/classes/{klass.pk}/enrolments").status_code == 401


@pytest.mark.parametrize("persona, status", [("officer_a", 200), ("viewer_a", 200), ("officer_b", 404),
                                             ("learner_a", 404)])
def test_list_is_scoped(client, world, klass, persona, status):
    Enrolment.objects.create(klass=klass, person=world.person_a)
    response = client.get(f"/api/training/classes/{klass.pk}/enrolments", **_auth(getattr(world, persona)))
    assert response.status_code == status
    if status == 200:
        assert [e["person_id"] for e in response.json()["items"]] == [world.person_a.pk]


def test_enrol_withdraw_and_move(client, world, klass):
    auth = _auth(world.officer_a)
    response = client.post(f"/api/training/classes/{klass.pk}/enrolments", {"person_id": world.person_a.pk},
                           content_type="application/json", **auth)
    assert response.status_code == 201 and response.json()["status"] == "enrolled"
    enrolment_id = response.json()["id"]
    again = client.post(f"/api/training/classes/{klass.pk}/enrolments", {"person_id": world.person_a.pk},
                        content_type="application/json", **auth)
    assert again.status_code == 422
    target = s.klass(world.centre_a, klass.version)
    moved = client.post(f"/api/training/enrolments/{enrolment_id}/move", {"to_class_id": target.pk, "reason": "đổi lớp"},
                        content_type="application/json", **auth)
    assert moved.status_code == 200 and moved.json()["class_id"] == target.pk
    refused = client.post(f"/api/training/enrolments/{moved.json()['id']}/withdraw", {"reason": ""},
                          content_type="application/json", **auth)
    assert refused.status_code == 422
    done = client.post(f"/api/training/enrolments/{moved.json()['id']}/withdraw", {"reason": "ốm"},
                       content_type="application/json", **auth)
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"


@pytest.mark.parametrize("persona, status", [("viewer_a", 403), ("officer_b", 404)])
def test_writes_need_the_right(client, world, klass, persona, status):
    response = client.post(f"/api/training/classes/{klass.pk}/enrolments", {"person_id": world.person_a.pk},
                           content_type="application/json", **_auth(getattr(world, persona)))
    assert response.status_code == status and not Enrolment.objects.exists()


def test_import_preview_and_commit(client, world, klass):
    auth = _auth(world.officer_a)
    upload = SimpleUploadedFile("ds.xlsx", w.party_list())
    preview = client.post(f"/api/training/classes/{klass.pk}/nominations/preview", {"file": upload}, **auth)
    assert preview.status_code == 200
    assert {r["row"] for r in preview.json()["rows"]} == {10, 11, 13, 14, 15, 16}
    refused = client.post(f"/api/training/classes/{klass.pk}/nominations/import",
                          {"file": SimpleUploadedFile("ds.xlsx", w.party_list())}, **auth)
    assert refused.status_code == 422 and not Enrolment.objects.exists()
    done = client.post(f"/api/training/classes/{klass.pk}/nominations/import",
                       {"file": SimpleUploadedFile("ds.xlsx", w.party_list()), "skip_errors": "true"}, **auth)
    assert done.status_code == 201 and done.json()["summary"]["enrolled"] == 3


def test_viewer_cannot_preview_an_import(client, world, klass):
    response = client.post(f"/api/training/classes/{klass.pk}/nominations/preview",
                           {"file": SimpleUploadedFile("ds.xlsx", w.party_list())}, **_auth(world.viewer_a))
    assert response.status_code == 403


def test_learner_reads_own_record_only(client, world, klass):
    Enrolment.objects.create(klass=klass, person=world.learner_person)
    Enrolment.objects.create(klass=klass, person=world.person_a)
    auth = _auth(world.learner_a)
    mine = client.get("/api/training/me/enrolments", **auth)
    assert mine.status_code == 200 and [e["person_id"] for e in mine.json()] == [world.learner_person.pk]
    assert client.get(f"/api/training/people/{world.person_a.pk}/enrolments", **auth).status_code == 404
    assert client.get("/api/training/me/enrolments", **_auth(world.officer_a)).status_code == 403


def test_an_organisation_of_another_centre_cannot_be_attached_to_a_class(client, world, klass):
    """The officer of centre A who also supervises the province sees centre B's organisations, but a class of
    centre A is sent learners only by A's own and the province-wide organisations (as on the page)."""
    f.grant(world.supervisor, f.Role.TRAINING_OFFICER, centre=world.centre_a)
    foreign = f.SendingOrganisationFactory(centre=world.centre_b, province=world.province)
    response = client.post(f"/api/training/classes/{klass.pk}/enrolments",
                           {"person_id": world.person_a.pk, "sending_organisation_id": foreign.pk},
                           content_type="application/json", **_auth(world.supervisor))
    assert response.status_code == 422
    assert "sending_organisation_id" in response.json()["detail"]
    assert not Enrolment.objects.filter(klass=klass).exists()
    own = f.SendingOrganisationFactory(centre=world.centre_a, province=world.province)
    response = client.post(f"/api/training/classes/{klass.pk}/enrolments",
                           {"person_id": world.person_a.pk, "sending_organisation_id": own.pk},
                           content_type="application/json", **_auth(world.supervisor))
    assert response.status_code == 201
    assert Enrolment.objects.get(klass=klass).sending_organisation == own
