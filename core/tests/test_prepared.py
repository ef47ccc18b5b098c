"""A prepared read runs the ORM's SQL with each call's values in the stand-ins' places."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.prepared import Prepared

pytestmark = pytest.mark.django_db


def _sessions(key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now).values_list("session_key")


def test_each_call_reads_its_own_values():
    now = timezone.now()
    Session.objects.create(session_key="alpha-1", session_data="", expire_date=now + dt.timedelta(hours=1))
    Session.objects.create(session_key="alpha-2", session_data="", expire_date=now - dt.timedelta(hours=1))
    Session.objects.create(session_key="beta-1", session_data="", expire_date=now + dt.timedelta(hours=1))
    read = Prepared(_sessions, "stand-in", dt.datetime(1901, 2, 3, tzinfo=dt.UTC))
    assert read.rows("alpha-1", now) == [("alpha-1",)]
    assert read.rows("alpha-2", now) == []
    assert read.rows("alpha-2", now - dt.timedelta(days=1)) == [("alpha-2",)]
    assert read.rows("beta-1", now) == [("beta-1",)]
    assert read.rows("gamma", now) == []


def test_a_value_the_orm_rewrites_cannot_be_a_stand_in():
    """`startswith` hands the driver "stand-in%", not the stand-in: compiling refuses rather than guess."""
    read = Prepared(lambda key: Session.objects.filter(session_key__startswith=key).values_list("session_key"),
                    "stand-in")
    with pytest.raises(RuntimeError):
        read.rows("alpha")


def test_a_stand_in_missing_from_the_query_is_refused():
    read = Prepared(lambda key: Session.objects.filter(session_key="fixed").values_list("session_key"), "stand-in")
    with pytest.raises(RuntimeError):
        read.rows("anything")


def _permission_counts():
    from django.contrib.auth.models import Permission
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    per_group = (Permission.objects.filter(group=OuterRef("pk")).order_by().values("group")
                 .annotate(n=Count("pk")).values("n")[:1])
    return {"granted": Coalesce(Subquery(per_group, output_field=IntegerField()), Value(0))}


def test_prepared_annotations_give_the_orms_values_and_compile_once():
    from django.contrib.auth.models import Group, Permission

    from core.prepared import PreparedAnnotations

    permissions = list(Permission.objects.order_by("pk")[:3])
    two, one, none = Group.objects.create(name="hai"), Group.objects.create(name="mot"), Group.objects.create(name="khong")
    two.permissions.set(permissions[:2])
    one.permissions.set(permissions[2:])
    builds = []

    def build():
        builds.append(1)
        return _permission_counts()

    counts = PreparedAnnotations(Group, build)
    groups = Group.objects.filter(pk__in=[two.pk, one.pk, none.pk])
    by_orm = dict(groups.annotate(**_permission_counts()).values_list("name", "granted"))
    assert dict(counts.apply(groups).values_list("name", "granted")) == by_orm == {"hai": 2, "mot": 1, "khong": 0}
    # Filtered and ordered on the annotation, and compiled only the first time.
    assert list(counts.apply(groups).filter(granted__gt=0).order_by("-granted").values_list("name", flat=True)) == [
        "hai", "mot"]
    assert len(builds) == 1


def test_prepared_annotations_refuse_another_models_queryset():
    from django.contrib.auth.models import Group, Permission

    from core.prepared import PreparedAnnotations

    with pytest.raises(TypeError):
        PreparedAnnotations(Group, _permission_counts).apply(Permission.objects.all())


def _codenames(ids):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(pk__any=ids).order_by("codename").values_list("codename", flat=True)


def test_a_list_stand_in_serves_lists_of_any_length():
    from django.contrib.auth.models import Permission

    permissions = list(Permission.objects.order_by("pk")[:3])
    read = Prepared(_codenames, [-7_319_024_185])
    for chosen in (permissions[:1], permissions, permissions[1:]):
        expected = sorted(p.codename for p in chosen)
        assert [row[0] for row in read.rows([p.pk for p in chosen])] == expected
    assert read.rows([]) == []
    assert read.rows((permissions[0].pk,)) == [(permissions[0].codename,)]


def test_a_list_stand_in_is_compiled_once_on_postgresql():
    from django.db import connection

    builds = []

    def build(ids):
        builds.append(ids)
        return _codenames(ids)

    read = Prepared(build, [-7_319_024_185])
    read.rows([1, 2])
    read.rows([3])
    # On PostgreSQL the list is one array parameter; elsewhere each call builds its own IN list.
    assert builds == ([[-7_319_024_185]] if connection.vendor == "postgresql" else [[1, 2], [3]])


def test_scalars_gives_counts_and_sums_in_one_row():
    from django.contrib.auth.models import Group, Permission

    from core.prepared import scalars

    Group.objects.create(name="mot")
    Group.objects.create(name="hai")
    permissions = Permission.objects.order_by("pk")
    first_three = permissions.filter(pk__in=list(permissions.values_list("pk", flat=True)[:3]))

    def build(name):
        return scalars(("count", Group.objects.filter(name=name)), ("count", Group.objects.all()),
                       ("sum", first_three.values_list("id")), ("sum", Group.objects.filter(name=name).values_list("id")))

    read = Prepared(build, "stand-in-name")
    ids = list(first_three.values_list("pk", flat=True))
    (row,) = read.rows("mot")
    assert [int(v) for v in row] == [1, 2, sum(ids), Group.objects.get(name="mot").pk]
    (row,) = read.rows("ba")
    assert [int(v) for v in row] == [0, 2, sum(ids), 0]


def test_a_wrapped_small_integer_takes_each_calls_value_wrapped_alike():
    from psycopg.types.numeric import Int2

    from core.prepared import _as_param, _same_kind

    assert _same_kind(Int2(31_987), 31_987)
    assert not _same_kind(True, 1)
    value = _as_param(2026, Int2(31_987))
    assert type(value) is Int2 and value == 2026
    assert type(_as_param(5, 7)) is int


def test_on_postgresql_a_compiled_read_runs_prepared_and_is_still_counted():
    from django.contrib.auth.models import Permission
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")

    permissions = list(Permission.objects.order_by("pk")[:3])
    read = Prepared(_codenames, [-7_319_024_185])
    with CaptureQueriesContext(connection) as queries:
        first = read.rows([p.pk for p in permissions])
        second = read.rows([permissions[1].pk])
    # Logged like the ORM's own reads, with their text, so query counts and the tests that read SQL hold.
    assert [q["sql"].count('"auth_permission"') > 0 for q in queries.captured_queries] == [True, True]
    # ... with the values in their places, so a logged read can be run again (or explained).
    logged = queries.captured_queries[1]["sql"]
    assert "$1" not in logged and str(permissions[1].pk) in logged
    with connection.cursor() as cursor:
        cursor.execute(logged)
        assert cursor.fetchall() == [(permissions[1].codename,)]
    assert first == sorted((p.codename,) for p in permissions)
    assert second == [(permissions[1].codename,)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                       ['%"auth_permission"."codename"%'])
        assert cursor.fetchone()[0] == 1  # one statement for both lists, planned on this connection

    # With preparing turned off (DB_PREPARED_STATEMENTS=0: a pooler in transaction mode) the same rows come back.
    raw = connection.connection
    before, raw.prepare_threshold = raw.prepare_threshold, None
    try:
        connection.connection.execute("DEALLOCATE ALL")
        raw._prepared.clear()
        assert read.rows([p.pk for p in permissions]) == first
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            assert cursor.fetchone()[0] == 0
    finally:
        raw.prepare_threshold = before


def test_prepared_objects_are_the_orms_objects_with_their_relations_and_annotations(django_assert_num_queries):
    from django.contrib.auth.models import Permission
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from core.prepared import PreparedObjects

    def build(pk):
        return (Permission.objects.select_related("content_type").filter(pk=pk)
                .annotate(label=Concat(F("content_type__app_label"), Value("."), F("codename"))))

    read = PreparedObjects(build, -1_987_654_321)  # within the 4-byte key's range, or the ORM reads nothing
    wanted = Permission.objects.select_related("content_type").order_by("pk")[5]
    with django_assert_num_queries(1):
        (found,) = read.objects(wanted.pk)
        assert found.content_type.model == wanted.content_type.model  # joined: no query of its own
    assert (found.pk, found.codename, found.name, found.content_type_id) == (
        wanted.pk, wanted.codename, wanted.name, wanted.content_type_id)
    assert found.label == f"{wanted.content_type.app_label}.{wanted.codename}"
    assert found._state.adding is False and found._state.db == "default"
    assert read.objects(-1) == []
    with pytest.raises(TypeError):
        PreparedObjects(lambda ids: Permission.objects.filter(pk__any=ids), [-7_319_024_185])
