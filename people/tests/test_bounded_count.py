"""The person list counts at most `LIST_COUNT_LIMIT` persons; the export still holds every match."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def _grow(world, n: int) -> int:
    for _ in range(n):
        f.PersonFactory(centre=world.centre_a)
    return Person.objects.visible_to(world.supervisor).filter(archived=False).count()


def _page(client, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("people:person_list"), params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_exact_count_below_the_limit(client, world):
    visible = _grow(world, 3)
    client.force_login(world.supervisor)
    with override_settings(LIST_COUNT_LIMIT=visible):
        html, _ = _page(client)
    assert f"{visible} kết quả" in html and "hơn" not in html


def test_capped_count_and_its_pages(client, world):
    visible = _grow(world, 6)
    client.force_login(world.supervisor)
    with override_settings(LIST_COUNT_LIMIT=visible - 1, PAGE_SIZE=2):
        exact_html, exact_queries = _page(client, q="nguyen")  # fewer matches than the limit
        html, queries = _page(client)
        pages = {int(n) for n in re.findall(r"[?&]page=(\d+)", html)}
        last = max(pages)
        last_html, _ = _page(client, page=last)
        beyond_html, _ = _page(client, page=last + 5)
    assert f"hơn {visible - 1} kết quả" in html
    assert "hơn" not in exact_html
    assert queries == exact_queries
    assert last == -(-(visible - 1) // 2)  # the last counted page
    detail = reverse("people:person_detail", args=[world.person_a.pk]).rsplit(str(world.person_a.pk), 1)[0]
    with override_settings(LIST_COUNT_LIMIT=visible - 1, PAGE_SIZE=2):
        for link in pages:  # every page linked shows persons
            assert _page(client, page=link)[0].count(f'href="{detail}') >= 1
    assert 'rel="next"' not in last_html and f"hơn {visible - 1} kết quả" in last_html
    # A page past the counted ones is the last counted page.
    assert beyond_html.split('id="person-rows"')[1] == last_html.split('id="person-rows"')[1]


def test_capped_search_pages_hold_the_matches_in_order(client, world):
    """A province's search reads its matches' keys with the count; each page shows its share of them."""
    _grow(world, 5)
    client.force_login(world.supervisor)
    detail = reverse("people:person_detail", args=[world.person_a.pk]).rsplit(str(world.person_a.pk), 1)[0]
    expected = [p.full_name for p in Person.objects.visible_to(world.supervisor).filter(archived=False, family_name="Nguyễn")
                .order_by("sort_key", "pk")][:4]
    shown = []
    with override_settings(LIST_COUNT_LIMIT=4, PAGE_SIZE=3):
        for number in (1, 2, 3):
            html, _ = _page(client, q="nguyen", page=number)
            assert "hơn 4 kết quả" in html
            rows = html.split('id="person-rows"')[1]
            shown.append(re.findall(rf'href="{detail}[^"]*">([^<]+)</a>', rows))
    assert len(expected) == 4 and shown[0] + shown[1] == expected and shown[2] == shown[1]


def test_export_holds_every_match_past_the_limit(client, world):
    visible = _grow(world, 4)
    client.force_login(world.supervisor)
    with override_settings(LIST_COUNT_LIMIT=2):
        response = client.get(reverse("people:person_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) - 1 == visible
