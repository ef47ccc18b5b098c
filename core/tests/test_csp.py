"""A Content-Security-Policy on every page that no template needs to break: no inline script or
event handler anywhere, the API docs' assets served by the application, a health check that says
nothing about the database to the public."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = [p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_scripts_or_handlers(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert "javascript:" not in text


@pytest.mark.django_db
def test_pages_carry_the_policy(client, world):
    client.force_login(world.officer_a)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_api_docs_load_nothing_from_elsewhere(client, world):
    client.force_login(world.admin)
    page = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources


@pytest.mark.django_db
def test_health_check_does_not_name_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.content.decode().lower()
    assert "sqlite" not in body and "postgres" not in body and "vendor" not in body
