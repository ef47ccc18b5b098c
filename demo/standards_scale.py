"""Synthetic centres' training year for the standards benchmark: a plan, classes with learners, sessions,
attendance, results, certificates and a lecture hall, so every computed indicator has data.

Written for the year before the current one (the centres' first year after 1/7/2025), one COPY per table
(bulk_create off PostgreSQL) and a fixed number of queries per chunk of centres; centres that already have a plan for that year are skipped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, CertificateRegister
from core.bulk import create_rows, insert_rows
from core.text import search_key
from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion, Topic
from facilities.models import Room
from lecturers.models import ClosingReport, RatingCount, Survey, SurveyItem, SurveyTemplate
from people.models import Lecturer, Person
from training.attendance import tallies
from training.models import AnnualPlan, Attendance, Enrolment, Klass, PlanLine, Result, Session

CLASSES, LEARNERS, FINISHED = 6, 20, 4
CODE = "SCALE-CHUAN"


def standards_year(today: dt.date) -> int:
    return today.year - 1


def _version() -> ProgrammeVersion:
    programme, _ = Programme.objects.get_or_create(code=CODE, defaults={
        "name": "Cập nhật kiến thức cho cán bộ cơ sở (dữ liệu đo hiệu năng)", "category": Category.POLITICAL_THEORY})
    version = programme.versions.filter(number=1).first()
    if version is None:
        version = ProgrammeVersion.objects.create(programme=programme, number=1, status=VersionStatus.PUBLISHED,
                                                  total_periods=8)
        Topic.objects.bulk_create([Topic(version=version, order=n, title=f"Chuyên đề {n}", lecture_periods=4)
                                   for n in (1, 2)])
    return version


def seed_standards(centres: list, *, today: dt.date) -> int:
    """Add the year's training data to the given synthetic centres; returns the number of classes written."""
    year = standards_year(today)
    ids = [c.pk for c in centres]
    done = set(AnnualPlan.objects.filter(centre_id__in=ids, year=year).values_list("centre_id", flat=True))
    todo = [c for c in centres if c.pk not in done]
    written = _classes(todo, year) if todo else 0
    _feedback_and_reports(ids, year)
    return written


def _feedback_and_reports(centre_ids: list[int], year: int) -> None:
    """Learner surveys on the first two classes of the year and final closing reports on three of the four
    finished ones, for the centres whose classes have none yet."""
    classes = list(Klass.objects.filter(centre_id__in=centre_ids, version__programme__code=CODE,
                                        start_date__year=year).exclude(surveys__isnull=False)
                   .exclude(closing_report__isnull=False).order_by("centre_id", "code"))
    template = SurveyTemplate.objects.filter(is_editable_default=True).prefetch_related("questions").first()
    opener = User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.get_or_create(
        username="du-lieu-mau", defaults={"is_active": False, "first_name": "Dữ liệu mẫu"})[0]
    if template is None:
        return
    surveyed = [k for k in classes if k.code.endswith(("-01", "-02"))]
    surveys = Survey.objects.bulk_create([
        Survey(klass=k, template=template, learners=LEARNERS, valid_forms=LEARNERS // 2, opened_by=opener,
               status=Survey.Status.CLOSED) for k in surveyed])
    ratings = [q for q in template.questions.all() if q.kind == "rating"][:3]
    items = SurveyItem.objects.bulk_create([
        SurveyItem(survey=s, order=n, question=q, kind=q.kind, section=q.section)
        for s in surveys for n, q in enumerate(ratings, start=1)])
    RatingCount.objects.bulk_create([RatingCount(item=item, score=score, count=count)
                                     for item in items for score, count in ((7, 3), (8, 5), (9, 2))])
    ClosingReport.objects.bulk_create([ClosingReport(klass=k, status=ClosingReport.Status.FINAL)
                                       for k in classes if k.code.endswith(("-01", "-02", "-03"))])


