"""A login's row, scope and lecturer profile are remembered between requests while the access token holds,
and every kind of change to what they are read from is seen on the next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import access
from accounts.models import AccessVersion, RoleAssignment, User
from accounts.scope import scope_of
from tests import factories as f

PAGE = "/accounts/password/"  # a logged-in page with the menu and nothing of its own to read
transactional = pytest.mark.django_db(transaction=True)


def _get(client, url=PAGE, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, url
    return response, len(captured)


def _token() -> int:
    return AccessVersion.objects.get().token


def _scope(response):
    return scope_of(response.wsgi_request.user)


@transactional
def test_a_warm_page_reads_only_its_session_and_the_same_scope(client, world):
    client.force_login(world.officer_a)
    cold, cold_queries = _get(client)
    warm, warm_queries = _get(client)
    assert warm_queries == 1 < cold_queries
    assert _scope(warm) == _scope(cold)
    assert _scope(warm).editable_centre_ids == {world.centre_a.pk, world.centre_a0.pk}
    assert warm.wsgi_request.user is not cold.wsgi_request.user  # each request gets its own user object


@transactional
def test_a_role_ended_by_a_bulk_update_is_seen_on_the_next_request(client, world):
    client.force_login(world.officer_a)
    _get(client)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    RoleAssignment.objects.filter(user=world.officer_a).update(valid_to=yesterday)  # no signals, no save()
    response, queries = _get(client)
    assert queries > 1
    assert _scope(response).editable_centre_ids == frozenset()


@transactional
def test_a_login_deactivated_in_the_database_is_logged_out_on_the_next_request(client, world):
    client.force_login(world.officer_a)
    _get(client)
    User.objects.filter(pk=world.officer_a.pk).update(is_active=False)
    response, _ = _get(client, status=302)
    assert reverse("accounts:login") in response["Location"]


@transactional
def test_a_centre_moved_by_raw_sql_leaves_the_supervisors_scope(client, world):
    client.force_login(world.supervisor)
    assert world.centre_b.pk in _scope(_get(client)[0]).centre_ids
    with connection.cursor() as cursor:
        cursor.execute("UPDATE org_centre SET province_id = %s WHERE id = %s", [world.other_province.pk, world.centre_b.pk])
    assert world.centre_b.pk not in _scope(_get(client)[0]).centre_ids


@transactional
def test_a_new_lecturer_profile_adds_the_lecturers_menu_entries(client, world):
    client.force_login(world.learner_a)
    schedule = reverse("training:my_schedule")
    assert schedule not in _get(client)[0].content.decode()
    f.LecturerFactory(centre=world.centre_a, person=world.learner_person)
    assert schedule in _get(client)[0].content.decode()


@transactional
def test_a_new_day_reads_roles_again(client, world, monkeypatch):
    from accounts import scope as scope_module

    today = dt.date(2026, 5, 4)
    monkeypatch.setattr(scope_module.timezone, "localdate", lambda: today)
    RoleAssignment.objects.filter(user=world.officer_a).update(valid_to=today)
    client.force_login(world.officer_a)
    assert _scope(_get(client)[0]).editable_centre_ids
    _get(client)  # remembered for 4 May
    today = dt.date(2026, 5, 5)
    assert _scope(_get(client)[0]).editable_centre_ids == frozenset()


def test_nothing_is_kept_inside_a_transaction(world):
    """The suite's ordinary tests run in a transaction: they read everything afresh, as a cold request does."""
    key = ("test", "inside")
    assert transaction.get_connection().in_atomic_block
    assert access.recall(_token(), key, lambda: "computed") == "computed"
    assert access.remembered.get((_token(), *key)) is None


@pytest.mark.django_db
def test_every_access_table_has_the_trigger():
    from django.apps import apps

    expected = {apps.get_model(label)._meta.db_table for label in access.ACCESS_TABLES}
    assert access.tables_with_triggers() == expected


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["user", "role", "unit", "centre", "lecturer"])
def test_each_write_gives_a_new_token_and_a_rollback_brings_the_old_one_back(world, change):
    writes = {
        "user": lambda: User.objects.filter(pk=world.viewer_a.pk).update(first_name="Mới"),
        "role": lambda: f.grant(world.viewer_a, f.Role.VIEWER, centre=world.centre_b),
        "unit": lambda: f.CommuneFactory(parent=world.province),
        "centre": lambda: f.CentreFactory(province=world.other_province),
        "lecturer": lambda: world.lecturer_profile.delete(),
    }
    before = _token()
    with pytest.raises(RuntimeError), transaction.atomic():
        writes[change]()
        assert _token() != before
        raise RuntimeError("roll back")
    assert _token() == before


@pytest.mark.django_db
def test_a_flushed_or_new_database_gets_the_tokens_row_again():
    AccessVersion.objects.all().delete()
    access.install_triggers()
    assert AccessVersion.objects.count() == 1
