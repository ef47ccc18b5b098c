"""Persons visible to a scoped user are found from the visible set: the centres' registered persons,
staff, lecturers and learners, and one's own record, never by reading the national registry."""

import pytest
from django.db import connection

from people.models import Person
from tests import factories as f
from training.models import Enrolment
from training.tests.factories import KlassFactory

pytestmark = pytest.mark.django_db


def _plan(queryset, *, bitmaps: bool = True) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # An empty test table: forbid a sequential scan of the registry, so the plan shows whether the
        # visible set can be reached through the indexes at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        if not bitmaps:  # left: a plain index scan, or one that never reads the table
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_supervisor_sees_the_province_persons_reached_every_way(world):
    elsewhere = f.PersonFactory(centre=world.centre_c, family_name="Đỗ", given_name="Khách")
    f.StaffAssignmentFactory(centre=world.centre_b, person=elsewhere)
    teaching = f.PersonFactory(centre=world.centre_c, family_name="Vũ", given_name="Giảng")
    f.LecturerFactory(centre=world.centre_a, person=teaching)
    learning = f.PersonFactory(centre=world.centre_c, family_name="Mai", given_name="Học")
    Enrolment.objects.create(klass=KlassFactory(centre=world.centre_b), person=learning)
    outside = f.PersonFactory(centre=world.centre_c, family_name="Lý", given_name="Ngoài")
    Enrolment.objects.create(klass=KlassFactory(centre=world.centre_c), person=outside)
    visible = set(Person.objects.visible_to(world.supervisor).values_list("pk", flat=True))
    assert {world.person_a.pk, world.person_b.pk, world.learner_person.pk, elsewhere.pk, teaching.pk, learning.pk} <= visible
    assert world.person_c.pk not in visible and outside.pk not in visible
    assert world.learner_person.pk in set(Person.objects.visible_to(world.learner_a).values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_visible_set_is_one_bitmap_of_index_conditions(world):
    plan = _plan(Person.objects.visible_to(world.supervisor).filter(archived=False).order_by())
    # The others reached (staff, lecturers, learners) are computed once and looked up by primary key.
    assert "InitPlan" in plan and "id = ANY ($" in plan
    assert "Hash Semi Join" not in plan and "hashed SubPlan" not in plan and "Seq Scan on people_person" not in plan


def test_a_scoped_search_finds_the_same_persons_as_the_national_one(world):
    scoped = Person.objects.visible_to(world.supervisor)
    by_rows = set(scoped.search("huong", by_id=False, national=False).values_list("pk", flat=True))
    by_index = set(scoped.search("huong", by_id=False).values_list("pk", flat=True))
    assert by_rows == by_index == {world.person_a.pk}
    assert set(scoped.search("nguyen huong", by_id=False, national=False).values_list("pk", flat=True)) == {
        world.person_a.pk}
    assert not scoped.search("cao", by_id=False, national=False).exists()  # another province's person


def test_reading_the_reached_first_finds_the_same_persons(world, django_assert_num_queries):
    learning = f.PersonFactory(centre=world.centre_c, family_name="Mai", given_name="Học")
    Enrolment.objects.create(klass=KlassFactory(centre=world.centre_b), person=learning)
    for user in (world.supervisor, world.officer_a, world.learner_a):
        lazy = set(Person.objects.visible_to(user).values_list("pk", flat=True))
        with django_assert_num_queries(1 if user is not world.learner_a else 0):  # the persons reached elsewhere
            listed = Person.objects.visible_to(user, reached_first=True)
        assert set(listed.values_list("pk", flat=True)) == lazy
    assert learning.pk in set(Person.objects.visible_to(world.supervisor, reached_first=True).values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_a_province_search_reads_only_the_listing_index_when_nobody_is_reached_elsewhere(world):
    listed = Person.objects.visible_to(world.supervisor, reached_first=True).filter(archived=False)
    plan = _plan(listed.search("nguyen van", by_id=False, national=False).order_by("sort_key").values("pk"),
                 bitmaps=False)
    # The province's persons counted and searched from the index alone (id and search_text are in it).
    assert "Index Only Scan using person_centre_listing_idx" in plan and "Index Cond: ((centre_id = ANY" in plan
    assert "InitPlan" not in plan and "SubPlan" not in plan  # nobody reached elsewhere: no second condition


@pytest.mark.django_db(transaction=True)
def test_a_person_reached_by_a_new_post_shows_in_the_list_on_the_next_request(client, world):
    """The strangers are kept under the centres' data versions (core.versions): a staff post, one of the
    centre's rows, is seen on the next request."""
    from django.urls import reverse

    from core.versions import kept

    visitor = f.PersonFactory(centre=world.centre_c, family_name="Đỗ", given_name="Khách")
    client.force_login(world.officer_a)
    url = reverse("people:person_list")

    def listed() -> set[int]:
        return {p.pk for p in client.get(url, {"q": "do khach"}).context["object_list"]}

    assert visitor.pk not in listed()
    assert visitor.pk not in listed()
    assert any(len(key) > 2 and key[2] == "persons-reached-elsewhere" for key in kept._entries)
    f.StaffAssignmentFactory(centre=world.centre_a, person=visitor)
    assert visitor.pk in listed()


@pytest.mark.django_db(transaction=True)
def test_the_person_list_keeps_its_sql_and_reads_its_rows_afresh(client, world):
    """The list's count (or a search's ordered keys) and its page keep their SQL per login and query
    string (core.listing.KeptReads); the persons are read on every request, in both of the list's ways."""
    from django.test import override_settings
    from django.urls import reverse

    client.force_login(world.officer_a)
    url = reverse("people:person_list")

    def listed(**query) -> tuple[int, list[str]]:
        context = client.get(url, query).context
        return context["total"], [p.full_name for p in context["object_list"]]

    total, names = listed()
    found, matches = listed(q="huong")
    assert world.person_a.full_name in names and matches == [world.person_a.full_name]
    newcomer = f.PersonFactory(centre=world.centre_a, family_name="Trịnh", middle_name="Thu", given_name="Hương")
    Person.objects.filter(pk=world.person_a.pk).update(archived=True)
    assert listed(q="huong") == (1, [newcomer.full_name])
    assert listed()[0] == total  # one more, one archived
    # A status the list does not offer shows the archived too (no status named at all leaves them out).
    assert listed(q="huong", status="unknown")[0] == 2
    with override_settings(PAGE_SIZE=1):
        first, second = listed(status="unknown", q="huong")[1], listed(status="unknown", q="huong", page=2)[1]
    assert sorted(first + second) == sorted([newcomer.full_name, world.person_a.full_name])


@pytest.mark.django_db(transaction=True)
def test_a_province_list_is_kept_until_a_person_it_shows_changes_even_one_registered_elsewhere(client, world):
    """The supervisor's count, strangers and page are kept under the province's centres' data versions
    (core.versions): a repeated request reads only the versions, the session and the page's values; a
    learner registered in another province who is renamed shows renamed, since their row counts for the
    centres whose classes they attend."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from training.tests.factories import classes as make

    make.enrol(make.klass(world.centre_b), world.person_c)  # registered at C (another province), learning at B
    client.force_login(world.supervisor)
    url = reverse("people:person_list")

    def listed() -> tuple[int, list[str]]:
        context = client.get(url).context
        return context["total"], [p.full_name for p in context["object_list"]]

    total, names = listed()
    assert world.person_c.full_name in names
    with CaptureQueriesContext(connection) as warm:
        assert listed() == (total, names)
    texts = " ".join(q["sql"] for q in warm.captured_queries)
    assert "COUNT(" not in texts and "people_staffassignment" not in texts
    Person.objects.filter(pk=world.person_c.pk).update(given_name="Cường")  # no save(): the trigger sees it
    renamed = listed()
    assert renamed[0] == total and "Hoàng Văn Cường" in renamed[1]
    f.PersonFactory(centre=world.centre_a)
    assert listed()[0] == total + 1
