"""The centre filter of the list pages is read once per access token, and a renamed or moved centre shows
on the next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from org.models import Centre

pytestmark = pytest.mark.django_db(transaction=True)


def _page(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("people:person_list"))
    assert response.status_code == 200
    centres = [sql for sql in (q["sql"] for q in captured) if 'FROM "org_centre"' in sql and '"org_centre"."name"' in sql]
    return response.content.decode(), len(centres)


def test_the_centre_filter_is_read_once_and_follows_a_rename_and_a_move(client, world):
    client.force_login(world.supervisor)
    first, reads = _page(client)
    assert reads == 1 and "Trung tâm Chính trị xã Hàm Yên" in first
    again, reads = _page(client)
    assert reads == 0 and again.count("Trung tâm Chính trị xã Hàm Yên") == first.count("Trung tâm Chính trị xã Hàm Yên")
    Centre.objects.filter(pk=world.centre_b.pk).update(name="Trung tâm Chính trị xã Hàm Yên Mới")
    renamed, reads = _page(client)
    assert reads == 1 and "Trung tâm Chính trị xã Hàm Yên Mới" in renamed
    Centre.objects.filter(pk=world.centre_b.pk).update(province=world.other_province)
    moved, _ = _page(client)
    assert "Hàm Yên Mới" not in moved
