"""The login throttle: counted in the store every worker shares, per account and address, fair to the
real user and to an office behind one address; administrators see and lift locks."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from accounts import throttle
from conftest import TEST_PASSWORD
from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    caches[throttle.STORE].clear()
    yield
    caches[throttle.STORE].clear()


def _try(client, username, password, address="10.0.0.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_counters_live_in_the_store_all_workers_share():
    assert caches[throttle.STORE].__class__.__name__ in ("DatabaseCache", "RedisCache")
    throttle.count("probe", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ttct_cache")
        assert cursor.fetchone()[0] >= 1


def test_one_helper_counts_certificate_lookups_too(client, settings):
    from certificates.services import verification

    for _ in range(verification.LOOKUPS_PER_MINUTE):
        assert verification.allow_lookup("10.9.9.9")
    assert not verification.allow_lookup("10.9.9.9")
    assert throttle.peek("cert-verify:10.9.9.9") == verification.LOOKUPS_PER_MINUTE + 1


def test_fullwidth_or_capitalised_usernames_share_the_counter(client, world):
    for name in ("ｏｆｆｉｃｅｒ＿ａ", "OFFICER_A", "Officer_A "):
        assert _try(client, name, "wrong").status_code == 200
    assert _try(client, "officer_a", TEST_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_attacker_does_not_lock_the_real_user_out(client, world):
    for _ in range(3):
        _try(client, "officer_a", "wrong", address="203.0.113.9")
    assert _try(client, "officer_a", TEST_PASSWORD, address="203.0.113.9").status_code == 429
    assert _try(client, "officer_a", TEST_PASSWORD, address="10.0.0.7").status_code == 302


def test_failures_from_many_addresses_lock_the_account_for_unknown_addresses_only(client, world):
    _try(client, "officer_a", TEST_PASSWORD, address="10.0.0.7")  # the user's usual office
    client.logout()
    for index in range(6):
        _try(client, "officer_a", "wrong", address=f"198.51.100.{index}")
    assert _try(client, "officer_a", TEST_PASSWORD, address="198.51.100.200").status_code == 429
    assert _try(client, "officer_a", TEST_PASSWORD, address="10.0.0.7").status_code == 302


def test_an_office_behind_one_address_is_not_blocked(client, world):
    _try(client, "officer_a", TEST_PASSWORD, address="10.1.1.1")
    client.logout()
    for index in range(6):  # colleagues mistyping, or someone guessing other accounts
        _try(client, f"someone{index}", "wrong", address="10.1.1.1")
    assert _try(client, "officer_a", TEST_PASSWORD, address="10.1.1.1").status_code == 302


def test_administrator_sees_and_lifts_a_lock(client, world):
    for _ in range(3):
        _try(client, "officer_a", "wrong", address="203.0.113.9")
    client.force_login(world.officer_b)
    assert client.get(reverse("accounts:login_locks")).status_code == 403
    client.force_login(world.admin)
    page = client.get(reverse("accounts:login_locks")).content.decode()
    assert "officer_a" in page and "203.0.113.9" in page
    lock = throttle.active_locks()[0]
    assert client.post(reverse("accounts:login_lock_lift", args=[lock.pk])).status_code == 302
    assert throttle.active_locks() == []
    client.logout()
    assert _try(client, "officer_a", TEST_PASSWORD, address="203.0.113.9").status_code == 302


def test_a_locked_pair_message_names_no_account_state(client, world):
    f.UserFactory(username="xem")
    for _ in range(3):
        _try(client, "ｘｅｍ", "wrong")
    assert _try(client, "xem", TEST_PASSWORD).status_code == 429
