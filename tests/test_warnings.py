"""Irreversible steps ask first, and date inconsistencies go ahead only with a reason kept in the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issue_certificates
from core.models import AuditEvent
from training.classes.services import transition_class
from training.models import Klass
from training.results.services import approve_results
from training.tests.factories import results as res

pytestmark = pytest.mark.django_db


def _running_until(world, end: dt.date) -> Klass:
    klass = res.make_class(world, learners=2)
    res.fill_scores(klass, [[8, 7], [9, 9]])
    Klass.objects.filter(pk=klass.pk).update(end_date=end)
    klass.refresh_from_db()
    return klass


def _events(obj, action):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)


def test_approving_before_the_end_date_needs_a_reason_kept_in_the_audit(world):
    klass = _running_until(world, timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        approve_results(actor=world.director_a, klass=klass)
    assert "warning_reason" in refused.value.message_dict
    klass.refresh_from_db()
    assert klass.status == "in_progress" and not _events(klass, "approve").exists()
    approve_results(actor=world.director_a, klass=klass, warning_reason="Lớp học dồn, thi xong sớm")
    klass.refresh_from_db()
    assert klass.status == "results_approved"
    reason = _events(klass, "approve").get().reason
    assert "Lớp học dồn, thi xong sớm" in reason and klass.end_date.strftime("%d/%m/%Y") in reason


def test_approving_after_the_end_date_asks_nothing(world):
    klass = _running_until(world, timezone.localdate() - dt.timedelta(days=1))
    approve_results(actor=world.director_a, klass=klass)
    assert _events(klass, "approve").get().reason == ""


def test_closing_before_the_end_date_needs_a_reason(world):
    klass = _running_until(world, timezone.localdate() + dt.timedelta(days=3))
    approve_results(actor=world.director_a, klass=klass, warning_reason="thi sớm")
    with pytest.raises(ValidationError) as refused:
        transition_class(actor=world.officer_a, klass=klass, to_status="closed")
    assert "reason" in refused.value.message_dict
    klass.refresh_from_db()
    assert klass.status == "results_approved"
    transition_class(actor=world.officer_a, klass=klass, to_status="closed", reason="Kết thúc theo chỉ đạo")
    klass.refresh_from_db()
    assert klass.status == "closed"
    assert "Kết thúc theo chỉ đạo" in _events(klass, "update").latest("id").reason


def test_a_certificate_dated_after_today_needs_a_reason(world):
    res.staff_the_centre(world)
    klass = res.approved_class(world, learners=2)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        issue_certificates(actor=world.officer_a, klass=klass, issued_on=tomorrow)
    assert "warning_reason" in refused.value.message_dict
    assert not Certificate.objects.exists()
    issued = issue_certificates(actor=world.officer_a, klass=klass, issued_on=tomorrow,
                                warning_reason="Trao giấy tại lễ bế giảng ngày mai")
    assert len(issued) == 2
    assert all("Trao giấy" in e.reason for e in AuditEvent.objects.filter(action="issue"))


def test_pages_ask_before_irreversible_steps(client, world):
    res.staff_the_centre(world)
    klass = _running_until(world, timezone.localdate() + dt.timedelta(days=3))
    client.force_login(world.director_a)
    grid = client.get(reverse("training:results_grid", args=[klass.pk])).content.decode()
    assert "data-confirm=" in grid and "data-warning" in grid and 'name="warning_reason"' in grid
    approve_results(actor=world.director_a, klass=klass, warning_reason="thi sớm")
    detail = client.get(reverse("training:class_detail", args=[klass.pk])).content.decode()
    assert "Kết thúc lớp?" in detail and "data-warning" in detail
    certificates = client.get(reverse("certificates:class_certificates", args=[klass.pk])).content.decode()
    assert "số đã cấp không bao giờ dùng lại" in certificates
    issued = issue_certificates(actor=world.director_a, klass=klass)
    page = client.get(reverse("certificates:certificate_detail", args=[issued[0].code])).content.decode()
    assert "Cấp lại giấy chứng nhận?" in page
    assert "onclick" not in grid + detail + certificates + page


def test_public_verify_page_accepts_the_number_with_the_holder_name(client, world):
    res.staff_the_centre(world)
    klass = res.approved_class(world, learners=2)
    cert = issue_certificates(actor=world.officer_a, klass=klass)[0]
    url = reverse("certificates:verify")
    plain = "".join(ch for ch in cert.learner_name.lower())  # typed without capitals
    found = client.get(url, {"number": cert.number_label, "name": plain})
    assert found.status_code == 200 and found.context["result"].code == cert.code
    assert found.context["result"].status == "valid"
    assert client.get(url, {"number": cert.number_label, "name": "Nguyễn Văn Không"}).status_code == 404
    assert client.get(url, {"number": cert.number_label, "name": ""}).status_code == 404
    assert client.get(url, {"number": "9999/2026", "name": cert.learner_name}).status_code == 404


def test_a_class_outside_its_plan_line_quarter_needs_a_reason(world):
    from training.classes.services import open_class
    from training.tests.factories import classes as make

    ver = make.version()
    plan = make.plan(world.centre_a, year=2026, approved=True, lines=[(ver.programme, 1, 2, 60)])
    line = plan.lines.get()
    args = dict(actor=world.officer_a, centre=world.centre_a, version=ver, plan_line=line,
                start_date=dt.date(2026, 5, 4), end_date=dt.date(2026, 5, 8))
    with pytest.raises(ValidationError) as refused:
        open_class(**args)
    assert "warning_reason" in refused.value.message_dict
    assert not Klass.objects.exists()
    klass = open_class(**args, warning_reason="Lùi lịch do bầu cử")
    assert "Lùi lịch do bầu cử" in _events(klass, "create").get().reason
    in_quarter = open_class(**{**args, "start_date": dt.date(2026, 2, 2), "end_date": dt.date(2026, 2, 6)})
    assert _events(in_quarter, "create").get().reason == ""
