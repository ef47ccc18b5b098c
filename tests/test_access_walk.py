"""Walk every page as every persona: 200 where the role allows, 403 where it is in scope but not
allowed, 404 outside the scope, 302 to the login page for anonymous visitors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f
from tests.access import expect, token_headers, walk


@pytest.fixture
def objects(world):
    org_a = f.SendingOrganisationFactory(centre=world.centre_a, name="Đảng ủy xã Yên Sơn")
    org_b = f.SendingOrganisationFactory(centre=world.centre_b, name="Đảng ủy xã Hàm Yên")
    staff_a = f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a)
    lecturer_b = f.LecturerFactory(centre=world.centre_b)
    commune = f.CommuneFactory(parent=world.province)
    commune_c = f.CommuneFactory(parent=world.other_province)
    return {"org_a": org_a, "org_b": org_b, "staff_a": staff_a, "lecturer_b": lecturer_b, "commune": commune,
            "commune_c": commune_c}


def cases(world, o):
    w = world
    staff_readers = dict(lecturer_a=403, learner_a=403)
    editors_a = dict(supervisor=403, viewer_a=403, lecturer_a=403, learner_a=403)
    return [
        ("home", reverse("home"), expect(200)),
        ("centre list", reverse("org:centre_list"), expect(200)),
        ("centre A", reverse("org:centre_detail", args=[w.centre_a.pk]), expect(200, officer_b=404)),
        ("centre A0 (predecessor)", reverse("org:centre_detail", args=[w.centre_a0.pk]), expect(200, officer_b=404)),
        ("centre C", reverse("org:centre_detail", args=[w.centre_c.pk]), expect(404, admin=200)),
        ("centre A history", reverse("org:centre_history", args=[w.centre_a.pk]), expect(200, officer_b=404)),
        ("centre A edit", reverse("org:centre_edit", args=[w.centre_a.pk]),
         expect(200, officer_b=404, viewer_a=403, lecturer_a=403, learner_a=403)),
        ("centre A rename", reverse("org:centre_rename", args=[w.centre_a.pk]),
         expect(403, admin=200, supervisor=200, officer_b=404)),
        ("centre create", reverse("org:centre_create"), expect(403, admin=200, supervisor=200)),
        ("service area add", reverse("org:service_area_add", args=[w.centre_a.pk]),
         expect(403, admin=200, supervisor=200, officer_b=404)),
        ("logins", reverse("accounts:user_list"), expect(403, admin=200, supervisor=200, director_a=200)),
        ("unit list", reverse("org:unit_list"), expect(200, **staff_readers)),
        ("unit in province", reverse("org:unit_detail", args=[o["commune"].pk]), expect(200, **staff_readers)),
        ("unit in other province", reverse("org:unit_detail", args=[o["commune_c"].pk]),
         expect(404, admin=200, **staff_readers)),
        ("unit edit", reverse("org:unit_edit", args=[o["commune"].pk]),
         expect(403, admin=200, supervisor=200)),
        ("sending org list", reverse("org:sending_org_list"), expect(200, **staff_readers)),
        ("sending org A", reverse("org:sending_org_detail", args=[o["org_a"].pk]),
         expect(200, officer_b=404, **staff_readers)),
        ("sending org B", reverse("org:sending_org_detail", args=[o["org_b"].pk]),
         expect(404, admin=200, supervisor=200, officer_b=200, lecturer_a=403, learner_a=403)),
        ("sending org A edit", reverse("org:sending_org_edit", args=[o["org_a"].pk]),
         expect(200, officer_b=404, viewer_a=403, **staff_readers)),
        ("sending org create", reverse("org:sending_org_create"),
         expect(200, viewer_a=403, lecturer_a=403, learner_a=403)),
        ("person list", reverse("people:person_list"), expect(200, **staff_readers)),
        ("person A", reverse("people:person_detail", args=[w.person_a.pk]),
         expect(200, officer_b=404, lecturer_a=404, learner_a=404)),
        ("person C", reverse("people:person_detail", args=[w.person_c.pk]), expect(404, admin=200)),
        ("person A edit", reverse("people:person_edit", args=[w.person_a.pk]),
         expect(200, officer_b=404, lecturer_a=404, learner_a=404, supervisor=403, viewer_a=403)),
        ("person create", reverse("people:person_create"), expect(200, **editors_a)),
        ("own record (learner)", reverse("people:person_detail", args=[w.learner_person.pk]),
         expect(200, officer_b=404, lecturer_a=404)),
        ("my record", reverse("people:my_record"), expect(403, lecturer_a=302, learner_a=302)),
        ("duplicates", reverse("people:duplicates"), expect(200, **editors_a)),
        ("staff list", reverse("people:staff_list"), expect(200, **staff_readers)),
        ("staff A edit", reverse("people:staff_edit", args=[o["staff_a"].pk]),
         expect(200, officer_b=404, lecturer_a=404, learner_a=404, supervisor=403, viewer_a=403)),
        ("lecturer list", reverse("people:lecturer_list"), expect(200, learner_a=403)),
        ("own lecturer profile", reverse("people:lecturer_detail", args=[w.lecturer_profile.pk]),
         expect(200, officer_b=404, learner_a=404)),
        ("own lecturer profile edit", reverse("people:lecturer_edit", args=[w.lecturer_profile.pk]),
         expect(200, officer_b=404, learner_a=404, supervisor=403, viewer_a=403)),
        ("lecturer of B", reverse("people:lecturer_detail", args=[o["lecturer_b"].pk]),
         expect(404, admin=200, supervisor=200, officer_b=200)),
    ]


@pytest.mark.django_db
def test_every_page_as_every_persona(client, world, objects):
    walk(client, world, cases(world, objects))


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("people:person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_out_of_scope_objects_never_listed_or_found(client, world, objects):
    client.force_login(world.officer_b)
    listing = client.get(reverse("people:person_list")).content.decode()
    assert world.person_b.full_name in listing
    assert world.person_a.full_name not in listing
    assert world.person_c.full_name not in listing
    search = client.get(reverse("people:person_list"), {"q": "nguyen thi huong"}).content.decode()
    assert world.person_a.full_name not in search
    orgs = client.get(reverse("org:sending_org_list")).content.decode()
    assert "Đảng ủy xã Hàm Yên" in orgs and "Đảng ủy xã Yên Sơn" not in orgs
    centres = client.get(reverse("org:centre_list")).content.decode()
    assert world.centre_b.name in centres and world.centre_a.name not in centres and world.centre_c.name not in centres


def api_cases(world, o):
    w = world
    no_staff = dict(lecturer_a=200, learner_a=200)  # lists answer, filtered to what the role may see
    return [
        ("api centres", "/api/centres", expect(200, anonymous=401)),
        ("api centre A", f"/api/centres/{w.centre_a.pk}", expect(200, officer_b=404, anonymous=401)),
        ("api centre C", f"/api/centres/{w.centre_c.pk}", expect(404, admin=200, anonymous=401)),
        ("api units", "/api/units", expect(200, anonymous=401)),
        ("api unit in other province", f"/api/units/{o['commune_c'].pk}",
         expect(404, admin=200, anonymous=401)),
        ("api sending orgs", "/api/sending-organisations", expect(200, anonymous=401)),
        ("api sending org A", f"/api/sending-organisations/{o['org_a'].pk}",
         expect(200, officer_b=404, lecturer_a=404, learner_a=404, anonymous=401)),
        ("api persons", "/api/persons", expect(200, anonymous=401, **no_staff)),
        ("api person A", f"/api/persons/{w.person_a.pk}",
         expect(200, officer_b=404, lecturer_a=404, learner_a=404, anonymous=401)),
        ("api own person (learner)", f"/api/persons/{w.learner_person.pk}",
         expect(200, officer_b=404, lecturer_a=404, anonymous=401)),
    ]


@pytest.mark.django_db
def test_every_api_endpoint_as_every_persona(client, world, objects):
    walk(client, world, api_cases(world, objects), headers=token_headers(world))


@pytest.mark.django_db
def test_api_lists_never_leak_out_of_scope(client, world, objects):
    from accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.learner_a)[1]}"}
    persons = client.get("/api/persons", **auth).json()["items"]
    assert [p["id"] for p in persons] == [world.learner_person.pk]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.officer_b)[1]}"}
    orgs = {o["name"] for o in client.get("/api/sending-organisations", **auth).json()["items"]}
    assert "Đảng ủy xã Hàm Yên" in orgs and "Đảng ủy xã Yên Sơn" not in orgs
