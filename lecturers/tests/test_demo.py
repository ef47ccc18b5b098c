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


@pytest.mark.django_db
def test_scale_seed_gives_lecturers_sessions_fees_and_answers(django_assert_max_num_queries):
    from lecturers.feedback import province_results
    from lecturers.load import centre_summaries
    from org.models import Centre
    from people.models import Lecturer
    from training.models import Klass, Session

    call_command("seed_demo", persons=200, centres=2, persons_per_centre=40, stdout=StringIO())
    big = Centre.objects.get(code="SC0001")
    # demo/standards_scale.py adds a training year of its own; count the lecturers' classes (coded …-L001).
    own = Klass.objects.filter(centre=big, code__startswith=f"{big.code}-L")
    assert own.count() == 200 and Lecturer.objects.filter(centre=big).count() == 30
    assert Session.objects.filter(klass__in=own, attendance_taken=True).count() == 1000
    assert FeeTable.objects.filter(province=big.province).exists()
    centres = list(Centre.objects.filter(code__startswith="SC").values_list("pk", "name"))
    year = Klass.objects.filter(centre=big).first().start_date.year
    with django_assert_max_num_queries(12):
        summaries = centre_summaries(centres, year)
        averages = province_results(centres)
    big_summary = next(s for s in summaries if s.centre_id == big.pk)
    assert big_summary.lecturers == 30 and big_summary.taught_periods > 0
    assert all(a.average is not None and 1 <= a.average <= 10 for a in averages)
