"""The confirm of a kept upload takes the rows its preview parsed; matching and the checks run again."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from people.models import Person
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.nominations import store
from training.nominations.importers.rows import RowParser
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.tests.factories import nominations as s

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"]


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()


def _list(count: int = 6) -> bytes:
    rows = {3: HEADERS}
    for index in range(count):
        rows[4 + index] = [index + 1, f"Lê Thị Hoa {chr(65 + index)}", f"{index + 1:02d}/05/1991", "Nữ", "Đảng viên"]
    return w.build(rows)


@pytest.fixture
def parses(monkeypatch):
    """How many rows RowParser.parse has parsed."""
    counter = {"rows": 0}
    original = RowParser.parse

    def counting(self, raw, overrides=None):
        counter["rows"] += 1
        return original(self, raw, overrides)

    monkeypatch.setattr(RowParser, "parse", counting)
    return counter


@pytest.fixture
def kept(world):
    klass = s.klass(world.centre_a, s.programme("DVM"))
    upload = store.store_upload(actor=world.officer_a, klass=klass, data=_list(), filename="ds.xlsx")
    return klass, upload


@pytest.mark.django_db
def test_the_confirm_reuses_the_preview_parse_and_still_matches_again(world, kept, parses):
    klass, upload = kept
    preview = preview_nominations(actor=world.officer_a, klass=klass, source=store.table_of(upload), today=w.TODAY)
    assert parses["rows"] == 6 and preview.summary()["to_enrol"] == 6
    # Someone registers one of the list's people between the preview and the confirm.
    first = preview.result.rows[0]
    person = Person.objects.create(family_name="Lê", middle_name="Thị Hoa", given_name="A", gender="female",
                                   date_of_birth=first.values["date_of_birth"], centre=world.centre_a)

    outcome = import_nominations(actor=world.officer_a, klass=klass, source=store.table_of(upload), today=w.TODAY)

    assert parses["rows"] == 6  # no row parsed a second time
    assert outcome.new_persons == 6  # the matching ran again; its possible match is not taken as the same person
    assert Enrolment.objects.filter(klass=klass).count() == 6
    assert outcome.preview.result.rows[0].candidate_ids == [person.pk]


@pytest.mark.django_db
def test_rows_from_the_cache_are_fresh_objects(world, kept, parses):
    klass, upload = kept
    one = preview_nominations(actor=world.officer_a, klass=klass, source=store.table_of(upload), today=w.TODAY)
    one.result.rows[0].values["family_name"] = "Đổi"
    two = preview_nominations(actor=world.officer_a, klass=klass, source=store.table_of(upload), today=w.TODAY)
    assert two.result.rows[0].values["family_name"] == "Lê"
    assert parses["rows"] == 6


@pytest.mark.django_db
def test_a_fix_another_day_or_another_language_parses_again(world, kept, parses):
    klass, upload = kept
    table = store.table_of
    preview_nominations(actor=world.officer_a, klass=klass, source=table(upload), today=w.TODAY)
    fixed = preview_nominations(actor=world.officer_a, klass=klass, source=table(upload), today=w.TODAY,
                                choices=Choices(fixes={4: {"date_of_birth": "07/07/1977"}}))
    assert parses["rows"] == 12
    assert fixed.result.rows[0].values["date_of_birth"].year == 1977
    with translation.override("en"):
        preview_nominations(actor=world.officer_a, klass=klass, source=table(upload), today=w.TODAY)
    assert parses["rows"] == 18
    preview_nominations(actor=world.officer_a, klass=klass, source=table(upload),
                        today=w.TODAY.replace(year=w.TODAY.year + 1))
    assert parses["rows"] == 24


@pytest.mark.django_db
def test_discarding_the_upload_forgets_its_rows(world, kept, parses):
    klass, upload = kept
    preview_nominations(actor=world.officer_a, klass=klass, source=store.table_of(upload), today=w.TODAY)
    store.discard_upload(upload)
    assert cache.get(f"ttct:nominations:table:{upload.token}:rows") is None
