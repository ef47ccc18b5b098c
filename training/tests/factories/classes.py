"""Builders of the classes and plans tests: versions, rooms, plans, classes, enrolments, sessions."""

from __future__ import annotations

import datetime as dt
import itertools

from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion, Topic
from facilities.models import Room
from training.models import AnnualPlan, Enrolment, Klass, PlanLine, Session
from training.tests.factories import EnrolmentFactory, KlassFactory, SessionFactory

_n = itertools.count(1)
START = dt.date(2026, 3, 2)


def version(code: str = "DVM", status: str = VersionStatus.PUBLISHED, **programme) -> ProgrammeVersion:
    prog = Programme.objects.filter(code=code).first() or Programme.objects.create(
        code=code, name=programme.pop("name", "Lý luận chính trị dành cho đảng viên mới"),
        category=Category.POLITICAL_THEORY, **programme,
    )
    number = (prog.versions.count() or 0) + 1
    ver = ProgrammeVersion.objects.create(programme=prog, number=number, status=status, total_periods=8,
                                          document_number="12-QĐ/BTGTW", issuer="Ban Tuyên giáo Trung ương",
                                          document_date=dt.date(2022, 1, 5))
    Topic.objects.create(version=ver, order=1, code="CĐ1", title="Chuyên đề 1", lecture_periods=4)
    Topic.objects.create(version=ver, order=2, code="CĐ2", title="Chuyên đề 2", lecture_periods=4)
    return ver


def room(centre, name: str | None = None, seats: int = 60, **kw) -> Room:
    return Room.objects.create(centre=centre, name=name or f"Phòng {next(_n)}", seats=seats, **kw)


def plan(centre, year: int = 2026, approved: bool = False, lines=()) -> AnnualPlan:
    p = AnnualPlan.objects.create(centre=centre, year=year)
    for programme, quarter, classes, learners in lines:
        PlanLine.objects.create(plan=p, programme=programme, quarter=quarter, planned_classes=classes,
                                planned_learners=learners)
    if approved:
        p.status = AnnualPlan.Status.APPROVED
        p.approval_issuer, p.approval_number, p.approval_date = "Ban Thường vụ Đảng ủy", "45-QĐ/ĐU", dt.date(2026, 1, 10)
        p.save()
    return p


def klass(centre, ver=None, status: str = Klass.Status.PLANNED, **kw) -> Klass:
    ver = ver or version()
    n = next(_n)
    values = {
        "code": f"T-{n:04d}", "name": f"Lớp thử {n}", "start_date": START, "end_date": START + dt.timedelta(days=4),
        "capacity": 60,
    }
    values.update(kw)
    if status != Klass.Status.PLANNED:
        values.setdefault("opening_decision_number", f"{n}-QĐ/TTCT")
        values.setdefault("opening_decision_date", START - dt.timedelta(days=7))
    return KlassFactory(centre=centre, version=ver, status=status, **values)


def enrol(k: Klass, person, status: str = Enrolment.Status.ENROLLED) -> Enrolment:
    return EnrolmentFactory(klass=k, person=person, status=status)


def session(k: Klass, day: int = 0, part: str = Session.Part.MORNING, **kw) -> Session:
    kw.setdefault("topic", None)
    return SessionFactory(klass=k, date=k.start_date + dt.timedelta(days=day), part=part, **kw)
