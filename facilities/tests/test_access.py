"""Every facilities page and endpoint as every persona (the access walk of this app)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from facilities.tests.builders import item, room
from tests.access import expect, token_headers, walk

pytestmark = pytest.mark.django_db
NO_STAFF = dict(lecturer_a=403, learner_a=403)
EDITORS_ONLY = dict(supervisor=403, viewer_a=403, **NO_STAFF)



def test_every_facilities_page_as_every_persona(client, world):
    thing = item(world.centre_a, "projector", room=room(world.centre_a))
    a, c = world.centre_a.pk, world.centre_c.pk
    walk(client, world, [
        ("equipment list", reverse("facilities:equipment_list"), expect(200, **NO_STAFF)),
        ("equipment export", reverse("facilities:equipment_export"), expect(200, **NO_STAFF)),
        ("equipment A", reverse("facilities:equipment_detail", args=[thing.pk]), expect(200, officer_b=404, **NO_STAFF)),
        ("equipment A edit", reverse("facilities:equipment_edit", args=[thing.pk]),
         expect(200, officer_b=404, **EDITORS_ONLY)),
        ("equipment create", reverse("facilities:equipment_create"), expect(200, **EDITORS_ONLY)),
        ("centre A facilities", reverse("facilities:centre", args=[a]), expect(200, officer_b=404, **NO_STAFF)),
        ("centre C facilities", reverse("facilities:centre", args=[c]), expect(404, admin=200, **NO_STAFF)),
        ("centre A occupancy", reverse("facilities:occupancy", args=[a]), expect(200, officer_b=404, **NO_STAFF)),
        ("building create", reverse("facilities:building_create"), expect(200, **EDITORS_ONLY)),
        ("inventory upload", reverse("facilities:inventory_upload"), expect(200, **EDITORS_ONLY)),
        ("standard", reverse("facilities:standard"), expect(200, **NO_STAFF)),
        ("requirement create", reverse("facilities:requirement_create"), expect(403, admin=200)),
        ("category edit", reverse("facilities:category_edit", args=[thing.category_id]), expect(403, admin=200)),
    ])


def test_every_facilities_endpoint_as_every_persona(client, world):
    thing = item(world.centre_a, "projector")
    headers = token_headers(world)
    no_staff = dict(lecturer_a=403, learner_a=403, anonymous=401)
    walk(client, world, [
        ("api equipment", "/api/facilities/equipment", expect(200, **no_staff)),
        ("api equipment A", f"/api/facilities/equipment/{thing.pk}", expect(200, officer_b=404, **no_staff)),
        ("api standard A", f"/api/facilities/centres/{world.centre_a.pk}/standard",
         expect(200, officer_b=404, **no_staff)),
    ], headers=headers)


def test_api_lists_only_equipment_in_scope_and_creates_through_the_service(client, world):
    item(world.centre_a, "projector", name="Máy chiếu A")
    item(world.centre_b, "projector", name="Máy chiếu B")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.officer_b)[1]}"}
    names = [i["name"] for i in client.get("/api/facilities/equipment", **auth).json()["items"]]
    assert names == ["Máy chiếu B"]
    created = client.post("/api/facilities/equipment", {"centre_id": world.centre_b.pk, "category": "sound",
                                                        "name": "Loa", "quantity": 2},
                          content_type="application/json", **auth)
    assert created.status_code == 201 and created.json()["quantity"] == 2
    refused = client.post("/api/facilities/equipment", {"centre_id": world.centre_a.pk, "category": "sound",
                                                        "name": "Loa", "quantity": 2},
                          content_type="application/json", **auth)
    assert refused.status_code == 404
    bad = client.post("/api/facilities/equipment", {"centre_id": world.centre_b.pk, "category": "bảng",
                                                    "name": "Bảng", "quantity": 1},
                      content_type="application/json", **auth)
    assert bad.status_code == 422


def test_the_administrator_changes_the_standard_and_it_is_audited(client, world):
    from core.models import AuditEvent
    from facilities.models import FacilityRequirement

    client.force_login(world.admin)
    response = client.post(reverse("facilities:requirement_create"), {
        "name": "Thư viện", "kind": "rooms", "room_kind": "", "min_seats": "0", "min_count": "1",
        "valid_from": "01/01/2026", "sort_order": "9"})
    assert response.status_code == 200 and "Chọn loại phòng" in response.content.decode()
    response = client.post(reverse("facilities:requirement_create"), {
        "name": "Phòng họp", "kind": "rooms", "room_kind": "meeting_room", "min_seats": "0", "min_count": "1",
        "valid_from": "01/01/2026", "sort_order": "9"})
    assert response.status_code == 302
    created = FacilityRequirement.objects.get(name="Phòng họp")
    assert AuditEvent.objects.for_object(created).filter(action="create").exists()
