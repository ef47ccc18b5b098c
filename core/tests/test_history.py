"""The history panel reads as people read: labels, choice labels, Vietnamese dates, related records by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.audit import record
from core.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_history_shows_labels_dates_and_names_not_codes(client, world):
    person = world.person_a
    record(actor=world.officer_a, action=AuditEvent.Action.UPDATE, obj=person,
           before={"gender": "female", "date_of_birth": "1980-02-05", "centre_id": world.centre_b.pk,
                   "is_party_member": False},
           after={"gender": "male", "date_of_birth": "1981-12-24", "centre_id": world.centre_a.pk,
                  "is_party_member": True})
    client.force_login(world.officer_a)
    page = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    history = page[page.index("history panel"):]
    assert "05/02/1980" in history and "24/12/1981" in history
    assert "1980-02-05" not in history
    assert world.centre_a.name in history and world.centre_b.name in history
    assert ">female<" not in history and ">male<" not in history
    assert "nữ" in history.lower() or "Nữ" in history


def test_user_names_are_family_name_first(world):
    user = f.UserFactory(username="phong", last_name="Lê Hữu", first_name="Phong")
    assert user.display_name == "Lê Hữu Phong"
    assert user.get_full_name() == "Lê Hữu Phong"


def test_event_time_is_local_day_first(client, world):
    record(actor=world.officer_a, action=AuditEvent.Action.UPDATE, obj=world.person_a, before={"phone": "1"},
           after={"phone": "2"})
    event = AuditEvent.objects.for_object(world.person_a).latest("created_at")
    local = event.created_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    client.force_login(world.officer_a)
    page = client.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert local.strftime("%d/%m/%Y %H:%M") in page
