"""A hand-built centre with known figures across the 2025 succession (no tests here).

Centre A continues the district centre A0 from 1/7/2025 (the `world` fixture). For the year 2025:

- full-time lecturers: P1 (at A0 and again at A, counted once), P2 (A0), P3 (A), and the world's lecturer
  at A → 4 persons; theory level 2/4; pedagogy 2/4; degree 3/4; state management 1/4
- part-time: PT1 taught at A0 and at A (one person) → 1; PT2 never taught; PT3 taught only in 2024
- leaders on 31/12/2025: A's director (cao cấp) and deputy (trung cấp) → 50 %; staff in post 2
- plans: A0 4 classes / 100 learners (approved), A 2 / 50 (draft) → 6 / 150, approved yes
- classes held: K1, K2 (A0), K3 (A) → 3 = 50 % of plan; K4 planned only; K5 in 2024
- enrolments 3 + 2 + 2 (a withdrawn one not counted) → 7 / 150 = 4,67 %; learners 6 distinct
- completion over K1, K2: 4 of 5 = 80 %; attendance 6 of 8 marks = 75 %
- opening decisions 2/3; recognition decisions 1/2; timetables matching 1/3
- programmes: DVM (review decided) and SC (review pending) → 50 %
- certificates within 30 days of approval 2/3; largest lecture hall in use 100 seats; IT not applicable
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from certificates.models import Certificate, CertificateRegister
from curriculum.choices import OverlapDecision, OverlapVerdict
from curriculum.models import OverlapReview
from facilities.models import Room
from lecturers.models import (
    ClosingReport,
    LoadEntry,
    LoadPost,
    RatingCount,
    Requirement,
    StandardSet,
    Survey,
    SurveyItem,
    SurveyTemplate,
)
from people.models import Lecturer, StaffAssignment
from tests import factories as f
from training.attendance import tallies
from training.models import Attendance, Enrolment, Klass, Result, Session
from training.tests.factories.classes import klass, plan, version

D = dt.date
EXPECTED_2025 = {
    "fulltime_lecturers": Decimal(4),
    "part_time_lecturers_in_use": Decimal(1),
    "lecturers_theory_level": Decimal("50.00"),
    "lecturers_pedagogy": Decimal("50.00"),
    "lecturers_degree": Decimal("75.00"),
    "lecturers_state_management": Decimal("25.00"),
    "leaders_theory_level": Decimal("50.00"),
    "staff_in_post": Decimal(2),
    "plan_approved": Decimal(1),
    "classes_held": Decimal(3),
    "classes_against_plan": Decimal("50.00"),
    "learners_against_plan": Decimal("4.67"),
    "learners_trained": Decimal(6),
    "completion_rate": Decimal("80.00"),
    "attendance_rate": Decimal("75.00"),
    "opening_decisions": Decimal("66.67"),
    "recognition_decisions": Decimal("50.00"),
    "timetables_match_hours": Decimal("33.33"),
    "programmes_overlap_reviewed": Decimal("50.00"),
    "certificates_on_time": Decimal("66.67"),
    "lecture_hall_seats": Decimal(100),
    "classes_using_it": None,
    # Read from the lecturers app: leaders and full-time lecturers against the post standard (A's director
    # and P1, P3 meet it of six persons); nobody reaches the norm, no survey, no closing report yet.
    "post_standards_met": Decimal("50.00"),
    "hours_against_norm": Decimal("0.00"),
    "satisfaction_average": None,
    "survey_coverage": Decimal("0.00"),
    "closing_reports": Decimal("0.00"),
    # Read from facilities, finance and org (figures of their own in test_resources.py): little recorded here.
    "facilities_standard_met": Decimal(0),  # the default standard asks for rooms and items A lacks
    "equipment_working": None,
    "budget_execution": None,
    "agreements_with_senders": None,
}
# With `add_lecturers_work`: P1 taught 16 periods at A0 and 16 at A (each alone short of the director's
# norm of 30 lecturing / 40 standard hours, together enough with 20 hours of other work); one counted
# survey on K1 (scores 8, 8, 9); K1's closing report final.
EXPECTED_2025_WITH_WORK = {
    "hours_against_norm": Decimal("25.00"),
    "satisfaction_average": Decimal("8.33"),
    "survey_coverage": Decimal("33.33"),
    "closing_reports": Decimal("50.00"),
}


def _approved_at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def _enrol(k, persons, completed=None, withdrawn=()):
    rows = []
    for n, person in enumerate(persons):
        e = Enrolment.objects.create(klass=k, person=person)
        rows.append(e)
        if completed is not None:
            Result.objects.create(enrolment=e, completed=n < completed, final_score=Decimal("7.0"))
    for person in withdrawn:
        Enrolment.objects.create(klass=k, person=person, status=Enrolment.Status.WITHDRAWN)
    return rows


def _certificate(register, number, enrolment, issued):
    k = enrolment.klass
    return Certificate.objects.create(register=register, number=number, enrolment=enrolment, issued_on=issued,
                                      learner_name=str(enrolment.person), programme_name="x", class_code=k.code,
                                      class_start=k.start_date, class_end=k.end_date, centre_name=k.centre.name)


def build_succession_centre(world) -> dict:
    a0, a = world.centre_a0, world.centre_a
    person = lambda centre, **kw: f.PersonFactory(centre=centre, **kw)  # noqa: E731
    p1, p2, p3 = person(a0, theory_level="cao_cap"), person(a0), person(a)
    Lecturer.objects.create(centre=a0, person=p1, kind="full_time", theory_level="cao_cap", pedagogy_certificate=True,
                            degree="dai_hoc", state_management_level="chuyen_vien")
    Lecturer.objects.create(centre=a, person=p1, kind="full_time", theory_level="cao_cap", pedagogy_certificate=True,
                            degree="dai_hoc", state_management_level="chuyen_vien")
    Lecturer.objects.create(centre=a0, person=p2, kind="full_time", theory_level="trung_cap", degree="dai_hoc")
    Lecturer.objects.create(centre=a, person=p3, kind="full_time", theory_level="cu_nhan", pedagogy_certificate=True,
                            degree="thac_si")
    pt1, pt2, pt3 = person(a0), person(a), person(a)
    pt1_a0 = Lecturer.objects.create(centre=a0, person=pt1, kind="part_time")
    pt1_a = Lecturer.objects.create(centre=a, person=pt1, kind="part_time")
    Lecturer.objects.create(centre=a, person=pt2, kind="part_time")
    pt3_a = Lecturer.objects.create(centre=a, person=pt3, kind="part_time")

    director_old = person(a0, theory_level="cao_cap")
    StaffAssignment.objects.create(centre=a0, person=director_old, position="director", start_date=D(2020, 1, 1),
                                   end_date=D(2025, 6, 30))
    StaffAssignment.objects.create(centre=a0, person=person(a0), position="officer", start_date=D(2020, 1, 1),
                                   end_date=D(2025, 6, 30))
    StaffAssignment.objects.create(centre=a, person=person(a, theory_level="cao_cap"), position="director",
                                   start_date=D(2025, 7, 1))
    StaffAssignment.objects.create(centre=a, person=person(a, theory_level="trung_cap"), position="deputy_director",
                                   start_date=D(2025, 7, 1))

    standard = StandardSet.objects.create(name="Tiêu chuẩn thử", valid_from=D(2025, 1, 1))
    Requirement.objects.bulk_create([Requirement(standard=standard, post=post, rule="theory_level", value="cao_cap")
                                     for post in ("director", "deputy_director", "full_time")])

    dvm = version("DVM")
    sc = version("SC", name="Sơ cấp lý luận chính trị")
    plan(a0, year=2025, approved=True, lines=[(dvm.programme, 1, 4, 100)])
    plan(a, year=2025, lines=[(dvm.programme, 3, 2, 50)])

    k1 = klass(a0, dvm, status=Klass.Status.CLOSED, start_date=D(2025, 3, 2), end_date=D(2025, 3, 6),
               results_approved_at=_approved_at(D(2025, 3, 10)), recognition_decision_number="5-QĐ/TTCT")
    k2 = klass(a0, dvm, status=Klass.Status.RESULTS_APPROVED, start_date=D(2025, 5, 4), end_date=D(2025, 5, 8),
               opening_decision_number="", results_approved_at=_approved_at(D(2025, 5, 20)))
    k3 = klass(a, sc, status=Klass.Status.IN_PROGRESS, start_date=D(2025, 9, 7), end_date=D(2025, 9, 11))
    klass(a, dvm, status=Klass.Status.PLANNED, start_date=D(2025, 10, 5), end_date=D(2025, 10, 9))
    k5 = klass(a0, dvm, status=Klass.Status.CLOSED, start_date=D(2024, 4, 1), end_date=D(2024, 4, 5))
    Klass.objects.filter(pk=k2.pk).update(opening_decision_number="")

    learners = [person(a0) for _ in range(5)]
    e1 = _enrol(k1, learners[:3], completed=2)
    e2 = _enrol(k2, learners[3:5], completed=2, withdrawn=[person(a0)])
    e3 = _enrol(k3, [learners[0], person(a)])

    topic1, topic2 = list(dvm.topics.all())
    s1 = Session.objects.create(klass=k1, date=D(2025, 3, 2), part="morning", periods=4, topic=topic1,
                                lecturer=pt1_a0)
    s2 = Session.objects.create(klass=k1, date=D(2025, 3, 2), part="afternoon", periods=4, topic=topic2)
    s3 = Session.objects.create(klass=k3, date=D(2025, 9, 7), part="morning", periods=4, lecturer=pt1_a)
    Session.objects.create(klass=k5, date=D(2024, 4, 1), part="morning", periods=4, lecturer=pt3_a)
    marks = [(s1, e1[0], "present"), (s1, e1[1], "present"), (s1, e1[2], "unexcused"), (s2, e1[0], "present"),
             (s2, e1[1], "present"), (s2, e1[2], "present"), (s3, e3[0], "late"), (s3, e3[1], "excused")]
    Attendance.objects.bulk_create([Attendance(session=s, enrolment=e, status=st) for s, e, st in marks])
    tallies.refresh({e.pk for _s, e, _st in marks})

    t_dvm = dvm.topics.first()
    t_sc = sc.topics.first()
    other = version("KHAC", name="Chương trình khác").topics.first()
    OverlapReview.objects.create(lineage_low=min(t_dvm.lineage, other.lineage),
                                 lineage_high=max(t_dvm.lineage, other.lineage), verdict=OverlapVerdict.REAL,
                                 decision=OverlapDecision.MERGE)
    OverlapReview.objects.create(lineage_low=min(t_sc.lineage, other.lineage),
                                 lineage_high=max(t_sc.lineage, other.lineage), verdict=OverlapVerdict.REAL)

    register = CertificateRegister.objects.create(centre=a0, year=2025)
    _certificate(register, 1, e1[0], D(2025, 3, 20))
    _certificate(register, 2, e1[1], D(2025, 5, 1))
    _certificate(register, 3, e2[0], D(2025, 5, 25))

    Room.objects.create(centre=a0, name="Hội trường", kind="lecture_hall", seats=100)
    Room.objects.create(centre=a, name="Hội trường nhỏ", kind="lecture_hall", seats=60)
    Room.objects.create(centre=a, name="Hội trường cũ", kind="lecture_hall", seats=200, active=False)
    return {"classes": [k1, k2, k3], "p1": p1, "learners": learners, "e1": e1, "e3": e3}


def add_lecturers_work(world, built) -> None:
    """Teaching by P1 on both sides of 1/7/2025, a learner survey and a closing report."""
    k1, _k2, k3 = built["classes"]
    p1_a0, p1_a = Lecturer.objects.filter(person=built["p1"]).order_by("centre_id")
    if p1_a0.centre_id != world.centre_a0.pk:
        p1_a0, p1_a = p1_a, p1_a0
    for klass_, lecturer, days in ((k1, p1_a0, (3, 4)), (k3, p1_a, (8, 9))):
        month = klass_.start_date.month
        Session.objects.bulk_create([
            Session(klass=klass_, date=D(2025, month, day), part=part, periods=4, lecturer=lecturer,
                    attendance_taken=True)
            for day in days for part in ("morning", "afternoon")])
    for lecturer in (p1_a0, p1_a):
        LoadPost.objects.create(lecturer=lecturer, year=2025, post="director")
    LoadEntry.objects.create(lecturer=p1_a, year=2025, kind="work", coefficient_code="topic_new", quantity=1)
    template = SurveyTemplate.objects.filter(is_editable_default=True).first()
    question = template.questions.filter(kind="rating").first()
    counted = Survey.objects.create(klass=k1, template=template, learners=3, valid_forms=3, opened_by=world.officer_a,
                                    status="closed")
    item = SurveyItem.objects.create(survey=counted, order=1, question=question, kind="rating",
                                     section=question.section)
    RatingCount.objects.bulk_create([RatingCount(item=item, score=8, count=2), RatingCount(item=item, score=9, count=1)])
    thin = Survey.objects.create(klass=k3, template=template, learners=2, valid_forms=1, opened_by=world.officer_a)
    thin_item = SurveyItem.objects.create(survey=thin, order=1, question=question, kind="rating",
                                          section=question.section)
    RatingCount.objects.create(item=thin_item, score=2, count=1)
    ClosingReport.objects.create(klass=k1, status="final")
