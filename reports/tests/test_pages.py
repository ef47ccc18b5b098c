"""The report pages end to end: generate, write, submit, see the difference, correct; kinds; the dashboard."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import Report, ReportKind
from reports.tests.builders import build, quarterly, written
from tests import factories as f
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def test_generate_write_submit_and_correct_through_the_pages(client, world):
    data = build(world)
    client.force_login(world.officer_a)
    response = client.post(reverse("reports:report_generate"), {
        "centre": world.centre_a.pk, "kind": quarterly().pk, "year": 2026, "number": 1})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_detail", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "4 học viên" in page or "4 learners" in page or "2 lớp, 4 học viên" in page
    drill = reverse("reports:drill", args=[report.pk, "plan_actual"]) + "?row=__total__&amp;col=learners"
    assert drill in page
    client.post(reverse("reports:report_texts", args=[report.pk]), {"results": "Đạt kế hoạch.", "proposals": "Không."})
    client.force_login(world.director_a)
    client.post(reverse("reports:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_submitted and report.doc_label == "01-BC/TTCT"
    Enrolment.objects.create(klass=data["k1"], person=f.PersonFactory(centre=world.centre_a, given_name="Sau"))
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert 'id="data-changed"' in page
    response = client.post(reverse("reports:report_correct", args=[report.pk]), {"reason": "Thêm học viên"})
    correction = Report.objects.get(version=2)
    assert response["Location"] == reverse("reports:report_detail", args=[correction.pk])


def test_generate_with_a_wrong_period_shows_the_field(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("reports:report_generate"), {
        "centre": world.centre_a.pk, "kind": ReportKind.objects.get(code="six_monthly").pk, "year": 2026,
        "number": 3})
    assert response.status_code == 200 and "number" in response.context["form"].errors
    assert not Report.objects.exists()


def test_generate_for_a_centre_outside_scope_is_not_offered(client, world):
    client.force_login(world.officer_b)
    response = client.post(reverse("reports:report_generate"), {
        "centre": world.centre_a.pk, "kind": quarterly().pk, "year": 2026, "number": 1})
    assert "centre" in response.context["form"].errors and not Report.objects.exists()


def test_submit_with_empty_texts_shows_the_message(client, world):
    client.force_login(world.officer_a)
    client.post(reverse("reports:report_generate"), {"centre": world.centre_a.pk, "kind": quarterly().pk,
                                                     "year": 2026, "number": 1})
    report = Report.objects.get()
    client.force_login(world.director_a)
    response = client.post(reverse("reports:report_submit", args=[report.pk]), follow=True)
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Kết quả đạt được" in messages and "Phương hướng, đề xuất, kiến nghị" in messages
    report.refresh_from_db()
    assert not report.is_submitted


def test_the_administrator_edits_a_kind(client, world):
    kind = quarterly()
    client.force_login(world.admin)
    response = client.post(reverse("reports:kind_edit", args=[kind.pk]), {
        "name": "Báo cáo quý (mẫu mới)", "period_type": "quarter", "deadline_days": 12, "active": "on",
        "sections": ["plan_actual", "results", "causes"], "mandatory": ["causes"]})
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.deadline_days == 12
    assert list(kind.sections.values_list("key", "mandatory")) == [("plan_actual", False), ("results", False),
                                                                   ("causes", True)]
    response = client.post(reverse("reports:kind_edit", args=[kind.pk]), {
        "name": "x", "period_type": "quarter", "deadline_days": 1, "sections": ["results"], "mandatory": ["causes"]})
    assert "mandatory" in response.context["form"].errors


def test_dashboard_figures_and_charts(client, world):
    build(world)
    client.force_login(world.director_a)
    response = client.get(reverse("home"), {"year": 2026})
    dashboard = response.context["dashboard"]
    assert dashboard["target"].centre == world.centre_a
    figures = dashboard["figures"]
    assert (figures["opened"], figures["planned_classes"], figures["learners"], figures["planned_learners"]) == \
        (2, 3, 4, 140)
    assert figures["certificates"] == 1  # one valid, one revoked
    assert dashboard["alerts"]["not_issued"] == 1  # learner e2's certificate was revoked
    page = response.content.decode()
    assert page.count("<svg") == 3 and 'data-chart="plan_by_month"' in page
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:chart_download", args=["plan_by_month"]),
                                                   {"year": 2026}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[2 + 2] == ("03", pytest.approx(2 / 3, abs=0.05), 2)


def test_supervisor_dashboard_shows_late_reports(client, world):
    client.force_login(world.supervisor)
    response = client.get(reverse("reports:dashboard"), {"year": 2025})
    dashboard = response.context["dashboard"]
    late = {(r["centre"].code, r["kind"].code) for r in dashboard["alerts"]["late_reports"]}
    assert ("A", "quarterly") in late and ("B", "yearly") in late
    assert all(code != "A0" for code, _kind in late)


def test_dashboard_queries_do_not_grow(client, world, django_assert_max_num_queries):
    build(world)
    for i in range(3):
        f.CentreFactory(province=world.province, code=f"Y{i}")
    client.force_login(world.supervisor)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("reports:dashboard")).status_code == 200


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_report_pages_run_constant_queries(client, world):
    report = services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=quarterly(), year=2026,
                                      number=1)
    services.submit_report(actor=world.director_a, report=written(report, world.officer_a))
    client.force_login(world.supervisor)
    detail, listing = reverse("reports:report_detail", args=[report.pk]), reverse("reports:report_list")
    before = (_count_queries(client, detail), _count_queries(client, listing))
    build(world)
    for number in (2, 3):
        services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=quarterly(), year=2026,
                                 number=number)
    assert (_count_queries(client, detail), _count_queries(client, listing)) == before
