"""Every link a persona is shown leads somewhere it may go: no menu entry, button or link answers 403 or 404.

Starting from the home page, each persona follows every same-site link (GET only) of every page it
reaches, breadth first, up to a bound; a 403 or 404 is reported with the page that showed the link.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest

from tests import factories as f

HREF = re.compile(r"""<a\s[^>]*?href=["']([^"'#][^"']*)["']""", re.I)
# Links that are not pages: downloads that stream files, logout, language switch, static files.
SKIP = ("/static/", "/media/", "/accounts/logout", "/i18n/", "/api/")
MAX_PAGES = 120


def _links(html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parsed = urlparse(href)
        if parsed.scheme or parsed.netloc or not href.startswith("/") or href.startswith(SKIP):
            continue
        found.add(href)
    return found


def walk(client, start: str = "/") -> list[tuple[str, str, int]]:
    """(page that linked, link, status) for every link answering 403 or 404."""
    seen, broken = {start}, []
    queue = deque([(start, "")])
    visited = 0
    while queue and visited < MAX_PAGES:
        url, parent = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code in (403, 404):
            broken.append((parent, url, response.status_code))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return broken


@pytest.fixture
def busy_world(world):
    """A centre with something on every page: organisations, staff, a lecturer of another centre."""
    f.SendingOrganisationFactory(centre=world.centre_a, name="Đảng ủy xã Yên Sơn")
    f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a)
    world.learner_person.sending_organisation = f.SendingOrganisationFactory(centre=world.centre_a, name="Xã đoàn")
    world.learner_person.save()
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin", "supervisor", "director_a", "officer_a", "lecturer_a", "learner_a",
                                     "viewer_a"])
def test_no_link_a_persona_sees_is_refused(client, busy_world, persona):
    client.force_login(busy_world.personas()[persona])
    broken = walk(client)
    assert not broken, "\n".join(f"{status} {link}  (linked from {parent})" for parent, link, status in broken)
