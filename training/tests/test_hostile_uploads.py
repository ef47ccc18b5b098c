"""Hostile workbooks are refused before they are parsed, with a message, on every path; the request
body is capped before it is read; upload storage has a quota."""

from __future__ import annotations

import io
import time

import pytest
from django.urls import reverse

from bench import hostile_workbooks as hostile
from training.models import Enrolment
from training.nominations import store as nominations_store
from training.nominations.importers.reader import WorkbookError, read_workbook
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def small_limits(settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 16 * MB
    settings.IMPORT_MAX_ROWS = 300


BUILDERS = {
    "shared_strings_bomb": lambda: hostile.shared_strings_bomb(inflated=40 * MB),
    "sheet_bomb": lambda: hostile.sheet_bomb(rows=200_000),
    "sheet_bomb_lying_dimension": lambda: hostile.sheet_bomb(rows=200_000, honest_dimension=False),
    "many_rows": lambda: hostile.many_rows(301),
    "entity_expansion": hostile.entity_expansion,
    "external_entity": hostile.external_entity,
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_hostile_workbook_is_refused_with_a_message(name, small_limits):
    data = BUILDERS[name]()
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as refused:
        read_workbook(data)
    assert time.perf_counter() - started < 30  # the benchmark measures it; here: it ends
    assert str(refused.value)


def test_the_row_limit_speaks_vietnamese(small_limits):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(WorkbookError) as refused:
        read_workbook(hostile.many_rows(301))
    assert "300" in str(refused.value) and "dòng" in str(refused.value)


def test_a_list_at_the_row_limit_is_read(small_limits):
    assert len(read_workbook(hostile.many_rows(300)).rows) == 300


@pytest.mark.parametrize("name", ["entity_expansion", "sheet_bomb"])
def test_the_pages_show_the_refusal_not_a_server_error(client, world, name, small_limits):
    klass = s.klass(world.centre_a, s.programme("DVM"))
    client.force_login(world.officer_a)
    file = io.BytesIO(BUILDERS[name]())
    file.name = "ds.xlsx"
    response = client.post(reverse("training:nomination_upload", args=[klass.pk]), {"file": file})
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'class="errors"' in page.content.decode()
    assert not Enrolment.objects.exists()


def test_the_api_preview_refuses_oversized_and_hostile_files(client, world, settings, small_limits):
    from api.tests.test_api import _auth

    klass = s.klass(world.centre_a, s.programme("DVM"))
    url = f"/api/training/classes/{klass.pk}/nominations/preview"
    settings.MAX_REQUEST_BODY_BYTES = 64 * MB
    big = io.BytesIO(b"PK" + b"\0" * (nominations_store.MAX_BYTES + 1))
    big.name = "ds.xlsx"
    response = client.post(url, {"file": big}, **_auth(world.officer_a))
    assert response.status_code == 422
    bomb = io.BytesIO(hostile.entity_expansion())
    bomb.name = "ds.xlsx"
    response = client.post(url, {"file": bomb}, **_auth(world.officer_a))
    assert response.status_code < 500


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, world, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1 * MB
    client.force_login(world.officer_a)

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic("POST", "/accounts/login/", data=b"", content_type="application/octet-stream",
                              CONTENT_LENGTH=str(300 * MB), **{"wsgi.input": Unreadable()})
    assert response.status_code == 413
    response = client.generic("POST", "/api/persons", data=b"", CONTENT_LENGTH=str(300 * MB),
                              **{"wsgi.input": Unreadable()})
    assert response.status_code == 413


def test_upload_storage_keeps_a_quota_and_a_few_uploads_per_user(world, settings, tmp_path):
    klass = s.klass(world.centre_a, s.programme("DVM"))
    data = hostile.many_rows(3)
    stored = [nominations_store.store_upload(actor=world.officer_a, klass=klass, data=data, filename="a.xlsx")
              for _ in range(nominations_store.PENDING_PER_USER + 2)]
    kept = list((tmp_path / "imports").glob("*.xlsx"))
    assert len(kept) == nominations_store.PENDING_PER_USER
    assert stored[-1].path.exists() and not stored[0].path.exists()
    settings.IMPORT_STORAGE_QUOTA_BYTES = len(data) * (nominations_store.PENDING_PER_USER + 1) - 1
    with pytest.raises(Exception) as full:
        nominations_store.store_upload(actor=world.officer_b, klass=klass, data=data, filename="b.xlsx")
    assert "full" in str(full.value) or "đầy" in str(full.value)
