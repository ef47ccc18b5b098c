"""Each centre's data version (core.versions): which writes move which centres' versions, on both databases,
and answers kept under them that are read again exactly when some of that data has changed."""

from __future__ import annotations

import pytest
from django.db import connection, models

from core import versions
from core.bulk import insert_rows
from core.models import CentreDataVersion
from tests import factories as f
from training.models import Enrolment, Result
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


def _versions() -> dict[int, int]:
    return dict(CentreDataVersion.objects.values_list("centre_id", "version"))


def _moved(before: dict[int, int]) -> set[int]:
    after = _versions()
    return {centre for centre, version in after.items() if before.get(centre) != version}


def test_every_declared_table_has_its_triggers():
    declared = {model._meta.db_table for model in versions.centre_paths()}
    assert {"people_person", "training_enrolment", "training_result", "certificates_certificate",
            "curriculum_programme"} <= declared
    assert versions.tables_with_triggers() == declared


def test_a_path_that_does_not_end_at_a_centre_is_refused():
    from people.models import Person

    with pytest.raises(ValueError, match="does not end at a foreign key"):
        versions._joins(Person, "family_name")


def test_a_persons_row_moves_the_centre_that_registered_them_and_those_that_reach_them(world):
    klass = make.klass(world.centre_a)
    before = _versions()
    make.enrol(klass, world.person_b)  # registered at B, learning at A
    assert _moved(before) == {world.centre_a.pk}

    before = _versions()
    world.person_b.given_name = "Bình"
    world.person_b.save()
    assert _moved(before) == {world.centre_a.pk, world.centre_b.pk}

    before = _versions()
    f.PersonFactory(centre=world.centre_c)
    assert _moved(before) == {world.centre_c.pk}


def test_a_move_between_centres_moves_both_and_a_delete_moves_the_old_one(world):
    person = f.PersonFactory(centre=world.centre_a)
    before = _versions()
    type(person).objects.filter(pk=person.pk).update(centre=world.centre_c)
    assert _moved(before) == {world.centre_a.pk, world.centre_c.pk}
    before = _versions()
    type(person).objects.filter(pk=person.pk).delete()
    assert _moved(before) == {world.centre_c.pk}


def test_rows_two_steps_away_and_bulk_writes_move_their_centre(world):
    klass = make.klass(world.centre_b)
    people = [f.PersonFactory(centre=world.centre_c) for _ in range(3)]
    before = _versions()
    # COPY on PostgreSQL, bulk_create on SQLite: the triggers see every row either way.
    insert_rows(Enrolment, [Enrolment(klass=klass, person=p) for p in people])
    assert _moved(before) == {world.centre_b.pk}
    enrolments = list(Enrolment.objects.filter(klass=klass))
    before = _versions()
    Result.objects.bulk_create([Result(enrolment=e, completed=True) for e in enrolments])
    assert _moved(before) == {world.centre_b.pk}


def test_a_programmes_name_moves_every_centre():
    version = make.version()
    before = _versions()
    type(version.programme).objects.filter(pk=version.programme_id).update(name="Chương trình đổi tên")
    assert _moved(before) == {versions.ALL_CENTRES}
    assert versions.ALL_CENTRES in dict(versions.data_versions([]))


def test_a_write_elsewhere_leaves_a_centres_versions_as_they_were(world):
    programme = make.version()  # a new programme moves every centre
    read = versions.data_versions([world.centre_a.pk])
    f.PersonFactory(centre=world.centre_b)
    make.klass(world.centre_c, programme)
    assert versions.data_versions([world.centre_a.pk]) == read
    f.PersonFactory(centre=world.centre_a)
    assert versions.data_versions([world.centre_a.pk]) != read


def test_inside_a_transaction_nothing_is_kept(world):
    calls = []
    for _ in range(2):
        versions.remember_for_centres([world.centre_a.pk], ("test-inside",), lambda: calls.append(1) or len(calls))
    assert calls == [1, 1]


@pytest.mark.django_db(transaction=True)
def test_an_answer_is_kept_until_its_centres_data_changes(world):
    calls = []

    def count():
        calls.append(1)
        return type(world.person_a).objects.filter(centre=world.centre_a).count()

    def kept():
        return versions.remember_for_centres([world.centre_a.pk], ("test-persons",), count)

    first = kept()
    assert kept() == first and len(calls) == 1
    f.PersonFactory(centre=world.centre_b)  # another centre's data
    assert kept() == first and len(calls) == 1
    f.PersonFactory(centre=world.centre_a)
    assert kept() == first + 1 and len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_holder_reads_the_versions_once(world):
    class Holder:
        pass

    holder = Holder()
    ids = [world.centre_a.pk, world.centre_b.pk]
    versions.remember_for_centres(ids, ("one",), lambda: 1, holder=holder)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert versions.remember_for_centres(ids, ("two",), lambda: 2, holder=holder) == 2
        assert versions.remember_for_centres(list(reversed(ids)), ("one",), lambda: 3, holder=holder) == 1
    assert len(ctx.captured_queries) == 0


def test_the_memo_is_bounded_by_its_rows():
    from core.memo import BoundedMemo

    memo = BoundedMemo(10, size=len, budget=5)
    memo.put("a", [1, 2, 3])
    memo.put("b", [4, 5])
    assert memo.get("a") == [1, 2, 3] and memo.get("b") == [4, 5]
    memo.put("c", [6])  # over the budget: emptied first
    assert memo.get("a") is None and memo.get("c") == [6]


def test_a_migrate_on_sqlite_runs_without_the_triggers_and_gets_them_back():
    """A trigger naming another table would stop SQLite from renaming a rebuilt copy of that table into
    place, which is how Django alters a table there: the triggers are dropped before a migrate."""
    declared = versions.tables_with_triggers()
    versions.drop_sqlite_triggers()
    left = versions.tables_with_triggers()
    assert left == (declared if connection.vendor == "postgresql" else set())
    versions.install_triggers()
    assert versions.tables_with_triggers() == declared


@pytest.mark.django_db(transaction=True)
def test_answers_kept_per_centre_are_read_again_for_the_changed_centre_only(world):
    asked = []

    def count(missing):
        asked.append(sorted(missing))
        return {c: n for c, n in type(world.person_a).objects.filter(centre_id__in=missing)
                .values_list("centre_id").annotate(n=models.Count("pk")).order_by()}

    ids = [world.centre_a.pk, world.centre_b.pk, world.centre_c.pk]

    def kept():
        return versions.remember_per_centre(ids, ("test-per-centre",), count, empty=0)

    first = kept()
    assert asked == [sorted(ids)] and kept() == first and len(asked) == 1
    f.PersonFactory(centre=world.centre_b)
    again = kept()
    assert asked[-1] == [world.centre_b.pk]
    assert again == {**first, world.centre_b.pk: first[world.centre_b.pk] + 1}
    make.version()  # a programme: every centre's data
    kept()
    assert asked[-1] == sorted(ids)


def test_inside_a_transaction_answers_per_centre_are_counted_each_time(world):
    calls = []
    for _ in range(2):
        found = versions.remember_per_centre([world.centre_a.pk], ("t",), lambda m: calls.append(m) or {}, empty=7)
    assert found == {world.centre_a.pk: 7} and len(calls) == 2
