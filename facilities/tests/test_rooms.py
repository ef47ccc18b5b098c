"""Rooms pages and services: scope, validation, history kept, constant queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from facilities import services
from facilities.models import Room

pytestmark = pytest.mark.django_db


def _room(centre, name="Hội trường", **kw):
    return Room.objects.create(centre=centre, name=name, seats=kw.pop("seats", 80), **kw)


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 302), ("learner_a", 403), ("lecturer_a", 403), ("officer_a", 200), ("viewer_a", 200),
    ("supervisor", 200), ("admin", 200),
])
def test_list_access(client, world, persona, expected):
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    assert client.get(reverse("facilities:room_list")).status_code == expected


@pytest.mark.parametrize("persona, expected", [("officer_b", 404), ("viewer_a", 403), ("officer_a", 200)])
def test_edit_access(client, world, persona, expected):
    room = _room(world.centre_a)
    client.force_login(world.personas()[persona])
    assert client.get(reverse("facilities:room_edit", args=[room.pk])).status_code == expected


def test_list_is_scoped_and_searchable_without_diacritics(client, world):
    mine = _room(world.centre_a, "Phòng học số 1")
    _room(world.centre_a, "Hội trường lớn")
    _room(world.centre_b, "Phòng học Hàm Yên")
    client.force_login(world.officer_a)
    found = client.get(reverse("facilities:room_list"), {"q": "phong hoc"}).context["object_list"]
    assert [r.pk for r in found] == [mine.pk]


def test_officer_creates_a_room_and_duplicate_names_are_refused(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("facilities:room_create"), {
        "centre": world.centre_a.pk, "name": "  Phòng   máy tính ", "kind": "computer_room", "seats": "30",
    })
    room = Room.objects.get()
    assert response["Location"] == reverse("facilities:room_detail", args=[room.pk])
    assert room.name == "Phòng máy tính"
    assert AuditEvent.objects.for_object(room).filter(action="create").exists()
    again = client.post(reverse("facilities:room_create"), {
        "centre": world.centre_a.pk, "name": "phòng máy tính", "kind": "classroom", "seats": "30",
    })
    assert again.status_code == 200 and "name" in again.context["form"].errors
    assert Room.objects.count() == 1


def test_off_site_venue_needs_an_address(world):
    with pytest.raises(ValidationError) as excinfo:
        services.save_room(actor=world.officer_a, room=Room(centre=world.centre_a, name="Hội trường xã", kind="off_site"))
    assert "address" in excinfo.value.message_dict
    assert not Room.objects.exists()


def test_services_refuse_other_centres(world):
    with pytest.raises(PermissionDenied):
        services.save_room(actor=world.officer_b, room=Room(centre=world.centre_a, name="X"))
    room = _room(world.centre_a)
    room.centre = world.centre_b
    with pytest.raises(PermissionDenied):
        services.save_room(actor=world.officer_b, room=room)  # moving another centre's room in
    with pytest.raises(PermissionDenied):
        services.set_room_active(actor=world.viewer_a, room=room, active=False)
    assert Room.objects.get(pk=room.pk).centre == world.centre_a


def test_used_room_is_taken_out_of_use_not_deleted(client, world):
    from training.tests.factories import classes as make

    room = _room(world.centre_a)
    make.klass(world.centre_a, room=room)
    client.force_login(world.officer_a)
    client.post(reverse("facilities:room_delete", args=[room.pk]))
    assert Room.objects.filter(pk=room.pk).exists()
    client.post(reverse("facilities:room_set_active", args=[room.pk]), {"active": "0"})
    assert Room.objects.get(pk=room.pk).active is False
    spare = _room(world.centre_a, "Phòng nhập nhầm")
    client.post(reverse("facilities:room_delete", args=[spare.pk]))
    assert not Room.objects.filter(pk=spare.pk).exists()


def test_detail_shows_classes_and_history(client, world):
    from training.tests.factories import classes as make

    room = _room(world.centre_a)
    klass = make.klass(world.centre_a, room=room, end_date=make.START.replace(year=2099))
    client.force_login(world.officer_a)
    page = client.get(reverse("facilities:room_detail", args=[room.pk]))
    assert list(page.context["classes"]) == [klass]


def test_list_query_count_does_not_grow(client, world):
    client.force_login(world.supervisor)
    _room(world.centre_a, "P0")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("facilities:room_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(1, 15):
        _room(world.centre_a if i % 2 else world.centre_b, f"P{i}")
    assert count() == few
