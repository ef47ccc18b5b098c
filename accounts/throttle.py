"""Throttles counted in the store every worker shares (settings.CACHES["shared"]: the database cache,
or Redis), never in one process's memory.

`count`/`peek`/`clear` are the one counting helper; the certificate lookup uses it too. The login
throttle built on it counts failures three ways, on the username normalised as Django normalises it
when logging in (NFKC, so "ｘｅｍ" is "xem") and case-folded:

- per account and address: LOGIN_FAILURE_LIMIT failures lock that address out of that account;
  the real user, from another address, is not affected;
- per account: LOGIN_ACCOUNT_FAILURE_LIMIT failures from any addresses refuse addresses the account
  never logged in from (guessing from many machines), while the user's known addresses still work;
- per address: LOGIN_ADDRESS_FAILURE_LIMIT failures on any accounts refuse accounts that never
  logged in from it (one machine trying many accounts), while the office behind the address, whose
  users logged in from it before, still works.

A lock that passes its limit is also written as a LoginLock row, so an administrator sees it and can
lift it (the counters go with it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from accounts.models import LoginLock

STORE = "shared"
KNOWN_SECONDS = 180 * 24 * 3600  # an address a user logged in from stays known for half a year


def _cache():
    return caches[STORE]


def _key(name: str) -> str:
    # Memcached-safe and bounded: usernames and addresses come from the request.
    return "throttle:" + hashlib.sha256(name.encode()).hexdigest()[:40] if len(name) > 120 else "throttle:" + name


def count(name: str, window: int) -> int:
    """Count one event under `name` for `window` seconds from the first; return the count so far."""
    key, cache = _key(name), _cache()
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def peek(name: str) -> int:
    return _cache().get(_key(name)) or 0


def clear(*names: str) -> None:
    _cache().delete_many([_key(name) for name in names])


# Login ----------------------------------------------------------------------------------------------
def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username or "").strip().casefold()[:150]


def _names(username: str, address: str) -> dict[str, str]:
    user = normalise_username(username)
    return {LoginLock.Kind.PAIR: f"login:pair:{user}|{address}", LoginLock.Kind.ACCOUNT: f"login:user:{user}",
            LoginLock.Kind.ADDRESS: f"login:addr:{address}"}


def _known(username: str, address: str) -> bool:
    return bool(peek(f"login:known:{normalise_username(username)}|{address}"))


def _limits() -> dict[str, int]:
    return {LoginLock.Kind.PAIR: settings.LOGIN_FAILURE_LIMIT,
            LoginLock.Kind.ACCOUNT: settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
            LoginLock.Kind.ADDRESS: settings.LOGIN_ADDRESS_FAILURE_LIMIT}


def is_locked(username: str, address: str) -> bool:
    names, limits = _names(username, address), _limits()
    if peek(names[LoginLock.Kind.PAIR]) >= limits[LoginLock.Kind.PAIR]:
        return True
    wide = any(peek(names[kind]) >= limits[kind] for kind in (LoginLock.Kind.ACCOUNT, LoginLock.Kind.ADDRESS))
    return wide and not _known(username, address)


def register_failure(username: str, address: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    user = normalise_username(username)
    limits = _limits()
    for kind, name in _names(username, address).items():
        failures = count(name, window)
        if failures >= limits[kind]:
            LoginLock.objects.update_or_create(
                kind=kind, username="" if kind == LoginLock.Kind.ADDRESS else user,
                address="" if kind == LoginLock.Kind.ACCOUNT else address[:64],
                defaults={"failures": failures, "locked_until": timezone.now() + dt.timedelta(seconds=window)})


def reset(username: str, address: str) -> None:
    """A successful login: the pair's failures are forgotten and the address becomes known."""
    names = _names(username, address)
    clear(names[LoginLock.Kind.PAIR])
    _cache().set(_key(f"login:known:{normalise_username(username)}|{address}"), 1, KNOWN_SECONDS)


def active_locks() -> list[LoginLock]:
    return list(LoginLock.objects.filter(locked_until__gt=timezone.now()))


def lift(lock: LoginLock) -> None:
    """Forget the counter behind the lock, and the lock."""
    if lock.kind == LoginLock.Kind.PAIR:
        clear(_names(lock.username, lock.address)[LoginLock.Kind.PAIR])
    elif lock.kind == LoginLock.Kind.ACCOUNT:
        clear(_names(lock.username, "")[LoginLock.Kind.ACCOUNT])
    else:
        clear(_names("", lock.address)[LoginLock.Kind.ADDRESS])
    lock.delete()
