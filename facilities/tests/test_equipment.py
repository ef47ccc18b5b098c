"""Equipment, dated condition checks, the facilities standard as data, and room occupancy by month."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from facilities import services
from facilities.models import Condition, Equipment, FacilityRequirement, Room
from facilities.selectors import occupancy, standing_of_centres, teaching_slots
from facilities.tests.builders import item, klass, room, session

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def _standing(centre):
    return {s.requirement.name: s for s in standing_of_centres([centre.pk], TODAY)[centre.pk]}


def test_default_standard_is_data_and_a_bare_centre_misses_all_of_it(world):
    assert FacilityRequirement.objects.count() == 8
    standing = _standing(world.centre_a)
    assert not any(s.met for s in standing.values())


def test_standard_met_and_missing_from_rooms_and_equipment(world):
    c = world.centre_a
    hall = room(c, "Hội trường", Room.Kind.LECTURE_HALL, seats=120)
    r1, r2 = room(c, "P1"), room(c, "P2")
    room(c, "Phòng máy", Room.Kind.COMPUTER_ROOM, seats=25)
    for r in (hall, r1):
        item(c, "projector", room=r)
    item(c, "projector", room=r2, condition=Condition.BROKEN)
    item(c, "computer", quantity=3)
    item(c, "computer", quantity=2)
    item(c, "internet")
    standing = _standing(c)
    assert standing["Hội trường từ 100 chỗ ngồi"].met
    assert standing["Ít nhất 2 phòng học"].met
    assert standing["Phòng máy tính"].met
    projector = standing["Máy chiếu ở mọi hội trường, phòng học"]
    assert (projector.met, projector.have, projector.need) == (False, 2, 3)  # the broken one does not count
    assert standing["Máy tính phục vụ giảng dạy, quản lý (từ 5 máy)"].met  # 3 + 2 good computers
    assert standing["Đường truyền internet"].met
    assert not standing["Hệ thống âm thanh"].met
    # A small hall does not count as the required one; a requirement no longer in force drops out.
    hall.seats = 80
    hall.save()
    FacilityRequirement.objects.filter(name="Phòng máy tính").update(valid_to=dt.date(2025, 12, 31))
    standing = _standing(c)
    assert not standing["Hội trường từ 100 chỗ ngồi"].met
    assert "Phòng máy tính" not in standing


def test_standing_of_many_centres_in_constant_queries(world, django_assert_max_num_queries):
    centres = [world.centre_a, world.centre_b, world.centre_c]
    for c in centres:
        item(c, "sound", room=room(c))
    with django_assert_max_num_queries(4):
        result = standing_of_centres([c.pk for c in centres], TODAY)
    assert all(len(v) == 8 for v in result.values())


def test_officer_records_equipment_and_a_dated_check_updates_its_condition(world):
    thing = services.save_equipment(actor=world.officer_a, item=Equipment(
        centre=world.centre_a, category=item(world.centre_a, "projector").category, name=" Máy chiếu  Sony ",
        quantity=2))
    assert thing.name == "Máy chiếu Sony"
    services.record_condition_check(actor=world.officer_a, item=thing, date=dt.date(2026, 5, 2),
                                    condition=Condition.NEEDS_REPAIR, note="Bóng đèn mờ")
    thing.refresh_from_db()
    assert thing.condition == Condition.NEEDS_REPAIR
    # An older check is history; it does not override the latest one.
    services.record_condition_check(actor=world.officer_a, item=thing, date=dt.date(2026, 1, 2),
                                    condition=Condition.GOOD)
    thing.refresh_from_db()
    assert thing.condition == Condition.NEEDS_REPAIR
    assert thing.checks.count() == 2
    assert AuditEvent.objects.for_object(thing).filter(action="update").exists()
    with pytest.raises(ValidationError):
        services.record_condition_check(actor=world.officer_a, item=thing,
                                        date=timezone.localdate() + dt.timedelta(days=3), condition=Condition.GOOD)


def test_equipment_validation_and_scope(world):
    category = item(world.centre_a, "sound").category
    with pytest.raises(ValidationError) as error:
        services.save_equipment(actor=world.officer_a, item=Equipment(
            centre=world.centre_a, category=category, name="Loa", quantity=0, room=room(world.centre_b)))
    assert set(error.value.message_dict) == {"quantity", "room"}
    with pytest.raises(PermissionDenied):
        services.save_equipment(actor=world.officer_b, item=Equipment(
            centre=world.centre_a, category=category, name="Loa", quantity=1))
    with pytest.raises(PermissionDenied):
        services.save_equipment(actor=world.viewer_a, item=Equipment(
            centre=world.centre_a, category=category, name="Loa", quantity=1))


def test_occupancy_counts_sessions_per_room_and_month(world):
    c = world.centre_a
    r1, r2 = room(c, "P1"), room(c, "P2")
    k = klass(c, start=dt.date(2026, 3, 2))
    for day in range(5):
        session(k, dt.date(2026, 3, 2 + day), "morning", room=r1)
        session(k, dt.date(2026, 3, 2 + day), "afternoon", room=r1)
    session(k, dt.date(2026, 4, 6), room=r2)
    session(k, dt.date(2025, 4, 6), room=r2)  # another year
    rows = {o.room.name: o for o in occupancy([r1, r2], 2026)}
    assert rows["P1"].sessions[2] == 10 and rows["P1"].total == 10
    assert rows["P2"].sessions[3] == 1 and rows["P2"].total == 1
    assert teaching_slots(2026, 3) == 44  # 22 weekdays in March 2026
    assert rows["P1"].rates[2] == round(100 * 10 / 44)


def test_centre_page_shows_met_and_missing(client, world):
    room(world.centre_a, "Hội trường lớn", Room.Kind.LECTURE_HALL, seats=150)
    client.force_login(world.viewer_a)
    page = client.get(reverse("facilities:centre", args=[world.centre_a.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hội trường lớn" in body
    assert page.context["met"] == 1


def test_occupancy_page_in_constant_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.officer_a)
    url = reverse("facilities:occupancy", args=[world.centre_a.pk]) + "?year=2026"
    for n in range(2):
        room(world.centre_a, f"A{n}")
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for n in range(8):
        room(world.centre_a, f"B{n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 10
