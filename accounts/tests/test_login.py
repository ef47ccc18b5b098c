import pytest
from django.core.cache import caches
from django.urls import reverse

from conftest import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _clear_cache(db):
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.mark.django_db
def test_production_passwords_are_argon2(settings):
    from accounts.models import User
    from ttct import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user("argon", password="Mat-khau-dai-2026")
    assert user.password.startswith("argon2")
    assert user.check_password("Mat-khau-dai-2026")


@pytest.mark.django_db
def test_login_works(client, world):
    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": TEST_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_repeated_failures_are_throttled(client, world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert client.post(reverse("accounts:login"), {"username": "officer_a", "password": "wrong"}).status_code == 200
    blocked = client.post(reverse("accounts:login"), {"username": "officer_a", "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "15 phút" in blocked.content.decode()


@pytest.mark.django_db
def test_interface_is_vietnamese_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in html and 'lang="vi"' in html


@pytest.mark.django_db
def test_english_is_available(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Log in" in html
