"""The class closing report (frozen when final, Word/PDF), post standards, the yearly statement, bad norms."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from core.models import AuditEvent
from lecturers.models import ClosingReport, NormTable
from lecturers.services import closing as closing_services
from lecturers.services import feedback as feedback_services
from lecturers.services import load as load_services
from lecturers.standards import centre_members, share_meeting
from lecturers.statement import yearly_statement
from lecturers.tests.builders import fee_table, guest, make_class, teach
from tests import factories as f
from training.attendance import tallies
from training.models import Attendance
from training.tests.factories.timetable import learners


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.mark.django_db
def test_closing_report_is_frozen_when_final(client, world):
    klass = make_class(world.centre_a)
    enrolments = learners(klass, 4)
    sessions = teach(klass, world.lecturer_profile, 2)
    for session in sessions:
        Attendance.objects.bulk_create(Attendance(session=session, enrolment=e, status="present") for e in enrolments[:3])
        Attendance.objects.create(session=session, enrolment=enrolments[3], status="unexcused")
    tallies.refresh([e.pk for e in enrolments])
    client.force_login(world.officer_a)
    url = reverse("lecturers:closing_report", args=[klass.pk])
    assert client.post(url, {"assessment": "Lớp học nghiêm túc.", "strengths": "Chuyên cần cao"}).status_code == 302
    report = ClosingReport.objects.get(klass=klass)
    assert client.post(reverse("lecturers:closing_report_finalise", args=[klass.pk])).status_code == 302
    report.refresh_from_db()
    assert report.is_final and report.figures["attendance_rate"] == 75.0 and report.figures["enrolled"] == 4
    assert report.figures["hours"][0]["periods"] == 8
    teach(klass, world.lecturer_profile, 1)  # after the report: not in it
    docx = client.get(reverse("lecturers:closing_report_file", args=[klass.pk, "docx"])).content
    text = _docx_text(docx)
    assert "BÁO CÁO" in text and "Tỷ lệ chuyên cần: 75,0 %" in text and "Lớp học nghiêm túc." in text
    assert "\n8\n" in text or "8" in text.split("Trần Văn Giảng")[1][:20]
    pdf = client.get(reverse("lecturers:closing_report_file", args=[klass.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    with pytest.raises(ValidationError):
        closing_services.save_closing_report(actor=world.officer_a, report=report)
    assert AuditEvent.objects.filter(object_type="lecturers.closingreport", action="approve").count() == 1


@pytest.mark.django_db
def test_closing_report_needs_an_assessment(world):
    klass = make_class(world.centre_a)
    report = closing_services.save_closing_report(actor=world.officer_a, report=ClosingReport(klass=klass))
    with pytest.raises(ValidationError) as error:
        closing_services.finalise_closing_report(actor=world.officer_a, report=report)
    assert "assessment" in error.value.message_dict
    report.refresh_from_db()
    assert not report.is_final and report.figures is None


@pytest.mark.django_db
def test_closing_report_feedback_summary(world):
    klass = make_class(world.centre_a)
    learners(klass, 5)
    survey = feedback_services.open_survey(actor=world.officer_a, klass=klass)
    items = list(survey.items.all())
    for code in list(survey.codes.values_list("code", flat=True))[:2]:
        feedback_services.submit_answers(survey=survey, code=code,
                                         answers={i.pk: "9" for i in items if i.kind == "rating"})
    from lecturers.closing import compute_figures

    feedback = compute_figures(klass)["feedback"]
    assert feedback["visible"] and feedback["forms"] == 2
    assert set(feedback["sections"].values()) == {9.0}


@pytest.mark.django_db
def test_standards_met_and_missing(client, world):
    director = f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a, position="director",
                                        start_date=dt.date(2025, 7, 1))
    person = director.person
    person.is_party_member, person.theory_level, person.professional_degree = True, "cao_cap", "thac_si"
    person.save()
    full = world.lecturer_profile
    full.theory_level, full.degree, full.pedagogy_certificate, full.it_certificate = "cu_nhan", "dai_hoc", True, "CNTT cơ bản"
    full.save()
    full.person.is_party_member = True
    full.person.save()
    standard, members = centre_members(world.centre_a.pk)
    by_name = {m.person.pk: m for m in members}
    assert by_name[full.person_id].meets
    missing = {c.requirement.rule for c in by_name[person.pk].missing}
    assert missing == {"state_management", "pedagogy", "it"}  # a director without a lecturer profile
    assert share_meeting(members) == (1, 2)
    client.force_login(world.director_a)
    page = client.get(reverse("lecturers:staff_standard", args=[director.pk])).content.decode()
    assert "Học lớp bồi dưỡng nghiệp vụ sư phạm" in page
    xlsx = client.get(reverse("lecturers:centre_standards") + f"?centre={world.centre_a.pk}&format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + 3 and all(row[1] == person.full_name for row in rows[2:])


@pytest.mark.django_db
def test_yearly_statement_across_centres(client, world):
    fee_table(world.province)
    at_a = guest(world.centre_a)
    at_b = f.LecturerFactory(centre=world.centre_b, person=at_a.person, kind="guest")
    teach(make_class(world.centre_a, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 20)), at_a, 2)
    teach(make_class(world.centre_b, start=dt.date(2026, 4, 6), end=dt.date(2026, 4, 20)), at_b, 3)
    teach(make_class(world.centre_b, start=dt.date(2025, 4, 6), end=dt.date(2025, 4, 20)), at_b, 1)
    statement = yearly_statement(at_a.person_id, 2026)
    assert [line.sessions for line in statement.lines] == [2, 3]
    assert statement.total == Decimal(5 * 1_200_000)
    # The officer of centre B sees only B's classes on the statement.
    only_b = yearly_statement(at_a.person_id, 2026, centre_ids={world.centre_b.pk})
    assert only_b.total == Decimal(3_600_000)
    client.force_login(world.officer_a)
    page = client.get(reverse("lecturers:lecturer_statement", args=[at_a.pk]) + "?year=2026").content.decode()
    assert "2.400.000 đ" in page and "Hai triệu bốn trăm nghìn đồng" in page


NORMS = {"director": (Decimal(40), Decimal(30)), "deputy_director": (Decimal(60), Decimal(40)),
         "lecturer": (Decimal(120), Decimal(90)), "lecturer_office": (Decimal(90), Decimal(45))}
COEFFICIENTS = [("lecture", "Giảng dạy", "tiết", Decimal(1)), ("essay", "Chấm bài", "bài", Decimal("0.1"))]


@pytest.mark.django_db
def test_bad_norm_tables_are_refused(world):
    count = NormTable.objects.count()
    with pytest.raises(ValidationError) as lecturing:
        load_services.save_norm_table(actor=world.admin, table=NormTable(name="2030", first_year=2030),
                                      norms={**NORMS, "director": (Decimal(40), Decimal(41))}, coefficients=COEFFICIENTS)
    assert "director_lecturing" in lecturing.value.message_dict
    with pytest.raises(ValidationError) as negative:
        load_services.save_norm_table(actor=world.admin, table=NormTable(name="2030", first_year=2030), norms=NORMS,
                                      coefficients=[*COEFFICIENTS, ("x", "Sai", "lần", Decimal(-1))])
    assert "coefficients" in negative.value.message_dict
    bounded = load_services.save_norm_table(actor=world.admin, table=NormTable(name="2026–2027", first_year=2026,
                                                                               last_year=2027),
                                            norms=NORMS, coefficients=COEFFICIENTS)
    # The open-ended default is closed the year before; a second table over 2027 overlaps.
    assert NormTable.objects.get(is_editable_default=True).last_year == 2025
    with pytest.raises(ValidationError) as overlap:
        load_services.save_norm_table(actor=world.admin, table=NormTable(name="2027", first_year=2027, last_year=2028),
                                      norms=NORMS, coefficients=COEFFICIENTS)
    assert "first_year" in overlap.value.message_dict
    assert NormTable.objects.count() == count + 1 and bounded.lines.count() == 4
    assert AuditEvent.objects.filter(object_type="lecturers.normtable").count() == 2
