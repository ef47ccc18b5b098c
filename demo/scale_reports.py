"""Classes, results, certificates and a submitted quarterly report for every synthetic centre.

So the report benchmarks have something to count: per centre a plan of four programmes, two classes a
quarter up to today (40 learners each, results and certificates for those that ended), and the report of
the last finished quarter generated and submitted through the report services. The classes of all
centres go in with one COPY per table (bulk_create off PostgreSQL); a centre that already has its
classes is skipped, so a re-run only adds what is missing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from certificates.models import Certificate, CertificateRegister
from core.bulk import analyse, create_rows, insert_rows
from core.text import search_key
from curriculum.choices import Classification
from curriculum.models import ProgrammeVersion
from org.models import Centre
from people.models import Person
from reports import services
from reports.models import Report, ReportKind
from training.models import AnnualPlan, Enrolment, Klass, PlanLine, Result

PROGRAMMES = ["DVM", "NTVD", "SCLLCT", "QPAN-DT4"]
LEARNERS = 40
CLASSES_PER_QUARTER = 2
BANDS = [Classification.EXCELLENT, Classification.VERY_GOOD, Classification.GOOD, Classification.GOOD,
         Classification.AVERAGE]
ACTOR = "he-thong-so-lieu"  # the system account that submits the synthetic reports; it cannot log in
TEXTS = {"results": "Hoàn thành kế hoạch đào tạo, bồi dưỡng của quý.", "proposals": "Tiếp tục bồi dưỡng giảng viên."}


def _actor() -> User:
    user, created = User.objects.get_or_create(username=ACTOR, defaults={"first_name": "Hệ thống"})
    if created:
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, role=Role.SYSTEM_ADMIN)
    return user


def _last_finished_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def _classes_for(centres: list[Centre], versions, year: int, today: dt.date, rng) -> int:
    """Plans, classes, learners, results and certificates of these centres: one COPY per table."""
    persons = {centre.pk: list(Person.objects.filter(centre=centre).order_by("id").values_list("id", flat=True)[:1000])
               for centre in centres}
    plans = create_rows(AnnualPlan, [
        AnnualPlan(centre=centre, year=year, status=AnnualPlan.Status.APPROVED, approval_issuer="Ban Thường vụ Đảng ủy",
                   approval_number="01-QĐ/ĐU", approval_date=dt.date(year, 1, 10)) for centre in centres])
    lines = create_rows(PlanLine, [
        PlanLine(plan=plan, programme=v.programme, quarter=q, planned_classes=3, planned_learners=3 * LEARNERS,
                 audience="Cán bộ, đảng viên cơ sở") for plan in plans for q, v in enumerate(versions, start=1)])
    lines_of: dict[int, list[PlanLine]] = {}
    for line in lines:
        lines_of.setdefault(line.plan.centre_id, []).append(line)
    classes = []
    for centre in centres:
        mine = lines_of[centre.pk]
        for q in range(1, 5):
            for n in range(CLASSES_PER_QUARTER):
                start = dt.date(year, 3 * q - 2, 5 + 20 * n)
                if start > today:
                    continue
                end = start + dt.timedelta(days=4)
                status = Klass.Status.CLOSED if end < today else Klass.Status.IN_PROGRESS
                version = versions[(q + n) % len(versions)]
                code = f"SCK-{centre.code}-{year}-{q}{n}"
                classes.append(Klass(centre=centre, version=version, plan_line=mine[(q + n) % len(mine)], code=code,
                                     name=f"Lớp {version.programme.name} quý {q}", start_date=start, end_date=end,
                                     status=status, opening_decision_number=f"{q}{n}-QĐ/TTCT",
                                     opening_decision_date=start - dt.timedelta(days=10),
                                     search_text=search_key(code)))
    create_rows(Klass, classes)
    enrolments, index_of = [], {}
    for klass in classes:
        index = index_of[klass.centre_id] = index_of.get(klass.centre_id, -1) + 1
        people = persons[klass.centre_id]
        chosen = people[(index * LEARNERS) % max(len(people) - LEARNERS, 1):][:LEARNERS]
        enrolments += [Enrolment(klass=klass, person_id=pk) for pk in chosen]
    create_rows(Enrolment, enrolments)
    results, done = [], []
    for enrolment in enrolments:
        if enrolment.klass.status != Klass.Status.CLOSED:
            continue
        completed = rng.random() < 0.93
        results.append(Result(enrolment=enrolment, completed=completed, final_score=7 if completed else 4,
                              classification=rng.choice(BANDS) if completed else Classification.FAIL))
        if completed:
            done.append(enrolment)
    insert_rows(Result, results)
    completers: dict[int, int] = {}
    for enrolment in done:
        completers[enrolment.klass.centre_id] = completers.get(enrolment.klass.centre_id, 0) + 1
    registers = {r.centre_id: r for r in create_rows(CertificateRegister, [
        CertificateRegister(centre=centre, year=year, next_number=completers.get(centre.pk, 0) + 1)
        for centre in centres])}
    numbers: dict[int, int] = {}
    certificates = []
    for e in done:
        klass = e.klass
        numbers[klass.centre_id] = numbers.get(klass.centre_id, 0) + 1
        certificates.append(Certificate(
            register=registers[klass.centre_id], number=numbers[klass.centre_id], enrolment=e,
            issued_on=klass.end_date + dt.timedelta(days=7), learner_name="Học viên",
            programme_name=klass.version.programme.name, class_code=klass.code, class_start=klass.start_date,
            class_end=klass.end_date, centre_name=klass.centre.name))
    insert_rows(Certificate, certificates)
    return len(classes)


def seed_scale_reports(*, prefix: str, stdout: TextIO, today: dt.date | None = None, seed: int = 2025) -> dict:
    today = today or timezone.localdate()
    rng = random.Random(seed)
    versions = [ProgrammeVersion.objects.filter(programme__code=code, status="published").order_by("-number").first()
                for code in PROGRAMMES]
    versions = [v for v in versions if v is not None]
    if not versions:
        stdout.write("  báo cáo: bỏ qua (chưa có danh mục chương trình)\n")
        return {"classes": 0, "reports": 0}
    kind = ReportKind.objects.get(code="quarterly")
    year, quarter = _last_finished_quarter(today)
    centres = list(Centre.objects.filter(code__startswith=prefix).order_by("code"))
    with_classes = set(Klass.objects.filter(centre__in=centres, code__startswith="SCK-").values_list("centre_id", flat=True))
    reported = set(Report.objects.filter(centre__in=centres, kind=kind, year=year, number=quarter)
                   .values_list("centre_id", flat=True))
    actor = _actor()
    totals = {"classes": 0, "reports": 0}
    todo = [centre for centre in centres if centre.pk not in with_classes]
    if todo:
        with transaction.atomic():
            totals["classes"] += _classes_for(todo, versions, today.year, today, rng)
        analyse()
    for centre in centres:
        with transaction.atomic():
            if centre.pk not in reported:
                report = services.generate_report(actor=actor, centre=centre, kind=kind, year=year, number=quarter)
                services.save_texts(actor=actor, report=report, texts=TEXTS)
                services.submit_report(actor=actor, report=report)
                totals["reports"] += 1
    stdout.write(f"  báo cáo: {totals['classes']} lớp, {totals['reports']} báo cáo quý {quarter}/{year} đã gửi\n")
    return totals
