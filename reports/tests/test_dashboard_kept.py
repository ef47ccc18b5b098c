"""Whose figures the dashboard shows is kept per login between requests, and a change to the centres or
roles it is read from is seen on the next request (the access token, accounts.access)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleAssignment
from org.models import Centre

transactional = pytest.mark.django_db(transaction=True)
PAGE = reverse("reports:dashboard")


def _get(client, url=PAGE, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, url
    return response, len(captured)


@transactional
def test_the_target_is_read_once_and_a_renamed_centre_is_seen_on_the_next_request(client, world):
    client.force_login(world.director_a)
    cold, cold_queries = _get(client)
    warm, warm_queries = _get(client)
    assert world.centre_a.name in warm.content.decode()
    assert warm_queries < cold_queries
    Centre.objects.filter(pk=world.centre_a.pk).update(name="Trung tâm Chính trị xã Mới Đổi Tên")  # no save()
    renamed, _ = _get(client)
    assert "Trung tâm Chính trị xã Mới Đổi Tên" in renamed.content.decode()


@transactional
def test_a_centre_asked_for_outside_the_scope_stays_not_found_when_kept(client, world):
    client.force_login(world.director_a)
    _get(client, f"{PAGE}?centre={world.centre_a.pk}")
    _get(client, f"{PAGE}?centre={world.centre_b.pk}", status=404)
    _get(client, f"{PAGE}?centre={world.centre_b.pk}", status=404)


@transactional
def test_an_ended_role_takes_the_dashboard_away_on_the_next_request(client, world):
    client.force_login(world.director_a)
    _get(client)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    RoleAssignment.objects.filter(user=world.director_a).update(valid_to=yesterday)
    _get(client, status=403)


@transactional
def test_the_figures_are_kept_until_the_centres_data_changes(client, world):
    """The dashboard's figures are kept under the centres' data versions (core.versions): a repeated request
    runs none of their reads, a new learner of a class of the centre is counted on the next one, and a
    change at another province's centre leaves them kept."""
    from tests import factories as f
    from training.tests.factories import classes as make

    today = timezone.localdate()
    programme = make.version()
    klass = make.klass(world.centre_a, programme, status="in_progress", start_date=today - dt.timedelta(days=1),
                       end_date=today + dt.timedelta(days=3))
    make.enrol(klass, world.person_a)
    client.force_login(world.director_a)
    first, _ = _get(client)
    learners = first.context["dashboard"]["figures"]["learners"]
    _again, warm_queries = _get(client)
    make.klass(world.centre_c, programme)  # another province
    _other, other_queries = _get(client)
    assert other_queries == warm_queries
    make.enrol(klass, f.PersonFactory(centre=world.centre_a))
    changed, changed_queries = _get(client)
    assert changed.context["dashboard"]["figures"]["learners"] == learners + 1
    assert changed_queries > warm_queries


@transactional
def test_a_provinces_figures_follow_a_change_at_one_of_its_centres(client, world):
    """The learners and the alerts are kept per centre under the province's figures (core.versions): a
    learner enrolled and a certificate owed at one centre change the province's totals by exactly that."""
    from tests import factories as f
    from training.models import Result
    from training.tests.factories import classes as make

    today = timezone.localdate()
    programme = make.version()
    at_a = make.klass(world.centre_a, programme, status="in_progress", start_date=today - dt.timedelta(days=1),
                      end_date=today + dt.timedelta(days=3))
    make.enrol(at_a, world.person_a)
    at_b = make.klass(world.centre_b, programme, status="results_approved", start_date=today - dt.timedelta(days=9),
                      end_date=today - dt.timedelta(days=2))
    client.force_login(world.supervisor)

    def shown():
        dashboard = _get(client)[0].context["dashboard"]
        return dashboard["figures"]["learners"], dashboard["alerts"]["not_issued"]

    learners, not_issued = shown()
    assert shown() == (learners, not_issued)
    Result.objects.create(enrolment=make.enrol(at_b, f.PersonFactory(centre=world.centre_b)), completed=True)
    assert shown() == (learners + 1, not_issued + 1)
