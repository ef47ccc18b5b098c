"""The person search and duplicates queries have the indexes they need (PostgreSQL: the trigram one)."""

import pytest
from django.db import connection

from people.models import Person
from people.services import probable_duplicates

pytestmark = pytest.mark.django_db


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An empty test table: forbid the plans that would skip an index whatever its use, so the
            # plan shows whether the trigram or partial index can answer the query at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())


def _registry(count: int = 3000) -> None:
    """Enough persons, with statistics, that reading a whole index costs what it costs."""
    persons = [Person(family_name="Trần", middle_name="Văn", given_name=f"Số{i:04d}", gender="male") for i in range(count)]
    for person in persons:
        person.refresh_keys()
    Person.objects.bulk_create(persons, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
            # What VACUUM does to a GIN index: the entries of new rows moved from its pending list.
            cursor.execute("SELECT gin_clean_pending_list('person_search_trgm_idx')")


def test_word_search_reads_the_trigram_index_on_postgresql():
    _registry()
    sql, params = Person.objects.search("hường", by_id=False).order_by().values("pk").query.sql_with_params()
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":
        assert "person_search_trgm_idx" in plan
    else:
        assert "people_person" in plan  # SQLite keeps the plain LIKE


def test_duplicates_query_reads_the_partial_index():
    queryset = (Person.objects.filter(national_id__isnull=True, archived=False, date_of_birth__isnull=False)
                .values("match_key").order_by("match_key"))
    sql, params = queryset.query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "person_duplicate_key_idx" in _plan(sql, params)
    with connection.cursor() as cursor:
        assert "person_duplicate_key_idx" in connection.introspection.get_constraints(cursor, "people_person")
    assert probable_duplicates(Person.objects.all()) == []
