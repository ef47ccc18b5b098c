"""Post standards and survey forms are versioned data an administrator edits; every change is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.models import AuditEvent
from lecturers.models import StandardSet, SurveyTemplate
from lecturers.services import feedback
from lecturers.tests.builders import make_class
from training.tests.factories.timetable import learners


@pytest.mark.django_db
def test_new_post_standards_version(client, world):
    client.force_login(world.admin)
    url = reverse("lecturers:standard_set_create")
    bad = client.post(url, {"name": "Sai", "valid_from": "01/01/2027", "requirements": "full_time; flying; ; Học bay"})
    assert bad.status_code == 200 and not StandardSet.objects.filter(name="Sai").exists()
    response = client.post(url, {
        "name": "Tiêu chuẩn 2027", "valid_from": "01/01/2027", "source": "QĐ của Tỉnh ủy",
        "requirements": "full_time; theory_level; cu_nhan; Học cử nhân chính trị\nfull_time; party; ; Là đảng viên"})
    assert response.status_code == 302
    new = StandardSet.objects.get(name="Tiêu chuẩn 2027")
    assert [(r.post, r.rule, r.value) for r in new.requirements.all()] == [
        ("full_time", "theory_level", "cu_nhan"), ("full_time", "party", "")]
    assert StandardSet.objects.get(is_editable_default=True).valid_to == dt.date(2026, 12, 31)
    assert AuditEvent.objects.filter(object_type="lecturers.standardset").count() == 2
    client.force_login(world.director_a)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_new_survey_form_version_keeps_open_surveys(client, world):
    klass = make_class(world.centre_a)
    learners(klass, 3)
    survey = feedback.open_survey(actor=world.officer_a, klass=klass)
    default = SurveyTemplate.objects.get(is_editable_default=True)
    client.force_login(world.admin)
    url = reverse("lecturers:survey_template_version", args=[default.pk])
    data = {"name": "Phiếu khảo sát 2027", "valid_from": "01/01/2027", "min_answers": 3, "min_share_percent": 30,
            "small_class_warning": 5, "max_unanswered_percent": 5, "source": "",
            "questions": "lecturer; rating; Giảng viên truyền đạt rõ ràng\ncomments; text; Ý kiến khác"}
    assert client.post(url, {**data, "min_share_percent": 120}).status_code == 200
    assert client.post(url, {**data, "questions": "comments; text; Chỉ có ý kiến"}).status_code == 200
    assert client.post(url, data).status_code == 302
    new = SurveyTemplate.objects.get(name="Phiếu khảo sát 2027")
    assert new.version == 2 and new.questions.count() == 2 and new.min_share_percent == 30
    default.refresh_from_db()
    assert default.valid_to == dt.date(2026, 12, 31) and default.questions.count() == 12
    survey.refresh_from_db()
    assert survey.template_id == default.pk
    assert feedback.template_in_force(dt.date(2027, 3, 1)) == new
    assert client.get(reverse("lecturers:survey_templates")).status_code == 200
