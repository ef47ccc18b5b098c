"""Personas shared by every app's tests (ARCHITECTURE.md, convention 10).

`world` builds one province with centres A (a commune-cluster centre continuing the district centre
A0) and B, plus a centre C in another province, and one user per persona.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.db import connection

from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    province: object
    other_province: object
    centre_a0: object
    centre_a: object
    centre_b: object
    centre_c: object
    admin: object
    supervisor: object
    director_a: object
    officer_a: object
    officer_b: object
    lecturer_a: object
    learner_a: object
    viewer_a: object
    lecturer_profile: object
    learner_person: object
    person_a: object
    person_b: object
    person_c: object

    def personas(self) -> dict:
        return {
            "admin": self.admin,
            "supervisor": self.supervisor,
            "director_a": self.director_a,
            "officer_a": self.officer_a,
            "officer_b": self.officer_b,
            "lecturer_a": self.lecturer_a,
            "learner_a": self.learner_a,
            "viewer_a": self.viewer_a,
            "anonymous": None,
        }


@pytest.fixture
def world(db) -> World:
    province = f.ProvinceFactory(name="Tỉnh Tuyên Quang", code="08")
    other = f.ProvinceFactory(name="Tỉnh Cao Bằng", code="04")
    a0 = f.CentreFactory(code="A0", name="Trung tâm Chính trị huyện Yên Sơn", level="district", province=province,
                         status="closed")
    a = f.CentreFactory(code="A", name="Trung tâm Chính trị xã Yên Sơn", province=province, predecessor=a0)
    b = f.CentreFactory(code="B", name="Trung tâm Chính trị xã Hàm Yên", province=province)
    c = f.CentreFactory(code="C", name="Trung tâm Chính trị xã Hòa An", province=other)

    admin = f.grant(f.UserFactory(username="admin"), f.Role.SYSTEM_ADMIN)
    supervisor = f.grant(f.UserFactory(username="supervisor"), f.Role.PROVINCE_SUPERVISOR, province=province)
    director_a = f.grant(f.UserFactory(username="director_a"), f.Role.CENTRE_DIRECTOR, centre=a)
    officer_a = f.grant(f.UserFactory(username="officer_a"), f.Role.TRAINING_OFFICER, centre=a)
    officer_b = f.grant(f.UserFactory(username="officer_b"), f.Role.TRAINING_OFFICER, centre=b)
    viewer_a = f.grant(f.UserFactory(username="viewer_a"), f.Role.VIEWER, centre=a)

    lecturer_profile = f.LecturerFactory(centre=a, person__family_name="Trần", person__given_name="Giảng")
    lecturer_a = f.grant(f.UserFactory(username="lecturer_a", person=lecturer_profile.person), f.Role.LECTURER, centre=a)
    learner_person = f.PersonFactory(centre=a, family_name="Lê", middle_name="Thị", given_name="Học", gender="female")
    learner_a = f.grant(f.UserFactory(username="learner_a", person=learner_person), f.Role.LEARNER, centre=a)

    person_a = f.PersonFactory(centre=a, family_name="Nguyễn", middle_name="Thị", given_name="Hường", gender="female")
    person_b = f.PersonFactory(centre=b, family_name="Phạm", middle_name="Văn", given_name="Bắc")
    person_c = f.PersonFactory(centre=c, family_name="Hoàng", middle_name="Văn", given_name="Cao")
    return World(province, other, a0, a, b, c, admin, supervisor, director_a, officer_a, officer_b, lecturer_a,
                 learner_a, viewer_a, lecturer_profile, learner_person, person_a, person_b, person_c)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Argon2 is deliberately slow; tests create many logins, so they hash with MD5 unless a test
    asks for the production hasher (see accounts/tests/test_login.py)."""
    from django.conf import settings
    from django.test.utils import override_settings

    override = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True, scope="session")
def _short_lived_connections():
    """The live server's request threads must not keep connections open past the test, or the
    test database cannot be dropped at the end of the run."""
    from django.db import connections

    for alias in connections:
        connections[alias].settings_dict["CONN_MAX_AGE"] = 0


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


TEST_PASSWORD = "matkhau-thu-nghiem"


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's headless Chromium, pointed at the live test server."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}; the test command installs Debian's chromium package.")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        yield page
        context.close()
        browser.close()


def browser_login(page, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