def _classes(todo: list, year: int) -> int:
    version = _version()
    todo_ids = [c.pk for c in todo]
    learners: dict[int, list[int]] = {}
    for centre_id, person_id in (Person.objects.filter(centre_id__in=todo_ids, sending_organisation__isnull=False)
                                 .annotate(n=Window(RowNumber(), partition_by=[F("centre_id")], order_by=F("id").asc()))
                                 .filter(n__lte=LEARNERS * 2).values_list("centre_id", "id")):
        learners.setdefault(centre_id, []).append(person_id)
    teachers: dict[int, dict[str, int]] = {}
    for centre_id, lecturer_id, kind in Lecturer.objects.filter(centre_id__in=todo_ids).values_list(
            "centre_id", "id", "kind").order_by("id"):
        teachers.setdefault(centre_id, {}).setdefault(kind, lecturer_id)

    plans = create_rows(AnnualPlan, [
        AnnualPlan(centre=c, year=year, status=AnnualPlan.Status.APPROVED, approval_issuer="Ban Thường vụ Đảng ủy xã",
                   approval_number="01-QĐ/ĐU", approval_date=dt.date(year, 7, 5)) for c in todo])
    insert_rows(PlanLine, [PlanLine(plan=p, programme=version.programme, quarter=3, planned_classes=CLASSES,
                                           planned_learners=CLASSES * LEARNERS) for p in plans])
    Room.objects.bulk_create([Room(centre=c, name="Hội trường chính", kind=Room.Kind.LECTURE_HALL, seats=120)
                              for c in todo], ignore_conflicts=True)
    classes = []
    for c in todo:
        for k in range(CLASSES):
            start = dt.date(year, 7, 7) + dt.timedelta(days=14 * k)
            finished = k < FINISHED
            approved = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=6), dt.time(9)))
            code = f"{c.code}-{year}-{k + 1:02d}"
            classes.append(Klass(
                centre=c, version=version, code=code, name=f"Lớp cập nhật kiến thức {k + 1}", start_date=start,
                end_date=start + dt.timedelta(days=3), status=Klass.Status.CLOSED if finished else Klass.Status.IN_PROGRESS,
                opening_decision_number=f"{k + 1:02d}-QĐ/TTCT", opening_decision_date=start - dt.timedelta(days=7),
                results_approved_at=approved if finished else None,
                recognition_decision_number=f"{20 + k:02d}-QĐ/TTCT" if finished else "",
                search_text=search_key(f"{code} lop cap nhat kien thuc")))
    classes = create_rows(Klass, classes)
    enrolments = create_rows(Enrolment, [
        Enrolment(klass=k, person_id=person_id)
        for k in classes for person_id in _slice(learners.get(k.centre_id, []), int(k.code[-2:]))])
    by_class: dict[int, list[Enrolment]] = {}
    for e in enrolments:
        by_class.setdefault(e.klass_id, []).append(e)
    topics = list(version.topics.all())
    sessions = create_rows(Session, [
        Session(klass=k, date=k.start_date, part=part, periods=4, topic=topics[n],
                lecturer_id=teachers.get(k.centre_id, {}).get("full_time" if n == 0 else "part_time"),
                attendance_taken=True)
        for k in classes for n, part in enumerate(("morning", "afternoon"))])
    insert_rows(Attendance, [
        Attendance(session=s, enrolment=e, status="excused" if (s.pk + e.pk) % 9 == 0 else "present")
        for s in sessions for e in by_class.get(s.klass_id, [])])
    tallies.refresh_classes(k.pk for k in classes)
    finished = {k.pk: k for k in classes if k.status == Klass.Status.CLOSED}
    results = [Result(enrolment=e, completed=n % 10 != 9, final_score=Decimal("7.5"))
               for kid in finished for n, e in enumerate(by_class.get(kid, []))]
    insert_rows(Result, results)
    CertificateRegister.objects.bulk_create([CertificateRegister(centre=c, year=year) for c in todo],
                                            ignore_conflicts=True)
    registers = {r.centre_id: r for r in CertificateRegister.objects.filter(centre_id__in=todo_ids, year=year)}
    numbers: dict[int, int] = {}
    certificates = []
    for result in results:
        if not result.completed:
            continue
        k = finished[result.enrolment.klass_id]
        numbers[k.centre_id] = numbers.get(k.centre_id, 0) + 1
        certificates.append(Certificate(
            register=registers[k.centre_id], number=numbers[k.centre_id], enrolment=result.enrolment,
            issued_on=k.end_date + dt.timedelta(days=10 if numbers[k.centre_id] % 8 else 45),
            learner_name="Học viên", programme_name=version.programme.name, class_code=k.code, class_start=k.start_date,
            class_end=k.end_date, centre_name=k.centre.name))
    insert_rows(Certificate, certificates)
    return len(classes)


def _slice(people: list[int], k: int) -> list[int]:
    """LEARNERS of the centre's learners for class k, overlapping between classes (some learn twice)."""
    if not people:
        return []
    start = (k * 7) % len(people)
    return [people[(start + n) % len(people)] for n in range(min(LEARNERS, len(people)))]
