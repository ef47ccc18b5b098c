"""Demo classes at the demo centre, one in every state, so a new user sees a living centre.

Everything goes through the same services the pages use (open, enrol, timetable, attendance, scores,
approval, certificates), acted by the demo officer and director, so the demo data obeys every rule.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError

from accounts.models import User
from certificates.services import issue_certificates
from curriculum.models import ProgrammeVersion
from facilities.models import Room
from people.models import Lecturer, Person
from training.attendance.services import record_attendance
from training.classes.services import open_class, transition_class
from training.models import AnnualPlan, Klass, PlanLine
from training.nominations.enrolment import enrol_person
from training.plans.services import approve_plan, create_plan, save_plan_line
from training.results.services import approve_results, record_scores, set_recognition_decision
from training.timetable.generator import generate_timetable
from training.timetable.services import load_public_holidays

OVERRIDE = "Dữ liệu minh họa của hệ thống"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _version(code: str) -> ProgrammeVersion:
    return ProgrammeVersion.objects.filter(programme__code=code, status="published").order_by("-number").first()


def _teach_catalogue(centre, versions: list[ProgrammeVersion]) -> None:
    """Give the centre's full-time lecturers the catalogue's topic titles, so the generator finds teachers."""
    lecturers = list(Lecturer.objects.filter(centre=centre, active=True, kind=Lecturer.Kind.FULL_TIME).order_by("id"))
    if not lecturers:
        return
    titles = [topic.title for version in versions for topic in version.topics.all()]
    for index, title in enumerate(titles):
        for lecturer in (lecturers[index % len(lecturers)], lecturers[(index + 1) % len(lecturers)]):
            if title not in lecturer.topic_list:
                lecturer.topics = "\n".join([*lecturer.topic_list, title])
    Lecturer.objects.bulk_update(lecturers, ["topics"])


def _enrol(officer, klass, persons, *, rng) -> list:
    enrolments = []
    for person in persons:
        try:
            enrolments.append(enrol_person(actor=officer, klass=klass, person=person))
        except ValidationError:
            enrolments.append(enrol_person(actor=officer, klass=klass, person=person, override_reason=OVERRIDE))
    return enrolments


def _attend(officer, klass, today, rng) -> None:
    enrolment_ids = list(klass.enrolments.filter(status="enrolled").values_list("id", flat=True))
    for session in klass.sessions.filter(date__lte=today).order_by("date", "part"):
        marks = {}
        for enrolment_id in rng.sample(enrolment_ids, k=min(2, len(enrolment_ids))):
            marks[enrolment_id] = rng.choice(["excused", "unexcused", "late"])
        record_attendance(actor=officer, session=session, marks=marks, today=today)


def _score(officer, klass, rng, *, share: float = 1.0) -> None:
    components = list(klass.version.components.all())
    enrolments = list(klass.enrolments.filter(status="enrolled").order_by("id"))
    entries = {}
    for enrolment in enrolments[: int(len(enrolments) * share)]:
        for component in components:
            value = max(3.0, min(10.0, rng.gauss(7.6, 1.1)))
            entries[(enrolment.pk, component.pk)] = f"{value:.1f}".replace(".", ",")
    if entries:
        record_scores(actor=officer, klass=klass, entries=entries)


def _run_class(officer, director, *, centre, version, start, end, room, persons, today, rng, state, number,
               plan_line=None) -> Klass:
    klass = open_class(
        actor=officer, centre=centre, version=version, start_date=start, end_date=end, room=room, capacity=60,
        plan_line=plan_line,
        opening_decision_number=f"{number}-QĐ/TTCT" if state != "planned" else "",
        opening_decision_date=start - dt.timedelta(days=14) if state != "planned" else None,
        # The demo's dates follow today's, so a class may fall outside its plan line's quarter.
        warning_reason="Lịch lớp điều chỉnh theo tình hình thực tế của địa phương",
    )
    if state == "planned":
        return klass
    klass = transition_class(actor=officer, klass=klass, to_status=Klass.Status.OPEN)
    _enrol(officer, klass, persons, rng=rng)
    generate_timetable(actor=officer, klass=klass)
    if state == "open":
        return klass
    klass = transition_class(actor=officer, klass=klass, to_status=Klass.Status.IN_PROGRESS)
    _attend(officer, klass, today, rng)
    if state == "in_progress":
        _score(officer, klass, rng, share=0.4)
        return klass
    _score(officer, klass, rng)
    klass = approve_results(actor=director, klass=klass)
    set_recognition_decision(actor=officer, klass=klass, number=f"{number + 1}-QĐ/TTCT", date=end + dt.timedelta(days=3))
    issue_certificates(actor=officer, klass=klass, issued_on=min(end + dt.timedelta(days=5), today))
    if state == "closed":
        klass = transition_class(actor=officer, klass=klass, to_status=Klass.Status.CLOSED)
    return klass


def build_classes(*, today: dt.date, seed: int) -> str:
    officer = User.objects.get(username="daotao")
    director = User.objects.get(username="giamdoc")
    centre = officer.role_assignments.get(role="training_officer").centre
    if Klass.objects.filter(centre=centre).exists():
        return "đã có lớp học minh họa"
    rng = random.Random(seed)
    load_public_holidays()
    codes = ["QPAN-DT4", "NTVD", "NVCTD-BTCB", "DVM", "SCLLCT"]
    versions = {code: _version(code) for code in codes}
    _teach_catalogue(centre, list(versions.values()))
    room, _ = Room.objects.get_or_create(centre=centre, name="Hội trường A", defaults={"seats": 80, "kind": "lecture_hall"})

    plan = AnnualPlan.objects.filter(centre=centre, year=today.year).first() or create_plan(
        actor=officer, centre=centre, year=today.year
    )
    lines = {}
    for quarter, code, classes, learners in [(1, "QPAN-DT4", 2, 80), (2, "NTVD", 3, 120), (3, "NVCTD-BTCB", 2, 90),
                                              (4, "DVM", 2, 60), (4, "SCLLCT", 1, 50)]:
        lines[code] = save_plan_line(actor=officer, line=PlanLine(
            plan=plan, programme=versions[code].programme, quarter=quarter, planned_classes=classes,
            planned_learners=learners, audience="Cán bộ, đảng viên cơ sở"))
    if plan.status != AnnualPlan.Status.APPROVED:
        approve_plan(actor=director, plan=plan, issuer="Ban Thường vụ Đảng ủy xã Yên Sơn", number="12-QĐ/ĐU",
                     date=dt.date(today.year, 1, 10))

    people = list(Person.objects.filter(centre=centre, archived=False).order_by("id"))
    # The demo learner (the "hocvien" login) takes a finished class and a running one, so that login's home
    # page shows a certificate, the next session and attendance; it is kept out of the other classes.
    learner_id = User.objects.filter(username="hocvien").values_list("person_id", flat=True).first()
    demo_learner = next((p for p in people if p.pk == learner_id), None)
    people = [p for p in people if p is not demo_learner]
    new_members = [p for p in people if p.party_admission_date and (today - p.party_admission_date).days < 330]
    others = [p for p in people if p not in new_members]
    rng.shuffle(others)
    monday = _monday(today)

    # The awareness course (NTVD) is for candidates for admission: its learners are persons not yet admitted,
    # topped up (with the demo's reason, as the warning asks) only when a small seed has too few of them.
    candidates = [p for p in others if not p.is_party_member][:35]
    candidates += [p for p in others if p.is_party_member][:35 - len(candidates)]

    def with_learner(persons: list) -> list:
        return [demo_learner, *persons[:-1]] if demo_learner and persons else persons

    def take(offset: int, count: int) -> list:
        # Consecutive learners, wrapping round when the demo has few persons (tests seed only 200).
        count = min(count, len(others))
        return [others[(offset + j) % len(others)] for j in range(count)]

    plan_of = [
        ("closed", "QPAN-DT4", monday - dt.timedelta(weeks=12), 4, with_learner(take(0, 30))),
        ("results_approved", "NTVD", monday - dt.timedelta(weeks=5), 4, candidates),
        ("in_progress", "SCLLCT", monday - dt.timedelta(weeks=2), 40, with_learner(take(65, 40))),
        ("open", "DVM", monday + dt.timedelta(weeks=3), 11, new_members[:15]),
        ("planned", "NVCTD-BTCB", monday + dt.timedelta(weeks=8), 4, []),
    ]
    made = []
    for index, (state, code, start, days, persons) in enumerate(plan_of):
        made.append(_run_class(
            officer, director, centre=centre, version=versions[code], start=start,
            end=start + dt.timedelta(days=days + 2 * (days // 5)), room=room, persons=persons, today=today, rng=rng,
            state=state, number=20 + index * 2, plan_line=lines[code] if start.year == plan.year else None,
        ))
    return ", ".join(f"{k.code} ({k.get_status_display()})" for k in made)
