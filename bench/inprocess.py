"""Pages requested in this process through Django's test Client, for benchmarks that compare a page
with itself at another size (`growth`) or read its queries' plans (`explain`).

The pages measured are the province supervisor's home, person list and person search, and the
administrator's duplicates page, as the demo logins `tinh` and `admin` see them. No server: the
figures are the view's own time (queries, Python, templates), the best of a few requests after a
warm-up one.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

PROVINCE_USER, ADMIN_USER = "tinh", "admin"


def pages() -> dict[str, tuple[str, str]]:
    from django.urls import reverse

    people = reverse("people:person_list")
    return {
        "home_province": (PROVINCE_USER, reverse("home")),
        "person_list_province": (PROVINCE_USER, people),
        "person_search_province": (PROVINCE_USER, people + "?q=nguyen+van"),
        "duplicates_admin": (ADMIN_USER, reverse("people:duplicates")),
    }


@contextmanager
def clients(usernames):
    """Logged-in test clients by username; the site's host and HTTPS rules relaxed for the test host."""
    from django.conf import settings

    from accounts.models import User

    # Static files named as in development: no collectstatic manifest is needed to render a page.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False, STORAGES=storages):
        found = {}
        for user in User.objects.filter(username__in=set(usernames)):
            client = Client()
            client.force_login(user)
            found[user.username] = client
        missing = set(usernames) - set(found)
        if missing:
            raise RuntimeError(f"demo logins missing: {', '.join(sorted(missing))} (run seed_demo first)")
        yield found


def fetch(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")


CHANGED_CENTRE = "TQ-X-YENSON"  # the demo province's first centre, where its officer works


def data_changed(everywhere: bool = False) -> None:
    """What a write does to the answers kept under the centres' versions (core.versions): by default a
    write at one centre of the demo province (that centre is counted again, the others are read back);
    `everywhere`, a write to data of every centre (a programme's name: everything is counted again)."""
    from core.models import CentreDataVersion
    from core.versions import ALL_CENTRES
    from org.models import Centre

    centre = None if everywhere else Centre.objects.filter(code=CHANGED_CENTRE).values_list("pk", flat=True).first()
    version, _created = CentreDataVersion.objects.get_or_create(centre_id=ALL_CENTRES if centre is None else centre)
    CentreDataVersion.objects.filter(pk=version.pk).update(version=version.version + 1)


def time_page(client, url: str, *, repeat: int = 7, changed: bool = False, everywhere: bool = False) -> float:
    """The best of `repeat` requests after one warm-up request, in milliseconds: on a machine shared with
    other work the fastest run is the one least disturbed, so sizes measured minutes apart compare.
    `changed`: each request comes after a write at one centre (`data_changed`, not timed), as the first
    view after an officer's change does; `everywhere`, after a write to every centre's data."""
    fetch(client, url)
    times = []
    for _ in range(repeat):
        if changed or everywhere:
            data_changed(everywhere)
        started = time.perf_counter()
        fetch(client, url)
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def captured_queries(client, url: str, *, everywhere: bool = False) -> list[dict]:
    fetch(client, url)
    if everywhere:
        data_changed(everywhere=True)
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return list(captured.captured_queries)
