"""What each request reads afresh: the session, the user and the user's roles (nothing outlives the request).

The session read, the scope query and the menu's rendering are compiled or rendered once per process;
these tests hold that a change made between two requests shows on the second one.
"""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts import services
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _menu(client) -> str:
    page = client.get(reverse("home")).content.decode()
    return page[page.index('<nav id="mainnav"'):page.index("</nav>")]


def test_a_revoked_role_stops_working_on_the_next_request(client, world):
    client.force_login(world.officer_a)
    classes = reverse("training:class_list")
    assert client.get(classes).status_code == 200
    assert f'href="{classes}"' in _menu(client)
    assignment = world.officer_a.role_assignments.get()
    services.revoke_role(actor=world.director_a, assignment=assignment)
    assert client.get(classes).status_code == 403
    assert f'href="{classes}"' not in _menu(client)


def test_a_granted_role_works_on_the_next_request(client, world):
    from tests import factories as f

    newcomer = f.UserFactory(username="newcomer")
    client.force_login(newcomer)
    classes = reverse("training:class_list")
    assert client.get(classes).status_code == 403
    services.grant_role(actor=world.director_a, user=newcomer, role=f.Role.TRAINING_OFFICER, centre=world.centre_a)
    assert client.get(classes).status_code == 200
    assert f'href="{classes}"' in _menu(client)


def test_an_assignment_ending_yesterday_no_longer_counts(client, world):
    client.force_login(world.officer_a)
    world.officer_a.role_assignments.update(valid_to=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(reverse("training:class_list")).status_code == 403


def test_a_password_change_ends_the_other_sessions(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("home")).status_code == 200
    world.officer_a.set_password("Mat-khau-moi-2026")
    world.officer_a.save()
    assert client.get(reverse("home")).status_code == 302


def test_a_locked_login_is_refused_on_the_next_request(client, world):
    client.force_login(world.officer_a)
    services.set_active(actor=world.director_a, user=world.officer_a, active=False)
    assert client.get(reverse("home")).status_code == 302


def test_logging_out_ends_the_session_for_a_copied_cookie(client, world):
    from django.test import Client

    assert client.post(reverse("accounts:login"), {"username": "officer_a", "password": TEST_PASSWORD}).status_code == 302
    copied = client.cookies["sessionid"].value
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    thief = Client()
    thief.cookies["sessionid"] = copied
    assert thief.get(reverse("home")).status_code == 302


def test_an_expired_session_is_not_read(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(reverse("home")).status_code == 302


def test_sessions_are_read_by_the_project_store(settings):
    from accounts.sessions import SessionStore

    assert settings.SESSION_ENGINE == "accounts.sessions"
    store = SessionStore()
    store["mark"] = "giá trị"
    store.create()
    assert SessionStore(store.session_key).load() == {"mark": "giá trị"}
    assert SessionStore("k" * 32).load() == {}
    assert SessionStore(None).load() == {}
