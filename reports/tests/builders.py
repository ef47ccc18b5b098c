"""Hand-counted data for the reports tests (no tests here).

Centre A (continuing the district centre A0) in quarter 1/2026:
- plan 2026: DVM quarter 1, 2 classes / 100 learners; SC quarter 2, 1 class / 40 learners
- class K1 (DVM, on the plan line, closed, 02/03–06/03): 3 learners — two sent by "Đảng ủy xã Yên Sơn",
  one by "Đoàn xã" — results: excellent, good (completed), one not completed (fail)
- class K2 (DVM, on the plan line, in progress from 10/03): 1 learner, plus one who withdrew
- class K3 (DVM, planned, not opened): 1 learner — not counted
- certificates: 2 issued on 20/03 for K1, one of them revoked on 25/03
- staff: a director (woman, LLCT cao cấp, master), an officer (LLCT trung cấp, bachelor)
- rooms: a lecture hall of 120 seats, a classroom of 40, and a classroom out of use
- lecturers: the world's full-time lecturer (no qualification recorded) and a part-time one with a
  pedagogy certificate, LLCT cử nhân, doctor
Year 2025 (the succession): A0 ran a class in March 2025 (2 learners), A one in September 2025 (1 learner).
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps as django_apps
from django.utils import timezone

from certificates.models import Certificate, CertificateRegister
from curriculum.choices import Classification
from reports import services
from reports.models import ReportKind
from tests import factories as f
from training.models import Enrolment, Result
from training.tests.factories import classes as make


def certificate(enrolment, number: int, issued: dt.date) -> Certificate:
    register, _ = CertificateRegister.objects.get_or_create(centre=enrolment.klass.centre, year=issued.year)
    k = enrolment.klass
    return Certificate.objects.create(register=register, number=number, enrolment=enrolment, issued_on=issued,
                                      learner_name=enrolment.person.full_name, programme_name="x", class_code=k.code,
                                      class_start=k.start_date, class_end=k.end_date, centre_name=k.centre.name)


def build(world) -> dict:
    a = world.centre_a
    dvm = make.version("DVM")
    sc = make.version("SCLLCT", name="Sơ cấp lý luận chính trị")
    plan = make.plan(a, 2026, approved=True, lines=[(dvm.programme, 1, 2, 100), (sc.programme, 2, 1, 40)])
    line = plan.lines.get(quarter=1)
    org_x = f.SendingOrganisationFactory(centre=a, name="Đảng ủy xã Yên Sơn")
    org_y = f.SendingOrganisationFactory(centre=a, name="Đoàn xã Yên Sơn")
    k1 = make.klass(a, dvm, status="closed", plan_line=line, start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 6))
    third = f.PersonFactory(centre=a, given_name="Ba")
    e1 = make.enrol(k1, world.person_a)
    e2 = make.enrol(k1, world.learner_person)
    e3 = make.enrol(k1, third)
    Enrolment.objects.filter(pk__in=[e1.pk, e2.pk]).update(sending_organisation=org_x)
    Enrolment.objects.filter(pk=e3.pk).update(sending_organisation=org_y)
    Result.objects.create(enrolment=e1, completed=True, final_score=9.2, classification=Classification.EXCELLENT)
    Result.objects.create(enrolment=e2, completed=True, final_score=7.5, classification=Classification.GOOD)
    Result.objects.create(enrolment=e3, completed=False, final_score=3, classification=Classification.FAIL)
    k2 = make.klass(a, dvm, status="in_progress", plan_line=line, start_date=dt.date(2026, 3, 10),
                    end_date=dt.date(2026, 4, 10))
    make.enrol(k2, f.PersonFactory(centre=a, given_name="Bốn"))
    make.enrol(k2, f.PersonFactory(centre=a, given_name="Năm"), status=Enrolment.Status.WITHDRAWN)
    k3 = make.klass(a, dvm, status="planned", start_date=dt.date(2026, 3, 20), end_date=dt.date(2026, 3, 22))
    make.enrol(k3, f.PersonFactory(centre=a, given_name="Sáu"))
    c1 = certificate(e1, 1, dt.date(2026, 3, 20))
    c2 = certificate(e2, 2, dt.date(2026, 3, 20))
    Certificate.objects.filter(pk=c2.pk).update(status=Certificate.Status.REVOKED, revoked_reason="sai tên",
                                                revoked_at=timezone.make_aware(dt.datetime(2026, 3, 25, 9)))
    director = f.PersonFactory(centre=a, given_name="Hoa", gender="female", theory_level="cao_cap",
                               professional_degree="thac_si")
    f.StaffAssignmentFactory(centre=a, person=director, position="director", start_date=dt.date(2025, 7, 1))
    officer = f.PersonFactory(centre=a, given_name="Tuấn", theory_level="trung_cap", professional_degree="dai_hoc")
    f.StaffAssignmentFactory(centre=a, person=officer, position="officer", start_date=dt.date(2025, 7, 1))
    f.LecturerFactory(centre=a, kind="part_time", theory_level="cu_nhan", degree="tien_si", pedagogy_certificate=True)
    make.room(a, "Hội trường lớn", seats=120, kind="lecture_hall")
    make.room(a, "Phòng học 1", seats=40)
    make.room(a, "Phòng học cũ", seats=30, active=False)
    # 2025: the district centre's half and the commune-cluster centre's half.
    k_old = make.klass(world.centre_a0, dvm, status="closed", start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 7))
    make.enrol(k_old, f.PersonFactory(centre=world.centre_a0, given_name="Cũ"))
    make.enrol(k_old, f.PersonFactory(centre=world.centre_a0, given_name="Xưa"))
    k_new = make.klass(a, dvm, status="closed", start_date=dt.date(2025, 9, 1), end_date=dt.date(2025, 9, 5))
    make.enrol(k_new, f.PersonFactory(centre=a, given_name="Mới"))
    return {"dvm": dvm, "sc": sc, "plan": plan, "k1": k1, "k2": k2, "k3": k3, "org_x": org_x, "org_y": org_y,
            "c1": c1, "c2": c2, "e1": e1, "e3": e3}


def shipped_defaults() -> None:
    """The kinds and terms the data migrations ship, again: a transactional test starts from a flushed database."""
    if ReportKind.objects.exists():
        return
    for name in ("0002_default_kinds", "0003_facilities_section", "0004_lecturer_sections", "0005_resource_sections"):
        import_module(f"reports.migrations.{name}").forwards(django_apps, None)


def quarterly():
    shipped_defaults()
    return ReportKind.objects.get(code="quarterly")


def yearly():
    shipped_defaults()
    return ReportKind.objects.get(code="yearly")


def written(report, actor, **texts):
    values = {"results": "Hoàn thành tốt kế hoạch quý.", "proposals": "Đề nghị bổ sung kinh phí.", **texts}
    return services.save_texts(actor=actor, report=report, texts=values)
