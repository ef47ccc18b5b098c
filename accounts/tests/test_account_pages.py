"""The login pages with the inputs that used to end in server errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from conftest import TEST_PASSWORD
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["officer_a", "admin", "supervisor", "learner_a", "director_a"])
def test_the_account_page_of_every_kind_of_login_opens(client, world, persona):
    client.force_login(world.admin)
    assert client.get(reverse("accounts:user_detail", args=[getattr(world, persona).pk])).status_code == 200


def test_an_invalid_grant_is_shown_again_with_its_error(client, world):
    client.force_login(world.admin)
    url = reverse("accounts:user_detail", args=[world.officer_b.pk])
    response = client.post(url, {"role": Role.TRAINING_OFFICER})
    assert response.status_code == 200 and "has-error" in response.content.decode()
    response = client.post(url, {"role": Role.PROVINCE_SUPERVISOR, "centre": world.centre_a.pk})
    assert response.status_code == 200


def _create(client, world, **data):
    payload = {"username": "hv_moi", "first_name": "Mới", "last_name": "Nguyễn Văn", "password": "Mat-khau-dai-2026",
               "role": Role.LEARNER, "centre": world.centre_a.pk}
    payload.update(data)
    return client.post(reverse("accounts:user_create"), payload)


def test_a_learner_login_can_be_created(client, world):
    client.force_login(world.admin)
    response = _create(client, world, person=str(world.person_a.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = User.objects.get(username="hv_moi")
    assert created.person_id == world.person_a.pk
    assert RoleAssignment.objects.filter(user=created, role=Role.LEARNER, centre=world.centre_a).exists()
    client.logout()
    login = client.post(reverse("accounts:login"), {"username": "hv_moi", "password": "Mat-khau-dai-2026"})
    assert login.status_code == 302


def test_linking_a_person_who_already_has_a_login_is_refused(client, world):
    client.force_login(world.admin)
    response = _create(client, world, person=str(world.learner_person.pk))
    assert response.status_code == 200
    assert not User.objects.filter(username="hv_moi").exists()


def test_grants_record_before_and_after_and_the_reason(client, world):
    client.force_login(world.admin)
    url = reverse("accounts:user_detail", args=[world.officer_b.pk])
    response = client.post(url, {"role": Role.VIEWER, "centre": world.centre_b.pk, "reason": "Kiêm nhiệm theo QĐ 12"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_id=str(world.officer_b.pk)).latest("pk")
    assert event.reason == "Kiêm nhiệm theo QĐ 12"
    assert event.before["roles"] != event.after["roles"]
    assert TEST_PASSWORD
