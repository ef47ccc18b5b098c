"""The audience by party membership is data on the programme: seeded for NTVD, edited where programmes are
edited, shown on the programme's page, carried by the exchange files and the API."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from curriculum.choices import PartyAudience
from curriculum.exchange import jsonfile
from curriculum.exchange.importer import import_version, parse_file
from curriculum.models import Programme, ProgrammeVersion, TopicMapping

pytestmark = pytest.mark.django_db


def test_the_catalogue_seeds_the_candidates_course(catalogue):
    assert catalogue["NTVD"].party_audience == PartyAudience.NON_MEMBERS
    assert {p.party_audience for code, p in catalogue.items() if code != "NTVD"} == {PartyAudience.ANYONE}


def test_the_administrator_sees_and_edits_the_setting(client, world, catalogue):
    programme = catalogue["DVM"]
    client.force_login(world.admin)
    url = reverse("curriculum:programme_edit", args=[programme.pk])
    form = client.get(url).content.decode()
    assert 'name="party_audience"' in form and "Đối tượng theo đảng tịch" in form
    data = {"code": programme.code, "name": programme.name, "category": programme.category,
            "organiser_kind": programme.organiser_kind, "audience": programme.audience,
            "party_audience": PartyAudience.MEMBERS, "description": ""}
    assert client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.party_audience == PartyAudience.MEMBERS
    page = client.get(reverse("curriculum:programme_detail", args=[programme.pk])).content.decode()
    assert "chỉ đảng viên" in page


def test_the_exchange_file_carries_it_and_older_files_without_it_still_import(world, catalogue):
    data = json.loads(jsonfile.dumps(catalogue["NTVD"].versions.get()))
    assert data["programme"]["party_audience"] == PartyAudience.NON_MEMBERS
    programme = Programme.objects.get(code="NTVD")  # as if the file went to another installation
    TopicMapping.objects.filter(centre_topic__version__programme=programme).delete()
    ProgrammeVersion.objects.filter(programme=programme).delete()
    programme.delete()
    imported = import_version(actor=world.admin, parsed=parse_file("v.json", json.dumps(data).encode()))
    assert imported.programme.party_audience == PartyAudience.NON_MEMBERS
    older = {**data, "programme": {k: v for k, v in data["programme"].items() if k != "party_audience"}}
    older["programme"]["code"] = "NTVD-CU"
    parsed = parse_file("v.json", json.dumps(older).encode())
    assert not isinstance(parsed, list), parsed
    assert import_version(actor=world.admin, parsed=parsed).programme.party_audience == PartyAudience.ANYONE


def test_the_api_shows_it(client, world, catalogue):
    _, raw = ApiToken.issue(world.officer_a)
    response = client.get("/api/curriculum/programmes", {"q": "NTVD"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    found = [p for p in response.json()["items"] if p["code"] == "NTVD"]
    assert found and found[0]["party_audience"] == PartyAudience.NON_MEMBERS
