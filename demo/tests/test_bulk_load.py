"""A big load builds the registry's indexes once after the rows are in, and leaves the schema as it was."""

import pytest
from django.db import connection, transaction

from core.bulk import indexes_built_after
from people.models import Person

pytestmark = pytest.mark.django_db


def _definitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", [Person._meta.db_table])
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index definitions are read from PostgreSQL")
def test_indexes_are_dropped_for_the_load_and_rebuilt_as_they_were():
    before = _definitions()
    assert any("gin_trgm_ops" in d for d in before) and any("WHERE" in d for d in before)
    with transaction.atomic(), indexes_built_after(Person):
        during = _definitions()
        Person.objects.create(family_name="Nguyễn", given_name="An", gender="male")
    assert [d for d in during if "UNIQUE" not in d] == []  # unique ones (and the primary key) keep checking
    assert _definitions() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index definitions are read from PostgreSQL")
def test_a_failed_load_leaves_the_indexes_in_place():
    before = _definitions()
    with pytest.raises(RuntimeError), transaction.atomic(), indexes_built_after(Person):
        raise RuntimeError("interrupted")
    assert _definitions() == before


def test_disabled_the_load_runs_with_the_indexes_in_place():
    with transaction.atomic(), indexes_built_after(Person, enabled=False):
        Person.objects.create(family_name="Lê", given_name="Bình", gender="female")
    assert Person.objects.filter(given_name="Bình").exists()
