"""List pages count at most `LIST_COUNT_LIMIT` rows: exact below it, "more than N" past it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.listing import BoundedPaginator
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def _persons(n: int):
    centre = f.CentreFactory()
    for _ in range(n):
        f.PersonFactory(centre=centre)
    return Person.objects.filter(centre=centre).order_by("pk")


def test_exact_count_below_the_limit():
    paginator = BoundedPaginator(_persons(5), 2, limit=5)
    with CaptureQueriesContext(connection) as captured:
        assert (paginator.count, paginator.capped, paginator.num_pages) == (5, False, 3)
    assert len(captured) == 1
    assert "LIMIT" in captured[0]["sql"].upper()


def test_count_stops_at_the_limit():
    paginator = BoundedPaginator(_persons(7), 2, limit=5)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)
    # The last counted page holds the rows up to the limit and links no further.
    last = paginator.get_page(99)
    assert last.number == 3 and len(last.object_list) == 1 and not last.has_next()


def test_a_list_of_rows_is_counted_too():
    capped, exact = BoundedPaginator(list(range(4)), 2, limit=3), BoundedPaginator(list(range(3)), 2, limit=3)
    assert (capped.count, capped.capped, exact.count, exact.capped) == (3, True, 3, False)


@pytest.mark.parametrize(("language", "text"), [("vi", "hơn 10.000 kết quả"), ("en", "more than 10,000 results")])
def test_capped_count_wording(language, text):
    with translation.override(language):
        assert render_to_string("core/_result_count.html", {"total": 10_000, "total_capped": True}).strip() == text


@pytest.mark.parametrize("limit", [3, 50])
def test_keys_first_gives_the_same_pages(limit):
    persons = _persons(7)
    plain, keyed = BoundedPaginator(persons, 2, limit=limit), BoundedPaginator(persons, 2, limit=limit, keys_first=True)
    assert (keyed.count, keyed.capped, keyed.num_pages) == (plain.count, plain.capped, plain.num_pages)
    for number in keyed.page_range:
        with CaptureQueriesContext(connection) as captured:
            rows = list(keyed.page(number).object_list)
        assert rows == list(plain.page(number).object_list)
        assert len(captured) == 1  # the keys were read once, with the count
