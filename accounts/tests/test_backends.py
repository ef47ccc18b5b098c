"""The user of each request read by SQL compiled once: the same user as the ORM reads, logins checked
once, and sessions saved under ModelBackend's name still signed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from accounts.backends import UserBackend
from accounts.models import User
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db
OLD_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _clear_cache(db):
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def _fields(user):
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_the_user_read_is_the_orms_user(world):
    user = world.officer_a
    User.objects.filter(pk=user.pk).update(last_login=timezone.make_aware(dt.datetime(2026, 5, 4, 3, 2, 1)),
                                           person=world.person_a)
    read = UserBackend().get_user(user.pk)
    expected = _fields(ModelBackend().get_user(user.pk))
    assert _fields(read) == expected
    assert {k: type(v) for k, v in _fields(read).items()} == {k: type(v) for k, v in expected.items()}
    assert not read._state.adding and read.person == world.person_a
    assert UserBackend().get_user(10 ** 12) is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert UserBackend().get_user(user.pk) is None


def test_login_saves_the_new_backend_and_signed_in_requests_read_the_user(client, world):
    assert client.post(reverse("accounts:login"), {"username": "officer_a", "password": TEST_PASSWORD}).status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.UserBackend"
    assert client.get(reverse("home")).context["user"] == world.officer_a


def test_a_session_saved_under_modelbackend_stays_signed_in(client, world):
    client.force_login(world.officer_a, backend=OLD_BACKEND)
    assert client.session[BACKEND_SESSION_KEY] == OLD_BACKEND
    response = client.get(reverse("home"))
    assert response.status_code == 200 and response.context["user"] == world.officer_a


@pytest.fixture
def hashing(monkeypatch):
    """Counts the password checks (and the dummy hashing of unknown usernames)."""
    calls = []
    check, set_password = User.check_password, User.set_password
    monkeypatch.setattr(User, "check_password", lambda self, raw: calls.append("check") or check(self, raw))
    monkeypatch.setattr(User, "set_password", lambda self, raw: calls.append("set") or set_password(self, raw))
    return calls


@pytest.mark.parametrize("username, password, expected", [
    ("officer_a", TEST_PASSWORD, ["check"]),
    ("officer_a", "wrong", ["check"]),
    ("nobody", "wrong", ["set"]),
])
def test_a_login_is_checked_once(world, hashing, username, password, expected):
    failures = []

    def failed(sender, **kwargs):
        failures.append(kwargs["credentials"]["username"])

    user_login_failed.connect(failed, weak=False, dispatch_uid="count-failures")
    try:
        user = authenticate(None, username=username, password=password)
    finally:
        user_login_failed.disconnect(dispatch_uid="count-failures")
    assert hashing == expected
    assert (user is not None) == (password == TEST_PASSWORD)
    assert failures == ([] if password == TEST_PASSWORD else [username])
    if user is not None:
        assert user.backend == "accounts.backends.UserBackend"


def test_an_inactive_user_is_refused_once(world, hashing):
    User.objects.filter(pk=world.officer_a.pk).update(is_active=False)
    assert authenticate(None, username="officer_a", password=TEST_PASSWORD) is None
    assert hashing == ["check"]
