"""Builders of the results and certificates tests: a programme version with its rules, a class with its
learners and timetable, scores, absences, an approved class, a centre with a director and a host."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from curriculum.choices import CertificateType, GradingScheme
from org.models import CentreHost
from people.models import StaffAssignment
from tests import factories as f
from training.attendance import tallies
from training.models import Attendance, Klass, Session
from training.results.services import approve_results, recompute_results
from training.tests.factories import (
    START,
    AssessmentComponentFactory,
    EnrolmentFactory,
    GradeBandFactory,
    KlassFactory,
    ProgrammeVersionFactory,
    ScoreFactory,
    SessionFactory,
)

DEFAULT_BANDS = [
    ("excellent", "9.0", "10.0", True),
    ("very_good", "8.0", "9.0", True),
    ("good", "7.0", "8.0", True),
    ("average", "5.0", "7.0", True),
    ("fail", "0.0", "5.0", False),
]


def make_version(
    *,
    scheme=GradingScheme.TEN_POINT,
    components=(("Bài thu hoạch", "40", True), ("Bài kiểm tra", "60", True)),
    topics=(("Chuyên đề 1", 8), ("Chuyên đề 2", 4)),
    certificate_type=CertificateType.CERTIFICATE,
    min_final_score="5.0",
    max_absence="20",
):
    version = ProgrammeVersionFactory(
        programme__name="Lý luận chính trị dành cho đảng viên mới",
        grading_scheme=scheme,
        certificate_type=certificate_type,
        max_absence_percent=Decimal(max_absence),
        min_final_score=Decimal(min_final_score) if min_final_score is not None else None,
        issuer="Ban Tuyên giáo Trung ương",
        document_number="01-HD/BTGTW",
        document_date=dt.date(2024, 1, 2),
        topics=topics,
    )
    for order, (name, weight, required) in enumerate(components, start=1):
        AssessmentComponentFactory(version=version, order=order, name=name, weight=Decimal(weight), required=required)
    for order, (classification, lo, hi, passing) in enumerate(DEFAULT_BANDS, start=1):
        GradeBandFactory(version=version, order=order, classification=classification, min_score=Decimal(lo),
                         max_score=Decimal(hi), passing=passing)
    return version


def make_class(
    world,
    *,
    version=None,
    learners=3,
    status=Klass.Status.IN_PROGRESS,
    centre=None,
    schedule=True,
    sessions_extra=0,
    **version_options,
) -> Klass:
    """A class of the centre (A by default) with learners and a timetable that covers every topic."""
    version = version or make_version(**version_options)
    centre = centre or world.centre_a
    klass = KlassFactory(
        centre=centre,
        version=version,
        code=factory.Sequence(lambda n: f"DVM-2026-{n + 1:02d}"),
        name=factory.Sequence(lambda n: f"Lớp đảng viên mới khóa {n + 1}"),
        start_date=START,
        end_date=START + dt.timedelta(days=11),
        status=status,
        opening_decision_number=factory.Sequence(lambda n: f"{n + 1}-QĐ/TTCT"),
        opening_decision_date=START - dt.timedelta(days=7),
    )
    EnrolmentFactory.create_batch(learners, klass=klass)
    if schedule:
        day = START
        for topic in version.topics.order_by("order"):
            left = topic.total_periods
            while left > 0:
                periods = min(4, left)
                SessionFactory(klass=klass, date=day, part=Session.Part.MORNING, periods=periods, topic=topic)
                day += dt.timedelta(days=1)
                left -= periods
        for _i in range(sessions_extra):
            SessionFactory(klass=klass, date=day, part=Session.Part.AFTERNOON, periods=4, topic=None)
            day += dt.timedelta(days=1)
    return klass


def enrolments(klass):
    return list(klass.enrolments.select_related("person").order_by("person__sort_key", "pk"))


def fill_scores(klass, values) -> None:
    """values: one list of component scores per learner, in name order (None leaves a cell empty)."""
    components = list(klass.version.components.order_by("order"))
    for enrolment, row in zip(enrolments(klass), values, strict=False):
        for component, value in zip(components, row, strict=True):
            if value is not None:
                ScoreFactory(enrolment=enrolment, component=component, value=Decimal(str(value)))
    recompute_results(klass=klass)


def mark_absent(klass, enrolment, count: int) -> None:
    for session in klass.sessions.order_by("date")[:count]:
        Attendance.objects.create(session=session, enrolment=enrolment, status=Attendance.Status.UNEXCUSED)
    tallies.refresh([enrolment.pk])


def approved_class(world, *, learners=3, scores=None, **options) -> Klass:
    """A class whose results the director approved: everyone completed unless `scores` says otherwise."""
    klass = make_class(world, learners=learners, **options)
    fill_scores(klass, scores or [[8, 7]] * learners)
    return approve_results(actor=world.director_a, klass=klass)


def staff_the_centre(world) -> None:
    """A director on the staff list and a host committee, for documents and certificates."""
    CentreHost.objects.create(
        centre=world.centre_a, committee_name="Đảng ủy xã Yên Sơn", valid_from=dt.date(2025, 7, 1)
    )
    director = f.PersonFactory(centre=world.centre_a, family_name="Đỗ", middle_name="Minh", given_name="Trí")
    StaffAssignment.objects.create(
        centre=world.centre_a,
        person=director,
        position=StaffAssignment.Position.DIRECTOR,
        start_date=dt.date(2025, 7, 1),
    )
