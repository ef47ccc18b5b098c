"""A Content-Security-Policy on every page that no template needs to break: no inline script, event
handler, style element or style attribute anywhere, the API docs' assets served by the application, a
health check that says nothing about the database to the public."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = [p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_scripts_or_handlers(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert "javascript:" not in text


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_styles(path):
    assert not INLINE_STYLE.search(path.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_pages_carry_the_policy(client, world):
    client.force_login(world.officer_a)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "style-src 'self';" in policy and "'unsafe-inline'" not in policy


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_break_no_rule_of_the_policy(browser_page, world):
    """Chromium reports every script or style the policy blocks on the console; the pages with bars, meters,
    charts and the API docs report none, and the bars still take their heights."""
    import datetime as dt

    from django.urls import reverse

    from conftest import browser_login
    from training.attendance import tallies
    from training.models import Attendance
    from training.tests.factories import classes as make

    ver = make.version()
    plan = make.plan(world.centre_a, approved=True, lines=[(ver.programme, 1, 4, 100)])
    running = make.klass(world.centre_a, ver, status="in_progress", plan_line=plan.lines.get(),
                         end_date=dt.date(2026, 3, 6))
    Attendance.objects.create(session=make.session(running), enrolment=make.enrol(running, world.person_a),
                              status="present")
    tallies.refresh_classes([running.pk])
    page = browser_page
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    browser_login(page, "director_a")
    page.goto(page.base_url + reverse("training:dashboard") + "?year=2026")
    heights = page.eval_on_selector_all(".bars .bar", "bars => bars.map(b => b.getBoundingClientRect().height)")
    assert max(heights) > 100, heights
    assert page.eval_on_selector(".meter b", "b => b.getBoundingClientRect().width") == 80
    for url in (reverse("training:class_detail", args=[running.pk]), reverse("reports:dashboard"), "/"):
        page.goto(page.base_url + url)
    page.context.clear_cookies()
    browser_login(page, "admin")
    page.goto(page.base_url + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert refused == []
