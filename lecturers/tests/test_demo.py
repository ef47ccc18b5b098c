"""The demo province shows lecturers' work: fee table, payment sheet, loads, a survey with results, a report."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from lecturers.load import load_rows
from lecturers.models import ClosingReport, FeeTable, PaymentSheet, Survey


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_province_shows_lecturers_work(client):
    out = StringIO()
    call_command("seed_demo", persons=300, stdout=out)
    assert "[lecturers]" in out.getvalue()
    officer = User.objects.get(username="daotao")
    centre = officer.role_assignments.get(role="training_officer").centre
    assert FeeTable.objects.filter(province=centre.province).exists()
    sheet = PaymentSheet.objects.get(klass__centre=centre)
    assert sheet.is_final and sheet.total > 0
    survey = Survey.objects.get(klass__centre=centre)
    assert survey.results_visible
    assert ClosingReport.objects.get(klass__centre=centre).is_final
    rows = load_rows([centre.pk], sheet.klass.start_date.year)
    assert any(r.taught_periods for r in rows) and any(r.other_hours for r in rows)
    client.force_login(officer)
    page = client.get(reverse("lecturers:survey_detail", args=[survey.pk])).content.decode()
    assert 'id="survey-results"' in page
    again = StringIO()
    call_command("seed_demo", persons=300, stdout=again)
    assert "đã có dữ liệu giảng viên minh họa" in again.getvalue()
    assert PaymentSheet.objects.count() == 1 and Survey.objects.count() == 1
