"""API tokens expire, are listed and revoked by their owner and by administrators, and stop working
when the owner's password changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _call(client, raw):
    return client.get("/api/centres", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_an_expired_token_is_refused(client, world):
    token, raw = ApiToken.issue(world.officer_a)
    assert token.expires_at > timezone.now() + dt.timedelta(days=30)
    assert _call(client, raw) == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _call(client, raw) == 401


def test_a_password_change_ends_every_token(client, world):
    _token, raw = ApiToken.issue(world.officer_a)
    world.officer_a.set_password("Mat-khau-moi-2026")
    world.officer_a.save()
    assert _call(client, raw) == 401


def test_owner_lists_creates_and_revokes_tokens(client, world):
    _other, other_raw = ApiToken.issue(world.officer_b)
    client.force_login(world.officer_a)
    response = client.post(reverse("accounts:api_tokens"), {"name": "Báo cáo tự động", "days": "30"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("ttct_") and _call(client.__class__(), raw) == 200
    page = client.get(reverse("accounts:api_tokens")).content.decode()
    assert "Báo cáo tự động" in page and other_raw[:12] not in page
    mine = ApiToken.objects.get(user=world.officer_a)
    assert client.post(reverse("accounts:api_token_revoke", args=[_other.pk])).status_code == 404
    assert client.post(reverse("accounts:api_token_revoke", args=[mine.pk])).status_code == 302
    assert _call(client.__class__(), raw) == 401 and _call(client.__class__(), other_raw) == 200


def test_administrator_sees_and_revokes_everyones_tokens(client, world):
    other, other_raw = ApiToken.issue(world.officer_b, name="Kịch bản B")
    client.force_login(world.admin)
    assert "Kịch bản B" in client.get(reverse("accounts:api_tokens")).content.decode()
    assert client.post(reverse("accounts:api_token_revoke", args=[other.pk])).status_code == 302
    assert _call(client.__class__(), other_raw) == 401
