import pytest
from django.core.management import call_command

from accounts.models import ApiToken
from people.models import Person


def _auth(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_openapi_document_is_public_json(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/persons" in response.json()["paths"]


@pytest.mark.django_db
def test_requires_authentication(client, world):
    assert client.get("/api/centres").status_code == 401
    assert client.get("/api/centres", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


@pytest.mark.django_db
def test_token_command_prints_working_token(client, world, capsys):
    call_command("create_api_token", "officer_a")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("ttct_")
    response = client.get("/api/persons", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_lists_are_scoped(client, world):
    names = {c["code"] for c in client.get("/api/centres", **_auth(world.officer_b)).json()["items"]}
    assert names == {"B"}
    persons = client.get("/api/persons", **_auth(world.officer_b)).json()["items"]
    assert {p["id"] for p in persons} == {world.person_b.pk}
    supervisor = {c["code"] for c in client.get("/api/centres", **_auth(world.supervisor)).json()["items"]}
    assert supervisor == {"A0", "A", "B"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/centres/{centre}", "/api/persons/{person}", "/api/units/{unit}"])
def test_out_of_scope_is_404(client, world, path):
    url = path.format(centre=world.centre_c.pk, person=world.person_c.pk, unit=world.other_province.pk)
    assert client.get(url, **_auth(world.officer_a)).status_code == 404
    assert client.get(url, **_auth(world.admin)).status_code == 200


@pytest.mark.django_db
def test_personal_data_only_for_roles_that_need_it(client, world):
    url = f"/api/persons/{world.person_a.pk}"
    assert client.get(url, **_auth(world.officer_a)).json()["national_id"] == world.person_a.national_id
    viewer = client.get(url, **_auth(world.viewer_a)).json()
    assert viewer["national_id"] is None and viewer["date_of_birth"] is None
    assert client.get("/api/persons", {"q": world.person_a.national_id}, **_auth(world.viewer_a)).json()["count"] == 0


@pytest.mark.django_db
def test_search_ignores_diacritics(client, world):
    found = client.get("/api/persons", {"q": "nguyen thi huong"}, **_auth(world.officer_a)).json()["items"]
    assert [p["full_name"] for p in found] == ["Nguyễn Thị Hường"]


@pytest.mark.django_db
def test_create_person_rejects_bad_id_with_field_message(client, world):
    payload = {"family_name": "Lê", "given_name": "Lan", "gender": "female", "national_id": "003190012345",
               "centre_id": world.centre_a.pk}
    before = Person.objects.count()
    response = client.post("/api/persons", payload, content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 422
    assert "national_id" in response.json()["detail"]
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_create_person_out_of_scope_centre_is_404(client, world):
    payload = {"family_name": "Lê", "given_name": "Lan", "gender": "female", "centre_id": world.centre_c.pk}
    response = client.post("/api/persons", payload, content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 404


@pytest.mark.django_db
def test_create_person_read_only_role_is_403(client, world):
    payload = {"family_name": "Lê", "given_name": "Lan", "gender": "female", "centre_id": world.centre_a.pk}
    response = client.post("/api/persons", payload, content_type="application/json", **_auth(world.viewer_a))
    assert response.status_code == 403


@pytest.mark.django_db
def test_create_person_ok(client, world):
    payload = {"family_name": "Lê", "middle_name": "Thị", "given_name": "Lan", "gender": "female",
               "date_of_birth": "1991-04-03", "national_id": "008191000123", "centre_id": world.centre_a.pk}
    response = client.post("/api/persons", payload, content_type="application/json", **_auth(world.officer_a))
    assert response.status_code == 201, response.content
    assert Person.objects.get(national_id="008191000123").full_name == "Lê Thị Lan"
