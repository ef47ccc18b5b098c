"""Names imported or typed in any case come out in Vietnamese title case, the preview says so, and a
registry name changes only with the consent the import asks for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from core.text import title_case_name
from people.models import Person
from tests import factories as f
from training.nominations import sample_workbooks as W
from training.nominations.importers import save_persons
from training.tests.factories import nominations as support

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_title_case_of_vietnamese_names():
    assert title_case_name("trần thị mai") == "Trần Thị Mai"
    assert title_case_name("  ĐẶNG   QUỐC việt ") == "Đặng Quốc Việt"
    assert title_case_name("h'hen niê") == "H'Hen Niê"
    assert title_case_name("Lê Thị Ỷ") == "Lê Thị Ỷ"


@pytest.mark.django_db
def test_the_preview_shows_the_name_as_it_will_be_recorded(world):
    data = W.header_variant(HEADERS, [1, "trần thị mai", "17/05/1992", "Nữ", W.HUONG_ID])
    row = support.preview_rows(data, actor=world.officer_a, today=W.TODAY).rows[0]
    assert (row.values["family_name"], row.values["middle_name"], row.values["given_name"]) == ("Trần", "Thị", "Mai")
    assert any("“trần thị mai” is recorded as “Trần Thị Mai”" in m.text for m in row.messages)
    persons = save_persons([row], actor=world.officer_a, centre=world.centre_a)
    assert persons[row.row].full_name == "Trần Thị Mai"


@pytest.mark.django_db
def test_a_registry_name_changes_only_with_consent(world):
    person = f.PersonFactory(centre=world.centre_a, family_name="trần", middle_name="thị", given_name="mai",
                             gender="female", national_id=W.HUONG_ID, date_of_birth=dt.date(1992, 5, 17))
    data = W.header_variant(HEADERS, [1, "trần thị mai", "17/05/1992", "Nữ", W.HUONG_ID])
    row = support.preview_rows(data, actor=world.officer_a, today=W.TODAY).rows[0]
    assert row.person_id == person.pk
    assert {d.field for d in row.differences} >= {"family_name", "middle_name", "given_name"}
    save_persons([row], actor=world.officer_a)
    person.refresh_from_db()
    assert person.full_name == "trần thị mai"  # no consent: the registry is left as it is
    save_persons([row], actor=world.officer_a, consented_rows={row.row})
    person.refresh_from_db()
    assert person.full_name == "Trần Thị Mai"


@pytest.mark.django_db
def test_typed_names_are_title_cased(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("people:person_edit", args=[world.person_a.pk]), {
        "family_name": "nguyễn", "middle_name": "THỊ", "given_name": "hường", "gender": "female",
        "ethnicity": "Kinh", "centre": world.centre_a.pk, "national_id": world.person_a.national_id,
        "date_of_birth": world.person_a.date_of_birth.strftime("%d/%m/%Y"),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.get(pk=world.person_a.pk).full_name == "Nguyễn Thị Hường"


@pytest.mark.django_db
def test_a_name_with_emoji_or_symbols_is_refused_in_the_import_and_the_registry(world):
    from django.core.exceptions import ValidationError

    from people import services

    data = W.header_variant(HEADERS, [1, "Trần Thị Mai 🌸", "17/05/1992", "Nữ", W.HUONG_ID])
    row = support.preview_rows(data, actor=world.officer_a, today=W.TODAY).rows[0]
    assert row.has_errors and any("🌸" in m.text for m in row.messages)
    person = f.PersonFactory.build(centre=world.centre_a, family_name="Lê", middle_name="", given_name="An★")
    with pytest.raises(ValidationError) as refused:
        services.save_person(actor=world.officer_a, person=person)
    assert "given_name" in refused.value.message_dict
    assert not Person.objects.filter(given_name="An★").exists()
    ok = f.PersonFactory.build(centre=world.centre_a, family_name="Niê", middle_name="", given_name="H'Hen")
    services.save_person(actor=world.officer_a, person=ok)
    assert Person.objects.filter(given_name="H'Hen").exists()
